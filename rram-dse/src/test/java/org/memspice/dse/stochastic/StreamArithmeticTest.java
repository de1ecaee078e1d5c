package org.memspice.dse.stochastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Stochastic arithmetic against its exact expectation: for stream lengths 8 to 1,024, the counts
 * of AND (unipolar product), XNOR (bipolar product) and MUX (scaled sum) outputs over many
 * independent streams have the binomial mean and variance of their output probability, within
 * confidence bounds (5 standard errors of the mean and of the sample variance).
 */
class StreamArithmeticTest {
    private static final int REPEATS = 1500;
    private static final double Z = 5;

    /** Checks counts (REPEATS of them, streams of length L) against Binomial(L, q). */
    private static void assertBinomial(int[] counts, int length, double q, String what) {
        double mean = 0;
        for (int c : counts) {
            mean += c;
        }
        mean /= counts.length;
        double var = 0;
        for (int c : counts) {
            var += (c - mean) * (c - mean);
        }
        var /= counts.length - 1;
        double n = counts.length;
        double sigma2 = length * q * (1 - q);
        // fourth central moment of a binomial, for the standard error of the sample variance
        double mu4 = sigma2 * (1 + 3 * (length - 2) * q * (1 - q));
        double varOfVar = (mu4 - sigma2 * sigma2 * (n - 3) / (n - 1)) / n;
        assertEquals(length * q, mean, Z * Math.sqrt(sigma2 / n) + 1e-12, what + ": mean count");
        assertEquals(sigma2, var, Z * Math.sqrt(Math.max(varOfVar, 0)) + 1e-12, what + ": variance of the count");
    }

    @Test
    void andXnorAndMuxHaveTheirBinomialMeanAndVarianceFrom8To1024Bits() {
        SplittableRandom r = new SplittableRandom(11);
        double[][] pairs = {{0.3, 0.6}, {0.9, 0.05}, {0.5, 0.5}};
        for (int length = 8; length <= 1024; length *= 2) {
            int words = Streams.words(length);
            long[] a = new long[words];
            long[] b = new long[words];
            long[] s = new long[words];
            long[] o = new long[words];
            for (double[] pq : pairs) {
                int[] and = new int[REPEATS];
                int[] xnor = new int[REPEATS];
                int[] mux = new int[REPEATS];
                int[] single = new int[REPEATS];
                for (int k = 0; k < REPEATS; k++) {
                    Streams.bernoulli(pq[0], length, r, a);
                    Streams.bernoulli(pq[1], length, r, b);
                    Streams.bernoulli(0.5, length, r, s);
                    single[k] = Streams.count(a, length);
                    and[k] = Streams.countAnd(a, b, length);
                    Streams.and(a, b, length, o);
                    assertEquals(and[k], Streams.count(o, length));
                    xnor[k] = Streams.countXnor(a, b, length);
                    Streams.xnor(a, b, length, o);
                    assertEquals(xnor[k], Streams.count(o, length));
                    Streams.mux(a, b, s, length, o);
                    mux[k] = Streams.count(o, length);
                }
                String at = " at L=" + length + ", p=" + pq[0] + ", " + pq[1];
                assertBinomial(single, length, pq[0], "stream" + at);
                assertBinomial(and, length, pq[0] * pq[1], "AND" + at);
                // bipolar: values va = 2pa - 1; the XNOR stream's value is va*vb
                double va = 2 * pq[0] - 1;
                double vb = 2 * pq[1] - 1;
                assertBinomial(xnor, length, (1 + va * vb) / 2, "XNOR" + at);
                assertBinomial(mux, length, (pq[0] + pq[1]) / 2, "MUX" + at);
            }
        }
    }

    @Test
    void bitsPastTheLengthStayZeroAndConstantsAreExact() {
        SplittableRandom r = new SplittableRandom(3);
        long[] a = new long[2];
        Streams.bernoulli(1, 70, r, a);
        assertEquals(70, Streams.count(a, 70));
        assertEquals(0, a[1] >>> 6, "bits 70-127 clear");
        Streams.bernoulli(0, 70, r, a);
        assertEquals(0, Streams.count(a, 70));
        Streams.bernoulli(0.7, 70, r, a);
        assertEquals(0, a[1] >>> 6, "bits 70-127 clear");
    }

    @Test
    void sccIsZeroForIndependentStreamsAndOneForAStreamWithItself() {
        SplittableRandom r = new SplittableRandom(5);
        int length = 1 << 16;
        long[] a = new long[Streams.words(length)];
        long[] b = new long[Streams.words(length)];
        Streams.bernoulli(0.4, length, r, a);
        Streams.bernoulli(0.7, length, r, b);
        assertEquals(0, Streams.scc(a, b, length), 0.03);
        assertEquals(1, Streams.scc(a, a, length), 1e-12);
        long[] na = new long[a.length];
        for (int w = 0; w < a.length; w++) {
            na[w] = ~a[w];
        }
        assertEquals(-1, Streams.scc(a, na, length), 1e-12, "a stream and its complement never overlap");
        assertTrue(Double.isNaN(Streams.scc(new long[a.length], b, length)), "undefined for a constant stream");
    }
}
