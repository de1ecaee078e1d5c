package org.memspice.spice.elements.waveform;

import java.util.function.DoubleConsumer;

/** A DC value. */
public final class Constant implements Waveform {
    private final double value;

    public Constant(double value) {
        this.value = value;
    }

    @Override
    public double value(double t) {
        return value;
    }

    @Override
    public double dcValue() {
        return value;
    }

    @Override
    public void prepare(double tstep, double tstop, DoubleConsumer breakpoints) {
    }
}
