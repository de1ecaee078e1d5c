package org.memspice.spice.elements.waveform;

import java.util.function.DoubleConsumer;
import org.memspice.spice.circuit.Limits;

/**
 * PULSE(v1 v2 td tr tf pw per np), with ngspice's semantics: a missing or zero tr and tf are the
 * transient's tstep, a missing or zero pw and per its tstop; the pattern repeats when the time
 * since td exceeds per (so a pulse whose tr+pw+tf reaches per, or whose per defaults to tstop,
 * holds v2 to the end instead of falling back to v1 at t = per); np, when given and non-zero,
 * is the number of pulses, after which the source stays at v1. Corners are breakpoints.
 */
public final class Pulse implements Waveform {
    private final double v1;
    private final double v2;
    private final double td;
    private final double trGiven;
    private final double tfGiven;
    private final double pwGiven;
    private final double perGiven;
    private final double pulses;
    private double tr;
    private double tf;
    private double pw;
    private double per;

    /**
     * Missing parameters are NaN. Rejects negative times and pulse counts (the message names the
     * parameter), which ngspice would turn into a waveform nobody meant.
     */
    public Pulse(double[] p) {
        v1 = p[0];
        v2 = p[1];
        td = orElse(p, 2, 0);
        trGiven = nonNegative(p, 3, "rise time TR");
        tfGiven = nonNegative(p, 4, "fall time TF");
        pwGiven = nonNegative(p, 5, "pulse width PW");
        perGiven = nonNegative(p, 6, "period PER");
        pulses = nonNegative(p, 7, "number of pulses NP");
        if (p.length > 8) {
            throw new IllegalArgumentException("PULSE takes at most 8 values (v1 v2 td tr tf pw per np), got " + p.length);
        }
        tr = trGiven;
        tf = tfGiven;
        pw = pwGiven;
        per = perGiven;
    }

    static double orElse(double[] p, int i, double fallback) {
        return i < p.length && !Double.isNaN(p[i]) ? p[i] : fallback;
    }

    private static double nonNegative(double[] p, int i, String what) {
        double v = orElse(p, i, Double.NaN);
        if (v < 0) {
            throw new IllegalArgumentException("PULSE " + what + " must not be negative, got " + v);
        }
        return v;
    }

    private static double defaulted(double given, double fallback) {
        return Double.isNaN(given) || given == 0 ? fallback : given;
    }

    @Override
    public void prepare(double tstep, double tstop, DoubleConsumer sink) {
        tr = defaulted(trGiven, tstep);
        tf = defaulted(tfGiven, tstep);
        pw = defaulted(pwGiven, tstop);
        per = defaulted(perGiven, tstop);
        double span = tstop - Math.max(td, 0);
        double periods = Math.ceil(span / per) + 1;
        if (pulses > 0) {
            periods = Math.min(periods, pulses);
        }
        if (periods * 4 > Limits.MAX_BREAKPOINTS) {
            throw new IllegalArgumentException(String.format("PULSE period %.4g s repeats %.3g times before tstop %.4g s:"
                    + " more than the %,d corners memspice steps onto (check the period's unit)", per, periods, tstop,
                    Limits.MAX_BREAKPOINTS));
        }
        double[] offsets = {0, tr, tr + pw, tr + pw + tf};
        for (long k = 0; k < periods; k++) {
            double base = td + k * per;
            if (base > tstop) {
                break;
            }
            for (double offset : offsets) {
                // a corner at or past the next period's start is never reached: the pattern wraps first
                if ((offset == 0 || offset < per) && base + offset <= tstop && base + offset > 0) {
                    sink.accept(base + offset);
                }
            }
        }
        if (pulses > 0) {
            double end = td + pulses * per;
            if (end > 0 && end <= tstop) {
                sink.accept(end);
            }
        }
    }

    @Override
    public double value(double t) {
        double time = t - td;
        double trr = Double.isNaN(tr) ? 0 : tr;
        double tff = Double.isNaN(tf) ? 0 : tf;
        double pww = Double.isNaN(pw) ? Double.POSITIVE_INFINITY : pw;
        double perr = Double.isNaN(per) ? Double.POSITIVE_INFINITY : per;
        if (pulses > 0 && time > pulses * perr) {
            return v1;
        }
        if (time > perr) {
            time -= perr * Math.floor(time / perr);
        }
        if (time <= 0 || time >= trr + pww + tff) {
            return v1;
        }
        if (time >= trr && time <= trr + pww) {
            return v2;
        }
        if (time < trr) {
            return v1 + (v2 - v1) * time / trr;
        }
        return v2 + (v1 - v2) * (time - trr - pww) / tff;
    }

    /** The value at t = 0 (ngspice's operating point of a source given no DC value). */
    @Override
    public double dcValue() {
        return value(0);
    }
}
