package org.memspice.dse;

import java.util.SplittableRandom;
import org.memspice.dse.infer.MappedNetwork;
import org.memspice.dse.net.PlainNetwork;
import org.memspice.memprop.data.Dataset;

/** Small learnable image sets for the tests: each class a bar at its own place, with noise. */
public final class Synthetic {
    private Synthetic() {
    }

    /** n images of size x size in 4 classes: a bright horizontal or vertical bar, plus uniform noise of amplitude {@code noise}. */
    public static Dataset bars(int n, int size, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] images = new float[n * size * size];
        byte[] labels = new byte[n];
        for (int k = 0; k < n; k++) {
            int c = k % 4;
            labels[k] = (byte) c;
            int line = (c % 2 == 0 ? size / 4 : 3 * size / 4) + r.nextInt(3) - 1;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    boolean on = c < 2 ? y == line : x == line;
                    double v = (on ? 0.8 : 0.1) + noise * (r.nextDouble() - 0.5);
                    images[k * size * size + y * size + x] = (float) Math.max(0, Math.min(1, v));
                }
            }
        }
        return new Dataset("bars", images, labels, size, size);
    }

    public static int[] range(int from, int to) {
        int[] a = new int[to - from];
        for (int k = 0; k < a.length; k++) {
            a[k] = from + k;
        }
        return a;
    }

    /** Logits of image {@code index} through the mapped network. */
    static double[] mapped(MappedNetwork mn, Dataset d, int index) {
        PlainNetwork net = mn.network();
        return net.forward(d.images(), index * net.input().size(), net.new Scratch(), mn.newContext()).clone();
    }

    static double[] software(PlainNetwork net, Dataset d, int index) {
        return net.forward(d.images(), index * net.input().size(), net.new Scratch(), net.software()).clone();
    }

    /** A point with every non-ideality off: linear conductance cells, ideal lines, ideal converters. */
    static DesignPoint ideal() {
        DesignPoint p = new DesignPoint();
        p.cells = "conductance";
        p.idealLines = true;
        p.calibrationImages = 20;
        return p;
    }
}
