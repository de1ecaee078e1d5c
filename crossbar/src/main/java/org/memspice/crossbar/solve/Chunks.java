package org.memspice.crossbar.solve;

import java.util.stream.IntStream;

/**
 * Splits a loop over [0, n) into a fixed number of chunks run on the common fork-join pool when n
 * is large. The chunking depends on n only, never on the number of cores, so sums come out the
 * same on every machine.
 */
final class Chunks {
    /** Below this many iterations a loop runs in the calling thread. */
    static final int PARALLEL_MIN = 1 << 18;
    private static final int MAX_CHUNKS = 16;

    /** A loop body over [from, to). */
    interface Range {
        void run(int from, int to);
    }

    /** A partial sum over [from, to). */
    interface RangeSum {
        double sum(int from, int to);
    }

    private Chunks() {
    }

    static int count(int n) {
        return n < PARALLEL_MIN ? 1 : Math.min(MAX_CHUNKS, n / (PARALLEL_MIN / 2));
    }

    static void run(int n, Range body) {
        int chunks = count(n);
        if (chunks == 1) {
            body.run(0, n);
            return;
        }
        IntStream.range(0, chunks).parallel().forEach(c -> body.run(bound(n, chunks, c), bound(n, chunks, c + 1)));
    }

    static double sum(int n, RangeSum part) {
        int chunks = count(n);
        if (chunks == 1) {
            return part.sum(0, n);
        }
        double[] parts = new double[chunks];
        IntStream.range(0, chunks).parallel().forEach(c -> parts[c] = part.sum(bound(n, chunks, c), bound(n, chunks, c + 1)));
        double s = 0;
        for (double p : parts) {
            s += p;
        }
        return s;
    }

    private static int bound(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }
}
