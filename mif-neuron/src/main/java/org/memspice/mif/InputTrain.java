package org.memspice.mif;

import java.util.Arrays;

/**
 * Input spikes arriving at a neuron's synapse: arrival times (s, increasing) and the peak synaptic
 * current each produces (A).
 */
public record InputTrain(double[] times, double[] peaks) {
    public InputTrain {
        if (times.length != peaks.length) {
            throw new IllegalArgumentException(times.length + " times but " + peaks.length + " peaks");
        }
        for (int k = 1; k < times.length; k++) {
            if (!(times[k] > times[k - 1])) {
                throw new IllegalArgumentException("input times must increase: " + times[k - 1] + ", " + times[k]);
            }
        }
    }

    /** One input of the given peak current at time t. */
    public static InputTrain single(double t, double peak) {
        return new InputTrain(new double[] {t}, new double[] {peak});
    }

    /** count inputs of one peak current, the first at start and then every period. */
    public static InputTrain regular(double start, double period, int count, double peak) {
        double[] t = new double[count];
        for (int k = 0; k < count; k++) {
            t[k] = start + k * period;
        }
        double[] q = new double[count];
        Arrays.fill(q, peak);
        return new InputTrain(t, q);
    }

    public int size() {
        return times.length;
    }
}
