package org.memspice.mif.characterize;

import org.memspice.mif.Trace;

/**
 * One response to a single input, split into its phases: depolarization (input to peak),
 * hyperpolarization (peak down through rest to the undershoot's trough) and repolarization
 * (trough back to within 10 % of the undershoot from rest). Times in s, voltages in V.
 */
public record SpikeShape(Trace trace, double inputTime, double rest, double peakTime, double peak,
        double troughTime, double trough, double recoveredTime) {

    /** The undershoot below rest (V, positive when the membrane went below rest). */
    public double undershoot() {
        return rest - trough;
    }

    /** Peak above rest (V). */
    public double amplitude() {
        return peak - rest;
    }

    /** Splits a trace that starts at rest and receives one input at inputTime. */
    public static SpikeShape of(Trace t, double inputTime) {
        double rest = t.v()[0];
        double end = t.time()[t.time().length - 1] + 1;
        int ip = t.argMax(inputTime, end);
        int it = t.argMin(t.time()[ip], end);
        double trough = t.v()[it];
        double recovered = Double.NaN;
        for (int k = it; k < t.time().length; k++) {
            if (rest - t.v()[k] <= 0.1 * (rest - trough)) {
                recovered = t.time()[k];
                break;
            }
        }
        return new SpikeShape(t, inputTime, rest, t.time()[ip], t.v()[ip], t.time()[it], trough, recovered);
    }
}
