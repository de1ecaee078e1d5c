package org.memspice.spice.elements.waveform;

import java.util.function.DoubleConsumer;

/** EXP(v1 v2 td1 tau1 td2 tau2) with ngspice's defaults (td1 0, tau1 tstep, td2 td1+tstep, tau2 tstep). */
public final class Exponential implements Waveform {
    private final double v1;
    private final double v2;
    private final double td1;
    private double tau1;
    private double td2;
    private double tau2;

    public Exponential(double[] p) {
        v1 = p[0];
        v2 = p[1];
        td1 = Pulse.orElse(p, 2, 0);
        tau1 = Pulse.orElse(p, 3, Double.NaN);
        td2 = Pulse.orElse(p, 4, Double.NaN);
        tau2 = Pulse.orElse(p, 5, Double.NaN);
    }

    @Override
    public void prepare(double tstep, double tstop, DoubleConsumer sink) {
        if (Double.isNaN(tau1) || tau1 <= 0) {
            tau1 = tstep;
        }
        if (Double.isNaN(td2) || td2 <= 0) {
            td2 = td1 + tstep;
        }
        if (Double.isNaN(tau2) || tau2 <= 0) {
            tau2 = tstep;
        }
        sink.accept(td1);
        sink.accept(td2);
    }

    @Override
    public double value(double t) {
        if (t <= td1 || Double.isNaN(tau1)) {
            return v1;
        }
        double v = v1 + (v2 - v1) * (1 - Math.exp(-(t - td1) / tau1));
        if (t > td2) {
            v += (v1 - v2) * (1 - Math.exp(-(t - td2) / tau2));
        }
        return v;
    }

    @Override
    public double dcValue() {
        return v1;
    }
}
