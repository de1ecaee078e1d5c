package org.memspice.memprop.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.memspice.memprop.net.DevicePairs;
import org.memspice.memprop.net.IdealWeights;
import org.memspice.memprop.net.LayerGradient;
import org.memspice.memprop.net.Network;
import org.memspice.memprop.net.NetworkSpec;
import org.memspice.memprop.net.Synapse;
import org.memspice.spice.output.AtomicFiles;

/**
 * A training run's whole state after an epoch: the network's description (properties), its
 * weights (SPICEprop) or device states (MEMprop), the optimizer's moments, the epoch log, and a
 * CRC-32 over all of it. Written to a temporary file beside the target and moved into place, so
 * a crash leaves the previous checkpoint intact; read back, it continues the run exactly.
 */
public final class Checkpoint {
    /** The checkpoint's file name inside a run's output folder. */
    public static final String FILE = "checkpoint.msp";
    private static final byte[] MAGIC = "MEMSPICE-CHECKPOINT\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    /** What a checkpoint holds. */
    public record Contents(Network network, TrainingConfig training, Optimizer optimizer, int epochsDone, List<EpochRecord> history) {
    }

    private Checkpoint() {
    }

    /** The checkpoint file of a folder, or the path itself when it is a file. */
    public static Path locate(Path fileOrFolder) {
        return Files.isDirectory(fileOrFolder) ? fileOrFolder.resolve(FILE) : fileOrFolder;
    }

