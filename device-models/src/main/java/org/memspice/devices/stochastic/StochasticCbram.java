package org.memspice.devices.stochastic;

import java.util.Map;
import java.util.SplittableRandom;
import org.memspice.devices.memristor.Parameters;

/**
 * Stochastic binary CBRAM switching for stochastic computing. A device is either off (Roff) or
 * on (Ron). Switching is a Poisson process whose mean waiting time falls exponentially with the
 * applied voltage (Jo, Kim and Lu, "Programmable resistance switching in nanoscale two-terminal
 * devices", Nano Letters 9(1), 2009: τ(V) = τ0·e^(−V/V0)), so a pulse of amplitude V and width t
 * switches an off device with probability P = 1 − e^(−t/τ(V)) when V is positive, and resets an
 * on device with the same law in −V (τ0r, V0r) when V is negative. Every draw comes from a
 * {@link SplittableRandom} seeded by the caller, so runs repeat exactly.
 * Defaults: Ron 10 kΩ, Roff 10 MΩ, τ0 = τ0r = 1 s, V0 = V0r = 0.156 V (so that a 2.2 V pulse has
 * a mean waiting time near 1 µs, the order Jo et al. report).
 */
public final class StochasticCbram {
    static final Map<String, Double> DEFAULTS = Map.of("ron", 10e3, "roff", 10e6, "tau0", 1.0, "v0", 0.156,
            "tau0r", 1.0, "v0r", 0.156);

    private final double ron;
    private final double roff;
    private final double tau0;
    private final double v0;
    private final double tau0r;
    private final double v0r;

    public StochasticCbram(Map<String, Double> given) {
        Parameters ps = new Parameters("cbram", DEFAULTS, given);
        ron = ps.get("ron");
        roff = ps.get("roff");
        tau0 = ps.get("tau0");
        v0 = ps.get("v0");
        tau0r = ps.get("tau0r");
        v0r = ps.get("v0r");
    }

    /** Mean waiting time for a switch at voltage v (SET for v &gt; 0, RESET for v &lt; 0); infinite at 0. */
    public double meanWaitingTime(double v) {
        if (v > 0) {
            return tau0 * Math.exp(-v / v0);
        }
        if (v < 0) {
            return tau0r * Math.exp(v / v0r);
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * Probability that a pulse of {@code amplitude} volts lasting {@code width} seconds switches a
     * device in state {@code on} (only a SET pulse can switch an off device, only a RESET pulse an
     * on one).
     */
    public double switchingProbability(boolean on, double amplitude, double width) {
        if (on ? amplitude >= 0 : amplitude <= 0) {
            return 0;
        }
        return -Math.expm1(-width / meanWaitingTime(amplitude));
    }

    /** Applies one pulse to a device in state {@code on}; returns the state after it. */
    public boolean applyPulse(boolean on, double amplitude, double width, SplittableRandom random) {
        return random.nextDouble() < switchingProbability(on, amplitude, width) ? !on : on;
    }

    /**
     * Applies one pulse to each of {@code n} devices (states in {@code on}, updated in place);
     * returns how many switched.
     */
    public int applyPulse(boolean[] on, int n, double amplitude, double width, SplittableRandom random) {
        int switched = 0;
        double pSet = switchingProbability(false, amplitude, width);
        double pReset = switchingProbability(true, amplitude, width);
        for (int k = 0; k < n; k++) {
            if (random.nextDouble() < (on[k] ? pReset : pSet)) {
                on[k] = !on[k];
                switched++;
            }
        }
        return switched;
    }

    /** Conductance of a device in state {@code on}. */
    public double conductance(boolean on) {
        return on ? 1 / ron : 1 / roff;
    }

    /**
     * The pulse amplitude that sets an off device with probability {@code p} within {@code width}
     * (inverse of {@link #switchingProbability}); how stochastic computing picks its bias.
     */
    public double amplitudeForProbability(double p, double width) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("probability must lie strictly between 0 and 1, got " + p);
        }
        double tau = -width / Math.log1p(-p);
        return -v0 * Math.log(tau / tau0);
    }
}
