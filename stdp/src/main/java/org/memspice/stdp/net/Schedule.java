package org.memspice.stdp.net;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Input spikes of one presentation: (step, input) pairs in step order. */
public final class Schedule {
    private final int[] step;
    private final int[] input;

    public Schedule(int[] step, int[] input) {
        if (step.length != input.length) {
            throw new IllegalArgumentException("steps and inputs differ in length");
        }
        this.step = step;
        this.input = input;
    }

    public int size() {
        return step.length;
    }

    public int step(int k) {
        return step[k];
    }

    public int input(int k) {
        return input[k];
    }

    /**
     * Poisson trains with a dead time: input i fires at mean rate rates[i] (Hz, below 1/deadTime),
     * intervals being the dead time plus an exponential; times rounded to steps of h.
     */
    public static Schedule poisson(double[] rates, double duration, double deadTime, double h, SplittableRandom r) {
        long[] packed = new long[16];
        int n = 0;
        for (int i = 0; i < rates.length; i++) {
            double rate = rates[i];
            if (!(rate >= 0) || rate * deadTime >= 1) {
                throw new IllegalArgumentException("rate " + rate + " Hz of input " + i + " must be in [0, " + 1 / deadTime + ") Hz");
            }
            if (rate == 0) {
                continue;
            }
            double extra = 1 / rate - deadTime;
            double t = -Math.log(1 - r.nextDouble()) / rate; // the first spike: memoryless start
            while (t < duration) {
                if (n == packed.length) {
                    packed = Arrays.copyOf(packed, 2 * n);
                }
                packed[n++] = (Math.round(t / h) << 20) | i;
                t += deadTime + extra * -Math.log(1 - r.nextDouble());
            }
        }
        return unpack(packed, n);
    }

    /**
     * Latency coding in volleys: in each of {@code volleys} periods every input with intensity
     * p &gt; 0 fires once, at spread·(1 − p) after the period's start (brighter earlier) plus a
     * uniform jitter in [0, jitter); times rounded to steps of h. The period must leave each input
     * a dead time between its spikes.
     */
    public static Schedule latency(double[] intensity, int volleys, double period, double spread, double jitter,
            double deadTime, double h, SplittableRandom r) {
        if (volleys < 1 || !(spread >= 0) || !(jitter >= 0) || !(period >= deadTime + spread + jitter)) {
            throw new IllegalArgumentException("latency volleys need a period >= dead time + spread + jitter, got period "
                    + period + " s");
        }
        long[] packed = new long[16];
        int n = 0;
        for (int v = 0; v < volleys; v++) {
            for (int i = 0; i < intensity.length; i++) {
                double p = intensity[i];
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("intensity " + p + " of input " + i + " must be in [0, 1]");
                }
                if (p == 0) {
                    continue;
                }
                double t = v * period + spread * (1 - p) + jitter * r.nextDouble();
                if (n == packed.length) {
                    packed = Arrays.copyOf(packed, 2 * n);
                }
                packed[n++] = (Math.round(t / h) << 20) | i;
            }
        }
        return unpack(packed, n);
    }

    private static Schedule unpack(long[] packed, int n) {
        long[] sorted = Arrays.copyOf(packed, n);
        Arrays.sort(sorted);
        int[] s = new int[n];
        int[] in = new int[n];
        for (int k = 0; k < n; k++) {
            s[k] = (int) (sorted[k] >>> 20);
            in[k] = (int) (sorted[k] & 0xFFFFF);
        }
        return new Schedule(s, in);
    }
}
