package org.memspice.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** A memspice run as a script sees it (exit code, stdout, stderr), and a small synthetic data set in MNIST's file format. */
public record CliRun(int code, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MemspiceCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Writes an IDX file of unsigned bytes, gzipped. */
    public static void idx(Path p, int[] dims, byte[] bytes) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(0x0800 | dims.length);
        for (int x : dims) {
            d.writeInt(x);
        }
        d.write(bytes);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
            o.write(b.toByteArray());
        }
    }

    /** {@code train} training and {@code test} test images of 28x28 in data/mnist/: each class a bar at its own position. */
    public static void syntheticMnist(Path data, int train, int test) throws IOException {
        Path m = Files.createDirectories(data.resolve("mnist"));
        SplittableRandom r = new SplittableRandom(4);
        for (String split : new String[] {"train", "t10k"}) {
            int n = split.equals("train") ? train : test;
            byte[] px = new byte[n * 784];
            byte[] lb = new byte[n];
            for (int k = 0; k < n; k++) {
                lb[k] = (byte) (k % 10);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        boolean bar = x >= 2 + 2 * lb[k] && x < 4 + 2 * lb[k];
                        px[k * 784 + y * 28 + x] = (byte) (bar ? 200 + r.nextInt(50) : r.nextInt(30));
                    }
                }
            }
            idx(m.resolve(split + "-images-idx3-ubyte.gz"), new int[] {n, 28, 28}, px);
            idx(m.resolve(split + "-labels-idx1-ubyte.gz"), new int[] {n}, lb);
        }
    }
}
