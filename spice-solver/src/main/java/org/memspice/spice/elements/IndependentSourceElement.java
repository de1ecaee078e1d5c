package org.memspice.spice.elements;

import java.util.function.DoubleConsumer;
import org.memspice.spice.element.BreakpointSource;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.IndependentSource;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.elements.waveform.Waveform;

/** What independent V and I sources share: a waveform, its breakpoints, and the .dc sweep override. */
abstract class IndependentSourceElement implements Element, IndependentSource, BreakpointSource {
    protected final String name;
    protected final int a;
    protected final int b;
    private final Waveform waveform;
    private double sweepValue = Double.NaN;

    IndependentSourceElement(String name, int a, int b, Waveform waveform) {
        this.name = name;
        this.a = a;
        this.b = b;
        this.waveform = waveform;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Value the source has now: the waveform in transient and in the operating point that starts
     * one (at t = 0 there, whatever the DC value says), else the sweep value if a .dc sweep set
     * one, else the DC value; times the source-stepping factor.
     */
    protected double present(LoadContext ctx) {
        double v = ctx.isTransient() || ctx.transientStart() ? waveform.value(ctx.time())
                : Double.isNaN(sweepValue) ? waveform.dcValue() : sweepValue;
        return v * ctx.sourceFactor();
    }

    @Override
    public void breakpoints(double tstep, double tstop, DoubleConsumer sink) {
        waveform.prepare(tstep, tstop, sink);
    }

    @Override
    public void setSweepValue(double value) {
        sweepValue = value;
    }

    public Waveform waveform() {
        return waveform;
    }
}
