package org.memspice.mif.characterize;

import org.memspice.mif.InputTrain;
import org.memspice.mif.MifParameters;
import org.memspice.mif.SteppedRun;
import org.memspice.mif.Trace;

/**
 * The standard experiments on one MIF neuron, run on the stepped model from rest: the spike
 * shape, the response versus input strength and the refractory curve.
 */
public final class MifCharacterization {
    /** When the (first) input arrives; the neuron is at rest before. */
    public static final double INPUT_TIME = 1e-3;
    private final MifParameters p;
    private final double step;
    private final double window;

    /** Experiments with fixed steps of {@code step} s, each response observed for {@code window} s. */
    public MifCharacterization(MifParameters p, double step, double window) {
        this.p = p;
        this.step = step;
        this.window = window;
    }

    public MifParameters parameters() {
        return p;
    }

    /** The response to one input of peak synaptic current {@code peak} (A). */
    public SpikeShape spikeShape(double peak) {
        return SpikeShape.of(single(peak), INPUT_TIME);
    }

    private Trace single(double peak) {
        return SteppedRun.run(p, InputTrain.single(INPUT_TIME, peak), INPUT_TIME + window, step);
    }

    /** Responses to single inputs of the given peak currents (A, increasing). */
    public ResponseCurve response(double[] peaks) {
        int n = peaks.length;
        double[] top = new double[n];
        double[] latency = new double[n];
        double[] under = new double[n];
        boolean[] spiked = new boolean[n];
        for (int k = 0; k < n; k++) {
            SpikeShape s = spikeShape(peaks[k]);
            top[k] = s.peak();
            latency[k] = s.peakTime() - INPUT_TIME;
            under[k] = s.undershoot();
            spiked[k] = s.peak() >= p.spikeThreshold();
        }
        return new ResponseCurve(peaks.clone(), top, latency, under, spiked, threshold(peaks, spiked));
    }

    /**
     * The smallest input whose response reaches the read-out threshold, by bisection between the
     * grid points that bracket it (relative precision 1e-4); NaN when the grid does not bracket it.
     */
    private double threshold(double[] peaks, boolean[] spiked) {
        double lo = peaks[0];
        double hi = peaks[peaks.length - 1];
        if (spiked[0] || !spiked[peaks.length - 1]) {
            return Double.NaN;
        }
        while (hi - lo > 1e-4 * hi) {
            double mid = 0.5 * (lo + hi);
            if (spikeShape(mid).peak() >= p.spikeThreshold()) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /**
     * Responses to a second input of peak current {@code peak} at the given delays (s) after a
     * first: the largest excess of the paired trace over the first input's lone trace after the
     * second input, against the lone response's amplitude above rest.
     */
    public RefractoryCurve refractory(double peak, double[] delays) {
        double longest = 0;
        for (double d : delays) {
            longest = Math.max(longest, d);
        }
        Trace lone = SteppedRun.run(p, InputTrain.single(INPUT_TIME, peak), INPUT_TIME + longest + window, step);
        SpikeShape shape = SpikeShape.of(lone, INPUT_TIME);
        double[] second = new double[delays.length];
        for (int k = 0; k < delays.length; k++) {
            double t2 = INPUT_TIME + delays[k];
            InputTrain pair = new InputTrain(new double[] {INPUT_TIME, t2}, new double[] {peak, peak});
            Trace t = SteppedRun.run(p, pair, t2 + window, step);
            double excess = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < t.time().length; s++) {
                if (t.time()[s] >= t2) {
                    excess = Math.max(excess, t.v()[s] - lone.v()[s]);
                }
            }
            second[k] = excess;
        }
        return new RefractoryCurve(delays.clone(), second, shape.amplitude());
    }
}