    public static void write(Path target, Contents c) throws IOException {
        AtomicFiles.write(target, tmp -> {
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream file = java.nio.channels.Channels.newOutputStream(channel)) {
                CRC32 crc = new CRC32();
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(file, crc), 1 << 16));
                out.write(MAGIC);
                out.writeInt(VERSION);
                Properties p = c.network().spec.toProperties();
                p.putAll(c.training().toProperties());
                p.setProperty("epochs-done", Integer.toString(c.epochsDone()));
                StringWriter text = new StringWriter();
                p.store(text, "memspice training checkpoint");
                writeString(out, text.toString());
                out.writeInt(c.history().size());
                for (EpochRecord r : c.history()) {
                    writeString(out, r.csv());
                }
                Network net = c.network();
                for (int l = 0; l < net.layerCount(); l++) {
                    Synapse s = net.synapse(l);
                    out.writeDouble(net.weightUnit(l));
                    if (net.store(l) instanceof DevicePairs d) {
                        out.writeByte(1);
                        out.writeDouble(d.columnGain());
                        out.writeLong(d.seed());
                        out.writeLong(d.pulses());
                        out.writeLong(d.blockedPulses());
                        writeArray(out, d.xPlus);
                        writeArray(out, d.xMinus);
                    } else {
                        out.writeByte(0);
                        writeArray(out, s.weights());
                        writeArray(out, s.bias());
                    }
                }
                Optimizer o = c.optimizer();
                out.writeBoolean(o != null);
                if (o != null) {
                    out.writeByte(o.kind().ordinal());
                    out.writeLong(o.steps);
                    for (int l = 0; l < net.layerCount(); l++) {
                        writeArray(out, o.first[l].w);
                        writeArray(out, o.first[l].b);
                        writeArray(out, o.second[l].w);
                        writeArray(out, o.second[l].b);
                    }
                }
                out.flush();
                long sum = crc.getValue();
                out.writeLong(sum);
                out.flush();
                channel.force(true);
            }
        });
    }

    /**
     * Reads a checkpoint.
     *
     * @throws CheckpointException naming the file and what is wrong with it
     */
    public static Contents read(Path path) {
        try (InputStream file = Files.newInputStream(path)) {
            CRC32 crc = new CRC32();
            CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(file, 1 << 16), crc);
            DataInputStream in = new DataInputStream(checked);
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new CheckpointException(path + ": not a memspice checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new CheckpointException(path + ": checkpoint version " + version + "; this memspice reads version " + VERSION);
            }
            Properties p = new Properties();
            p.load(new StringReader(readString(in)));
            NetworkSpec spec;
            TrainingConfig training;
            int epochsDone;
            try {
                spec = NetworkSpec.fromProperties(p);
                training = TrainingConfig.fromProperties(p);
                epochsDone = Integer.parseInt(p.getProperty("epochs-done"));
            } catch (RuntimeException e) {
                throw new CheckpointException(path + ": corrupted description (" + e.getMessage() + ")");
            }
            int lines = in.readInt();
            if (lines < 0 || lines > 1_000_000) {
                throw new CheckpointException(path + ": corrupted (epoch log of " + lines + " lines)");
            }
            List<EpochRecord> history = new ArrayList<>();
            for (int k = 0; k < lines; k++) {
                history.add(EpochRecord.parse(readString(in)));
            }
            Network net = Network.blank(spec);
            for (int l = 0; l < net.layerCount(); l++) {
                Synapse s = net.synapse(l);
                try {
                    net.setWeightUnit(l, in.readDouble());
                } catch (IllegalArgumentException e) {
                    throw new CheckpointException(path + ": corrupted (" + e.getMessage() + ")");
                }
                int kind = in.readByte();
                if (kind == 1) {
                    if (spec.device() == null) {
                        throw new CheckpointException(path + ": corrupted (device states in a network without devices)");
                    }
                    double alpha = in.readDouble();
                    long seed = in.readLong();
                    long pulses = in.readLong();
                    long blocked = in.readLong();
                    DevicePairs d = new DevicePairs(s, spec.device(), seed, alpha);
                    readArray(in, d.xPlus, path);
                    readArray(in, d.xMinus, path);
                    d.setCounters(pulses, blocked);
                    d.refresh();
                    net.setStore(l, d);
                } else if (kind == 0) {
                    readArray(in, s.weights(), path);
                    readArray(in, s.bias(), path);
                    net.setStore(l, new IdealWeights(s));
                } else {
                    throw new CheckpointException(path + ": corrupted (layer " + (l + 1) + " of kind " + kind + ")");
                }
            }
            Optimizer opt = null;
            if (in.readBoolean()) {
                int kind = in.readByte();
                if (kind < 0 || kind >= Optimizer.Kind.values().length) {
                    throw new CheckpointException(path + ": corrupted (optimizer kind " + kind + ")");
                }
                LayerGradient[] shapes = new LayerGradient[net.layerCount()];
                for (int l = 0; l < shapes.length; l++) {
                    shapes[l] = net.synapse(l).newGradient();
                }
                opt = new Optimizer(Optimizer.Kind.values()[kind], training.momentum(), shapes);
                opt.steps = in.readLong();
                for (int l = 0; l < net.layerCount(); l++) {
                    readArray(in, opt.first[l].w, path);
                    readArray(in, opt.first[l].b, path);
                    readArray(in, opt.second[l].w, path);
                    readArray(in, opt.second[l].b, path);
                }
            }
            long expected = crc.getValue();
            long stored = in.readLong();
            if (stored != expected) {
                throw new CheckpointException(path + ": corrupted (checksum does not match)");
            }
            if (in.read() != -1) {
                throw new CheckpointException(path + ": corrupted (data after the checksum)");
            }
            return new Contents(net, training, opt, epochsDone, history);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(path + ": no such checkpoint");
        } catch (EOFException e) {
            throw new CheckpointException(path + ": truncated checkpoint");
        } catch (IOException e) {
            throw new CheckpointException(path + ": cannot read (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(path + ": corrupted (" + e.getMessage() + ")");
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 16 << 20) {
            throw new IOException("corrupted (a text of " + n + " bytes)");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeArray(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double d : a) {
            out.writeDouble(d);
        }
    }

    private static void readArray(DataInputStream in, double[] into, Path path) throws IOException {
        int n = in.readInt();
        if (n != into.length) {
            throw new CheckpointException(path + ": corrupted (an array of " + n + " values where the network has " + into.length + ")");
        }
        for (int k = 0; k < n; k++) {
            into[k] = in.readDouble();
        }
    }
}
