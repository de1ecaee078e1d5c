package org.memspice.stdp.net;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.memspice.spice.output.AtomicFiles;

/**
 * Where unsupervised training stands after {@code imagesDone} images: the network between
 * presentations and the training seconds spent so far. Images are presented in order with a
 * random stream of their own (seeded by the image's index), so this is all a run needs to go on
 * exactly as if it had not stopped.
 *
 * <p>The file (written atomically under a temporary name) starts with a fingerprint of the run:
 * the settings, seed and images it trains on. A run with another fingerprint refuses the file
 * instead of continuing someone else's training.
 */
public record TrainingCheckpoint(int imagesDone, double seconds, StdpNetwork.Snapshot network) {
    private static final String MAGIC = "memspice-stdp-checkpoint-1";

    public TrainingCheckpoint {
        if (imagesDone < 0 || !(seconds >= 0) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("checkpoint after " + imagesDone + " images and " + seconds + " s");
        }
    }

    /** Writes this checkpoint for the run {@code fingerprint} names. */
    public void write(Path file, String fingerprint) throws IOException {
        AtomicFiles.write(file, tmp -> {
            try (DataOutputStream d = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                d.writeUTF(MAGIC);
                d.writeUTF(fingerprint);
                d.writeInt(imagesDone);
                d.writeDouble(seconds);
                d.writeLong(network.events());
                d.writeLong(network.somaSteps());
                d.writeLong(network.networkSteps());
                writeArray(d, network.states());
                writeArray(d, network.theta());
            }
        });
    }

    /**
     * Reads a checkpoint written by {@link #write}; throws {@link IllegalArgumentException} with a
     * reason when the file is not one, is cut short, or belongs to a run with another fingerprint.
     */
    public static TrainingCheckpoint read(Path file, String fingerprint) throws IOException {
        return read(file, fingerprint, true);
    }

    /** Reads any run's checkpoint, whatever its fingerprint (for analyses of a trained network, not to continue it). */
    public static TrainingCheckpoint readAnyRun(Path file) throws IOException {
        return read(file, null, false);
    }

    private static TrainingCheckpoint read(Path file, String fingerprint, boolean check) throws IOException {
        DataInputStream d = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)));
        try {
            if (!MAGIC.equals(d.readUTF())) {
                throw new IllegalArgumentException("not a memspice stdp checkpoint");
            }
            String theirs = d.readUTF();
            if (check && !theirs.equals(fingerprint)) {
                throw new IllegalArgumentException("written by a run with other settings or images (" + theirs + "; this run: "
                        + fingerprint + ")");
            }
            int images = d.readInt();
            double seconds = d.readDouble();
            long events = d.readLong();
            long somaSteps = d.readLong();
            long networkSteps = d.readLong();
            double[] states = readArray(d);
            double[] theta = readArray(d);
            if (d.available() != 0) {
                throw new IllegalArgumentException(d.available() + " bytes after the end of the checkpoint");
            }
            return new TrainingCheckpoint(images, seconds, new StdpNetwork.Snapshot(states, theta, events, somaSteps, networkSteps));
        } catch (EOFException e) {
            throw new IllegalArgumentException("the file ends early");
        }
    }

    private static void writeArray(DataOutputStream d, double[] a) throws IOException {
        d.writeInt(a.length);
        for (double v : a) {
            d.writeDouble(v);
        }
    }

    private static double[] readArray(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > d.available() / 8) {
            throw new IllegalArgumentException("an array of " + n + " numbers does not fit in the file");
        }
        double[] a = new double[n];
        for (int k = 0; k < n; k++) {
            a[k] = d.readDouble();
        }
        return a;
    }
}
