package org.memspice.dse.stochastic;

import java.util.SplittableRandom;

/**
 * Stochastic bit streams packed 64 bits to a {@code long} (bit b of the stream is bit b % 64 of
 * word b / 64; bits past the length are zero), and the arithmetic of stochastic computing on them:
 * unipolar multiplication (AND: P = pa·pb for independent streams), bipolar multiplication (XNOR on
 * values v = 2p − 1: v = va·vb), scaled addition (a multiplexer driven by a select stream of
 * probability s: P = (1 − s)·pa + s·pb, s = 1/2 the usual scaled sum), and counters back to
 * binary (the number of ones).
 */
public final class Streams {
    private Streams() {
    }

    /** Words that hold {@code length} bits. */
    public static int words(int length) {
        return (length + 63) >>> 6;
    }

    /** The mask of the valid bits of the last word. */
    static long lastMask(int length) {
        int r = length & 63;
        return r == 0 ? -1L : (1L << r) - 1;
    }

    /**
     * Fills {@code out} with {@code length} independent bits that are 1 with probability
     * {@code p} (clamped to [0, 1]): each bit compares a uniform number, drawn bit by bit, with p's
     * binary expansion to 53 bits, 64 lanes at a time, and stops as soon as every lane has decided
     * (about 8 random words per 64 bits). P(1) is p rounded down to a multiple of 2^-53.
     */
    public static void bernoulli(double p, int length, SplittableRandom random, long[] out) {
        int n = words(length);
        if (!(p > 0)) {
            java.util.Arrays.fill(out, 0, n, 0L);
            return;
        }
        if (p >= 1) {
            java.util.Arrays.fill(out, 0, n, -1L);
            out[n - 1] &= lastMask(length);
            return;
        }
        long m = (long) (p * 0x1p53);
        for (int w = 0; w < n; w++) {
            long result = 0;
            long undecided = -1L;
            for (int b = 52; b >= 0 && undecided != 0; b--) {
                long r = random.nextLong();
                if (((m >>> b) & 1) != 0) {
                    result |= undecided & ~r;
                    undecided &= r;
                } else {
                    undecided &= ~r;
                }
            }
            out[w] = result;
        }
        out[n - 1] &= lastMask(length);
    }

    /** Ones in the first {@code length} bits: the counter that turns a stream back into a binary number. */
    public static int count(long[] a, int length) {
        int n = words(length);
        int c = 0;
        for (int w = 0; w < n - 1; w++) {
            c += Long.bitCount(a[w]);
        }
        return c + Long.bitCount(a[n - 1] & lastMask(length));
    }

    /** Ones of a AND b (unipolar product) counted without forming the stream. */
    public static int countAnd(long[] a, long[] b, int length) {
        int n = words(length);
        int c = 0;
        for (int w = 0; w < n; w++) {
            c += Long.bitCount(a[w] & b[w]);
        }
        return c; // bits past the length are zero in a
    }

    /** Ones of a XNOR b (bipolar product) in the first {@code length} bits. */
    public static int countXnor(long[] a, long[] b, int length) {
        int n = words(length);
        int c = 0;
        for (int w = 0; w < n - 1; w++) {
            c += Long.bitCount(~(a[w] ^ b[w]));
        }
        return c + Long.bitCount(~(a[n - 1] ^ b[n - 1]) & lastMask(length));
    }

    /** out = a AND b. */
    public static void and(long[] a, long[] b, int length, long[] out) {
        for (int w = 0; w < words(length); w++) {
            out[w] = a[w] & b[w];
        }
    }

    /** out = a XNOR b (bits past the length cleared). */
    public static void xnor(long[] a, long[] b, int length, long[] out) {
        int n = words(length);
        for (int w = 0; w < n; w++) {
            out[w] = ~(a[w] ^ b[w]);
        }
        out[n - 1] &= lastMask(length);
    }

    /** out = select ? b : a, bit by bit (the multiplexer of scaled addition). */
    public static void mux(long[] a, long[] b, long[] select, int length, long[] out) {
        for (int w = 0; w < words(length); w++) {
            out[w] = (a[w] & ~select[w]) | (b[w] & select[w]);
        }
    }

    /** The unipolar value of a stream: ones / length. */
    public static double unipolar(long[] a, int length) {
        return count(a, length) / (double) length;
    }

    /** The bipolar value of a stream: 2·ones/length − 1. */
    public static double bipolar(long[] a, int length) {
        return 2.0 * count(a, length) / length - 1;
    }

    /**
     * Stochastic cross-correlation (Alaghi and Hayes, ICCD 2013) of two streams: 0 for independent
     * streams, +1 for maximally overlapping ones (a AND b = the sparser of the two), −1 for
     * minimally overlapping ones; NaN when either stream is constant (it is then undefined).
     */
    public static double scc(long[] a, long[] b, int length) {
        return scc(unipolar(a, length), unipolar(b, length), countAnd(a, b, length) / (double) length);
    }

    /** SCC from the probabilities of two streams and of their AND. */
    public static double scc(double pa, double pb, double pab) {
        double d = pab - pa * pb;
        double norm = d > 0 ? Math.min(pa, pb) - pa * pb : pa * pb - Math.max(pa + pb - 1, 0);
        if (norm == 0) {
            return d == 0 && pa > 0 && pa < 1 && pb > 0 && pb < 1 ? 0 : Double.NaN;
        }
        return d / norm;
    }
}
