package org.memspice.devices.programming;

import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorPoint;

/**
 * How hard a device can be read without moving its state: the largest read voltage of one
 * polarity at which, for every state, the state velocity over a read of the given duration moves
 * the state by at most {@code tolerance} of its range. For a model with a switching threshold
 * (Yakopcic, VTEAM) that is its threshold; for one without (HP, Stanford-PKU), the voltage where
 * the drift reaches the tolerance. Found by bisection over [1 µV, 10 V] on a grid of 41 states.
 */
public final class ReadDisturb {
    private ReadDisturb() {
    }

    /**
     * The largest |V| of the given polarity (sign +1 or −1) that moves no state by more than
     * tolerance·range in {@code duration} seconds; 0 when even 1 µV does (a volatile device).
     */
    public static double quietVoltage(MemristorModel model, int sign, double duration, double tolerance) {
        if (!(duration > 0) || !(tolerance > 0)) {
            throw new IllegalArgumentException("duration and tolerance must be > 0");
        }
        double lo = 1e-6;
        if (disturbs(model, sign * lo, duration, tolerance)) {
            return 0;
        }
        double hi = 10;
        if (!disturbs(model, sign * hi, duration, tolerance)) {
            return hi;
        }
        for (int it = 0; it < 60 && hi - lo > 1e-6 * hi; it++) {
            double mid = Math.sqrt(lo * hi) > 1e-3 ? 0.5 * (lo + hi) : Math.sqrt(lo * hi);
            if (disturbs(model, sign * mid, duration, tolerance)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return lo;
    }

    /** Whether a read at v for {@code duration} moves some state of the grid by more than tolerance of the range. */
    public static boolean disturbs(MemristorModel model, double v, double duration, double tolerance) {
        MemristorPoint p = new MemristorPoint();
        double min = model.minState();
        double range = model.maxState() - min;
        for (int k = 0; k <= 40; k++) {
            double x = min + range * k / 40.0;
            model.evaluate(v, x, p);
            boolean pushesOut = (k == 0 && p.rate < 0) || (k == 40 && p.rate > 0);
            if (!pushesOut && Math.abs(p.rate) * duration > tolerance * range) {
                return true;
            }
        }
        return false;
    }
}
