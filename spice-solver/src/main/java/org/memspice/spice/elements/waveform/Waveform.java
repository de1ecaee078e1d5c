package org.memspice.spice.elements.waveform;

import java.util.function.DoubleConsumer;

/** A time function of an independent source. */
public interface Waveform {
    /** Value at time t (seconds). */
    double value(double t);

    /** Value used by DC analyses. */
    double dcValue();

    /** Fixes defaults that depend on the transient (ngspice: tstep, tstop) and reports corners. */
    void prepare(double tstep, double tstop, DoubleConsumer breakpoints);
}
