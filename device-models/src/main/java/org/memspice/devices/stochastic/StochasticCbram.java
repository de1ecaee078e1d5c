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

    /** This device's parameters with τ0, V0 (SET) and τ0r, V0r (RESET) multiplied by the given factors. */
    public StochasticCbram scaled(double tau0Factor, double v0Factor, double tau0rFactor, double v0rFactor) {
        return new StochasticCbram(Map.of("ron", ron, "roff", roff, "tau0", tau0 * tau0Factor, "v0", v0 * v0Factor,
                "tau0r", tau0r * tau0rFactor, "v0r", v0r * v0rFactor));
    }

    public double ron() {
        return ron;
    }

    public double roff() {
        return roff;
    }

    /** SET attempt time τ0 (s). */
    public double tau0() {
        return tau0;
    }

    /** SET voltage scale V0 (V). */
    public double v0() {
        return v0;
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

    /**
     * Expected energy a pulse of {@code amplitude} volts and {@code width} seconds dissipates in a
     * device that starts in state {@code on}: the device holds its starting conductance until it
     * switches at the exponentially distributed waiting time T (mean τ), then the other one, so
     * the time before the switch is E[min(T, w)] = τ·P with P the switching probability, and
     * E = V²·(G_start·τP + G_end·(w − τP)). A pulse that cannot switch the device dissipates
     * V²·G_start·w. No current compliance is modelled (the on-state current is V/Ron).
     */
    public double expectedPulseEnergy(boolean on, double amplitude, double width) {
        double p = switchingProbability(on, amplitude, width);
        double gStart = conductance(on);
        double v2 = amplitude * amplitude;
        if (p == 0) {
            return v2 * gStart * width;
        }
        double before = meanWaitingTime(amplitude) * p;
        return v2 * (gStart * before + conductance(!on) * (width - before));
    }

    /**
     * The SET law fitted to measured switching counts: {@code switched[k]} of {@code trials}
     * pulses of {@code amplitudes[k]} volts and {@code width} seconds set an off device. Under
     * the Poisson law the rate λ = −ln(1 − P)/w obeys ln λ = V/V0 − ln τ0, a straight line in V;
     * it is fitted by least squares weighted by the inverse binomial variance of each point's
     * ln λ, (1 − P)·ln²(1 − P)·n / P (the delta method). Points with no switch or all switched
     * carry no slope information and are left out; at least two others with distinct amplitudes are
     * needed. Returns this device's parameters with the fitted τ0 and V0 (RESET ones kept).
     */
    public StochasticCbram fitSet(double[] amplitudes, double width, int[] switched, int trials) {
        double sw = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int used = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < amplitudes.length; k++) {
            if (switched[k] <= 0 || switched[k] >= trials) {
                continue;
            }
            double p = switched[k] / (double) trials;
            double l = Math.log1p(-p);
            double y = Math.log(-l / width);
            double w = (1 - p) * l * l * trials / p;
            double x = amplitudes[k];
            sw += w;
            sx += w * x;
            sy += w * y;
            sxx += w * x * x;
            sxy += w * x * y;
            used++;
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        if (used < 2 || !(hi > lo)) {
            throw new IllegalArgumentException("a SET fit needs two amplitudes that switch some but not all pulses, got " + used);
        }
        double slope = (sw * sxy - sx * sy) / (sw * sxx - sx * sx);
        double intercept = (sy - slope * sx) / sw;
        if (!(slope > 0)) {
            throw new IllegalArgumentException("the measured switching probability does not rise with the amplitude");
        }
        return new StochasticCbram(Map.of("ron", ron, "roff", roff, "tau0", Math.exp(-intercept), "v0", 1 / slope,
                "tau0r", tau0r, "v0r", v0r));
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
