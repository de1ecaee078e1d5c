package org.memspice.spice.element;

import java.util.function.DoubleConsumer;

/** An element whose waveform has corners the transient must step onto exactly (PULSE, PWL ...). */
public interface BreakpointSource {
    /**
     * Called once before a transient: fixes defaults that depend on the transient's tstep and
     * tstop, and reports every breakpoint in (0, tstop].
     */
    void breakpoints(double tstep, double tstop, DoubleConsumer sink);
}
