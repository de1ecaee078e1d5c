package org.memspice.dse.stochastic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The quality of a bank's streams: for each target probability, the bias of streams (measured
 * mean of ones/L minus the target, over every device and repetition, with the bias the device law
 * predicts beside it), and the stochastic cross-correlation (SCC) and product error of stream
 * pairs from two different devices, from the same device used twice in a row (a reset before every
 * bit makes them independent), and the same stream used for both operands (SCC +1: AND gives pa
 * instead of pa²). The SCC is given two ways: the mean over stream pairs (which short streams of a
 * small probability skew negative, because the SCC divides negative overlaps by the small
 * pa·pb), and per device pair from the counts pooled over its repetitions (a stream of
 * repeats·L bits), averaged over device pairs.
 */
public final class StreamReport {
    /** One line: how the pair was made, the target, and what was measured. */
    public record Row(String pairing, double p, int length, double meanValue, double meanBias, double rmsBias,
            double lawBias, double scc, double sccSpread, double pooledScc, double productError) {
    }

    private StreamReport() {
    }

    /**
     * Streams of {@code length} bits for each of {@code targets}, {@code repeats} per device
     * (pulse by pulse when {@code pulseByPulse}, else the packed generator); the pairs use
     * devices d and (d + 1) mod D.
     */
    public static List<Row> measure(CbramBank bank, double[] targets, int length, int repeats, boolean pulseByPulse, long seed) {
        List<Row> rows = new ArrayList<>();
        int words = Streams.words(length);
        long[] a = new long[words];
        long[] b = new long[words];
        int devices = bank.size();
        for (double p : targets) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("--p must be in [0, 1], got " + p);
            }
            SplittableRandom r = new SplittableRandom(seed ^ Double.doubleToLongBits(p));
            double sum = 0;
            double sumBias2 = 0;
            double law = 0;
            double[][] scc = new double[3][2];
            int[] sccN = new int[3];
            double[] productError = new double[3];
            int n = 0;
            double[] pooled = new double[3];
            int[] pooledN = new int[3];
            for (int d = 0; d < devices; d++) {
                law += bank.probability(d, p) - p;
                long[][] ones = new long[3][3];
                for (int k = 0; k < repeats; k++) {
                    gen(bank, d, p, length, r, a, pulseByPulse);
                    double v = Streams.unipolar(a, length);
                    sum += v;
                    sumBias2 += (v - p) * (v - p);
                    n++;
                    // different devices
                    gen(bank, (d + 1) % devices, p, length, r, b, pulseByPulse);
                    pair(a, b, length, p, scc[0], sccN, 0, productError, ones[0]);
                    // the same device again
                    gen(bank, d, p, length, r, b, pulseByPulse);
                    pair(a, b, length, p, scc[1], sccN, 1, productError, ones[1]);
                    // the same stream for both operands
                    pair(a, a, length, p, scc[2], sccN, 2, productError, ones[2]);
                }
                double bits = (double) repeats * length;
                for (int c = 0; c < 3; c++) {
                    double s = Streams.scc(ones[c][0] / bits, ones[c][1] / bits, ones[c][2] / bits);
                    if (!Double.isNaN(s)) {
                        pooled[c] += s;
                        pooledN[c]++;
                    }
                }
            }
            String[] names = {"different devices", "same device reused", "same stream reused"};
            for (int c = 0; c < 3; c++) {
                double mean = sccN[c] > 0 ? scc[c][0] / sccN[c] : Double.NaN;
                double spread = sccN[c] > 1 ? Math.sqrt(Math.max(0, scc[c][1] / sccN[c] - mean * mean)) : Double.NaN;
                rows.add(new Row(names[c], p, length, sum / n, sum / n - p, Math.sqrt(sumBias2 / n), law / devices, mean, spread,
                        pooledN[c] > 0 ? pooled[c] / pooledN[c] : Double.NaN, productError[c] / n));
            }
        }
        return rows;
    }

    private static void gen(CbramBank bank, int d, double p, int length, SplittableRandom r, long[] out, boolean pulseByPulse) {
        if (pulseByPulse) {
            bank.bitByBit(d, p, length, r, out);
        } else {
            bank.stream(d, p, length, r, out);
        }
    }

    private static void pair(long[] a, long[] b, int length, double p, double[] scc, int[] sccN, int c, double[] productError,
            long[] ones) {
        ones[0] += Streams.count(a, length);
        ones[1] += Streams.count(b, length);
        ones[2] += Streams.countAnd(a, b, length);
        double s = Streams.scc(a, b, length);
        if (!Double.isNaN(s)) {
            scc[0] += s;
            scc[1] += s * s;
            sccN[c]++;
        }
        productError[c] += Math.abs(Streams.countAnd(a, b, length) / (double) length - p * p);
    }
}
