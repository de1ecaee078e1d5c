package org.memspice.mif;

import java.util.ArrayList;
import java.util.List;

/**
 * One neuron's sampled response: time (s), membrane voltage (V) and the memristor states, with
 * the read-outs the characterization uses (threshold crossings, extrema).
 */
public record Trace(double[] time, double[] v, double[] x1, double[] x2) {

    /** Times at which v rises through the threshold, linearly interpolated between samples. */
    public double[] upwardCrossings(double threshold) {
        List<Double> out = new ArrayList<>();
        for (int k = 1; k < v.length; k++) {
            if (v[k - 1] < threshold && v[k] >= threshold) {
                double f = (threshold - v[k - 1]) / (v[k] - v[k - 1]);
                out.add(time[k - 1] + f * (time[k] - time[k - 1]));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Index of the largest v with from ≤ t < to. */
    public int argMax(double from, double to) {
        return extremum(from, to, 1);
    }

    /** Index of the smallest v with from ≤ t < to. */
    public int argMin(double from, double to) {
        return extremum(from, to, -1);
    }

    private int extremum(double from, double to, int sign) {
        int best = -1;
        for (int k = 0; k < time.length; k++) {
            if (time[k] >= from && time[k] < to && (best < 0 || sign * (v[k] - v[best]) > 0)) {
                best = k;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("no sample in [" + from + ", " + to + ")");
        }
        return best;
    }

    /** The largest v with from ≤ t < to. */
    public double max(double from, double to) {
        return v[argMax(from, to)];
    }

    /** The smallest v with from ≤ t < to. */
    public double min(double from, double to) {
        return v[argMin(from, to)];
    }
}
