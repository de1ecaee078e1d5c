package org.memspice.memprop.encode;

import java.util.SplittableRandom;

/**
 * How an image drives the first array: pixel i's row is driven at a read voltage proportional to
 * its intensity x_i in [0, 1].
 *
 * <ul>
 *   <li>{@code direct}: a constant voltage {@code voltage}·x_i for the whole run (the prototype's
 *       constant input current, as a crossbar row voltage).</li>
 *   <li>{@code gated}: the same up to time point round(gate·T), then 0 (the trapezoidal rule,
 *       and the exported circuit, see a linear ramp over the step where it switches off).</li>
 *   <li>{@code poisson}: rate coding; in every step pixel i spikes with probability
 *       min(1, x_i·{@code rate}·dt), from a source seeded per sample; a spike is a short row
 *       pulse of amplitude {@code voltage} that the neuron's alpha synapse turns into a current
 *       of peak G·u(voltage).</li>
 *   <li>{@code latency}: time-to-first-spike coding; pixel i with x_i ≥ {@code threshold} spikes
 *       once, at step round((1 − x_i)·{@code window}·(T − 1)): bright pixels first.</li>
 * </ul>
 */
public record Encoding(Kind kind, double voltage, double gate, double rate, double window, double threshold) {

    public enum Kind {
        DIRECT, GATED, POISSON, LATENCY;

        public String option() {
            return org.memspice.memprop.Choices.word(this);
        }

        public static Kind parse(String s) {
            return org.memspice.memprop.Choices.parse(Kind.class, s, "encoding");
        }
    }

    public Encoding {
        check(voltage > 0 && voltage <= 10, "--input-voltage must be in (0, 10] V, got " + voltage);
        check(gate > 0 && gate <= 1, "--gate must be in (0, 1], got " + gate);
        check(rate > 0 && rate <= 1e7, "--rate must be in (0, 1e7] Hz, got " + rate);
        check(window > 0 && window <= 1, "--latency-window must be in (0, 1], got " + window);
        check(threshold >= 0 && threshold < 1, "--latency-threshold must be in [0, 1), got " + threshold);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static Encoding direct(double voltage) {
        return new Encoding(Kind.DIRECT, voltage, 1, 1000, 1, 0.1);
    }

    /** True when inputs arrive as spikes (into the alpha synapse), not as constant row voltages. */
    public boolean spiking() {
        return kind == Kind.POISSON || kind == Kind.LATENCY;
    }

    /**
     * For direct and gated: whether the rows are driven at time point n (time n·dt) of a run of T
     * steps: always for direct, for n ≤ round(gate·T) when gated.
     */
    public boolean driven(int n, int steps) {
        return kind == Kind.DIRECT || n <= Math.round(gate * steps);
    }

    /** Fills {@code out} with the spikes of one image (pixels [offset, offset + pixels) of images). */
    public void spikes(float[] images, int offset, int pixels, int steps, double dt, long seed, SpikeRaster out) {
        out.clear(steps);
        if (kind == Kind.POISSON) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int n = 0; n < steps; n++) {
                out.start[n] = out.count;
                for (int i = 0; i < pixels; i++) {
                    double p = Math.min(1, images[offset + i] * rate * dt);
                    if (p > 0 && r.nextDouble() < p) {
                        out.add(i);
                    }
                }
            }
        } else if (kind == Kind.LATENCY) {
            int[] at = new int[pixels];
            for (int i = 0; i < pixels; i++) {
                double x = images[offset + i];
                at[i] = x >= threshold && x > 0 ? (int) Math.round((1 - x) * window * (steps - 1)) : -1;
            }
            for (int n = 0; n < steps; n++) {
                out.start[n] = out.count;
                for (int i = 0; i < pixels; i++) {
                    if (at[i] == n) {
                        out.add(i);
                    }
                }
            }
        } else {
            throw new IllegalStateException(kind + " does not spike");
        }
        out.start[steps] = out.count;
    }
}
