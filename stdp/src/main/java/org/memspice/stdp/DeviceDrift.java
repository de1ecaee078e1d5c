package org.memspice.stdp;

import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorPoint;
import org.memspice.devices.programming.ReadDisturb;

/**
 * Integrates a synapse device's state under a voltage that varies in time: dx/dt = f(v(t), x) of
 * the device-models model, with v linear across each step and Heun's method (second order) on
 * sub-steps of at most {@code maxSubstep}, the state held at a bound it pushes against (as the
 * engine's {@code YMEMRISTOR} holds it). A step at whose ends and middle the model does not move
 * the state is skipped exactly (a threshold device below its thresholds). Not thread-safe: it
 * reuses an evaluation point.
 */
public final class DeviceDrift {
    private final MemristorModel model;
    private final double lo;
    private final double hi;
    private final double maxSubstep;
    private final MemristorPoint p = new MemristorPoint();
    /** Voltages (V) between −quietDown and quietUp move no state (a threshold device's dead band; 0 for a model without one). */
    private final double quietUp;
    private final double quietDown;

    public DeviceDrift(MemristorModel model, double maxSubstep) {
        if (!(maxSubstep > 0)) {
            throw new IllegalArgumentException("sub-step must be > 0, got " + maxSubstep);
        }
        this.model = model;
        this.lo = model.minState();
        this.hi = model.maxState();
        this.maxSubstep = maxSubstep;
        this.quietUp = 0.999 * ReadDisturb.quietVoltage(model, 1, 1, 1e-12);
        this.quietDown = 0.999 * ReadDisturb.quietVoltage(model, -1, 1, 1e-12);
    }

    /** The largest voltage of either polarity that moves no state (V, as positive numbers): {up, down}. */
    public double[] quietBand() {
        return new double[] {quietUp, quietDown};
    }

    /** Whether a step whose voltage stays between v0 and v1 surely leaves every state where it is. */
    public boolean quiet(double v0, double v1) {
        return v0 < quietUp && v1 < quietUp && v0 > -quietDown && v1 > -quietDown;
    }

    public MemristorModel model() {
        return model;
    }

    /** dx/dt at (v, x), zero where it would push the state out of its bounds. */
    public double rate(double v, double x) {
        model.evaluate(v, x, p);
        double f = p.rate;
        if ((x >= hi && f > 0) || (x <= lo && f < 0)) {
            return 0;
        }
        return f;
    }

    /** The state after a step of length h from x, with the device voltage going linearly from v0 to v1. */
    public double step(double x, double v0, double v1, double h) {
        if (quiet(v0, v1)) {
            return x;
        }
        double r0 = rate(v0, x);
        if (r0 == 0 && rate(v1, x) == 0 && rate(0.5 * (v0 + v1), x) == 0) {
            return x;
        }
        int n = Math.max(1, (int) Math.ceil(h / maxSubstep));
        double hs = h / n;
        double k1 = r0;
        for (int s = 0; s < n; s++) {
            double vb = v0 + (v1 - v0) * (s + 1) / n;
            if (s > 0) {
                k1 = rate(v0 + (v1 - v0) * s / n, x);
            }
            double xp = clamp(x + hs * k1);
            double k2 = rate(vb, xp);
            x = clamp(x + 0.5 * hs * (k1 + k2));
        }
        return x;
    }

    private double clamp(double x) {
        return Math.max(lo, Math.min(hi, x));
    }
}
