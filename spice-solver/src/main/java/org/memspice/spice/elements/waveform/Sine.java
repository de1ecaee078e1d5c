package org.memspice.spice.elements.waveform;

import java.util.function.DoubleConsumer;

/** SIN(vo va freq td theta phase); freq defaults to 1/tstop, phase in degrees, as ngspice. */
public final class Sine implements Waveform {
    private final double vo;
    private final double va;
    private double freq;
    private final double td;
    private final double theta;
    private final double phase;

    public Sine(double[] p) {
        if (p.length > 6) {
            throw new IllegalArgumentException("SIN takes at most 6 values (vo va freq td theta phase), got " + p.length);
        }
        vo = p[0];
        va = p[1];
        freq = Pulse.orElse(p, 2, Double.NaN);
        td = Pulse.orElse(p, 3, 0);
        theta = Pulse.orElse(p, 4, 0);
        phase = Pulse.orElse(p, 5, 0) * Math.PI / 180;
    }

    @Override
    public void prepare(double tstep, double tstop, DoubleConsumer sink) {
        if (Double.isNaN(freq) || freq == 0) {
            freq = 1 / tstop;
        }
        if (td > 0) {
            sink.accept(td);
        }
    }

    @Override
    public double value(double t) {
        double tt = t - td;
        if (tt <= 0) {
            return vo + va * Math.sin(phase);
        }
        double f = Double.isNaN(freq) ? 0 : freq;
        return vo + va * Math.sin(2 * Math.PI * f * tt + phase) * Math.exp(-tt * theta);
    }

    @Override
    public double dcValue() {
        return value(0);
    }
}
