package org.memspice.spice.elements.waveform;

import java.util.function.DoubleConsumer;

/**
 * PULSE(v1 v2 td tr tf pw per). Defaults as ngspice: td 0, tr and tf the transient's tstep,
 * pw and per its tstop. Corners are breakpoints.
 */
public final class Pulse implements Waveform {
    private final double v1;
    private final double v2;
    private final double td;
    private double tr;
    private double tf;
    private double pw;
    private double per;

    /** Missing parameters are NaN. */
    public Pulse(double[] p) {
        v1 = p[0];
        v2 = p[1];
        td = orElse(p, 2, 0);
        tr = orElse(p, 3, Double.NaN);
        tf = orElse(p, 4, Double.NaN);
        pw = orElse(p, 5, Double.NaN);
        per = orElse(p, 6, Double.NaN);
    }

    static double orElse(double[] p, int i, double fallback) {
        return i < p.length && !Double.isNaN(p[i]) ? p[i] : fallback;
    }

    @Override
    public void prepare(double tstep, double tstop, DoubleConsumer sink) {
        if (Double.isNaN(tr) || tr <= 0) {
            tr = tstep;
        }
        if (Double.isNaN(tf) || tf <= 0) {
            tf = tstep;
        }
        if (Double.isNaN(pw) || pw <= 0) {
            pw = tstop;
        }
        if (Double.isNaN(per) || per <= 0) {
            per = tstop;
        }
        for (double base = td; base <= tstop; base += per) {
            for (double corner : new double[] {base, base + tr, base + tr + pw, base + tr + pw + tf}) {
                if (corner <= tstop) {
                    sink.accept(corner);
                }
            }
        }
    }

    @Override
    public double value(double t) {
        double trr = Double.isNaN(tr) ? 0 : tr;
        double tff = Double.isNaN(tf) ? 0 : tf;
        double pww = Double.isNaN(pw) ? Double.POSITIVE_INFINITY : pw;
        if (t <= td) {
            return v1;
        }
        double tt = t - td;
        if (!Double.isNaN(per) && per > 0 && tt >= per) {
            tt -= Math.floor(tt / per) * per;
        }
        if (tt < trr) {
            return v1 + (v2 - v1) * tt / trr;
        }
        if (tt <= trr + pww) {
            return v2;
        }
        if (tt < trr + pww + tff) {
            return v2 + (v1 - v2) * (tt - trr - pww) / tff;
        }
        return v1;
    }

    @Override
    public double dcValue() {
        return v1;
    }
}
