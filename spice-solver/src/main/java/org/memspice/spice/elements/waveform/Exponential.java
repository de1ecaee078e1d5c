package org.memspice.spice.elements.waveform;

import java.util.function.DoubleConsumer;

/**
 * EXP(v1 v2 td1 tau1 td2 tau2) with ngspice's defaults: a missing or zero td1, tau1 and tau2 are
 * the transient's tstep, a missing or zero td2 is td1 + tstep. Negative times are rejected.
 */
public final class Exponential implements Waveform {
    private final double v1;
    private final double v2;
    private final double td1Given;
    private final double tau1Given;
    private final double td2Given;
    private final double tau2Given;
    private double td1;
    private double tau1;
    private double td2;
    private double tau2;

    public Exponential(double[] p) {
        if (p.length > 6) {
            throw new IllegalArgumentException("EXP takes at most 6 values (v1 v2 td1 tau1 td2 tau2), got " + p.length);
        }
        v1 = p[0];
        v2 = p[1];
        td1Given = nonNegative(p, 2, "delay TD1");
        tau1Given = nonNegative(p, 3, "time constant TAU1");
        td2Given = nonNegative(p, 4, "delay TD2");
        tau2Given = nonNegative(p, 5, "time constant TAU2");
        td1 = orZero(td1Given);
        tau1 = tau1Given;
        td2 = td2Given;
        tau2 = tau2Given;
    }

    private static double nonNegative(double[] p, int i, String what) {
        double v = Pulse.orElse(p, i, Double.NaN);
        if (v < 0) {
            throw new IllegalArgumentException("EXP " + what + " must not be negative, got " + v);
        }
        return v;
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static double defaulted(double given, double fallback) {
        return Double.isNaN(given) || given == 0 ? fallback : given;
    }

    @Override
    public void prepare(double tstep, double tstop, DoubleConsumer sink) {
        td1 = defaulted(td1Given, tstep);
        tau1 = defaulted(tau1Given, tstep);
        td2 = defaulted(td2Given, td1 + tstep);
        tau2 = defaulted(tau2Given, tstep);
        sink.accept(td1);
        sink.accept(td2);
    }

    @Override
    public double value(double t) {
        if (t <= td1 || Double.isNaN(tau1)) {
            return v1;
        }
        double v = v1 + (v2 - v1) * (1 - Math.exp(-(t - td1) / tau1));
        if (t > td2 && !Double.isNaN(tau2)) {
            v += (v1 - v2) * (1 - Math.exp(-(t - td2) / tau2));
        }
        return v;
    }

    @Override
    public double dcValue() {
        return v1;
    }
}
