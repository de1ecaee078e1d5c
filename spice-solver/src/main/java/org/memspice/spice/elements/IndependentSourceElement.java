package org.memspice.spice.elements;

import java.util.function.DoubleConsumer;
import org.memspice.spice.element.BreakpointSource;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.IndependentSource;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.elements.waveform.Waveform;

/** What independent V and I sources share: a waveform, its breakpoints, and the .dc sweep override. */
abstract class IndependentSourceElement implements Element, IndependentSource, BreakpointSource,
        org.memspice.spice.element.ParameterSensitive {
    protected final String name;
    protected final int a;
    protected final int b;
    private Waveform waveform;
    /** A DC value set through {@link #setParameterValue} for a source whose waveform is not constant. */
    private double dcOverride = Double.NaN;
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
                : Double.isNaN(sweepValue) ? dcValue() : sweepValue;
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

    private double dcValue() {
        return Double.isNaN(dcOverride) ? waveform.dcValue() : dcOverride;
    }

    @Override
    public java.util.List<String> sensitivityParameters() {
        return java.util.List.of("dc");
    }

    @Override
    public double parameterValue(int k) {
        return dcValue();
    }

    /** A constant source becomes the new constant; any other keeps its waveform and changes its DC value. */
    @Override
    public void setParameterValue(int k, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + ": DC value must be finite, got " + value);
        }
        if (waveform instanceof org.memspice.spice.elements.waveform.Constant) {
            waveform = new org.memspice.spice.elements.waveform.Constant(value);
        } else {
            dcOverride = value;
        }
    }

    /**
     * d(present value)/d(DC value): the source-stepping factor where the DC value is what the
     * source gives (DC analyses without a sweep override, and a constant waveform in transient), else 0.
     */
    protected double dcSlope(org.memspice.spice.element.LoadContext ctx) {
        boolean timeValue = ctx.isTransient() || ctx.transientStart();
        boolean follows = timeValue ? waveform instanceof org.memspice.spice.elements.waveform.Constant
                : Double.isNaN(sweepValue);
        return follows ? ctx.sourceFactor() : 0;
    }
}
