package org.memspice.spice.elements;

import java.util.List;
import java.util.function.DoubleConsumer;
import org.memspice.spice.element.BranchCurrent;
import org.memspice.spice.element.BreakpointSource;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.ElementFactory;
import org.memspice.spice.element.IndependentSource;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.SetupContext;
import org.memspice.spice.elements.waveform.Waveform;
import org.memspice.spice.elements.waveform.WaveformParser;

/** Independent voltage source {@code V name n+ n- [DC v] [PULSE|SIN|EXP|PWL(...)]}; I(V) flows into n+. */
public final class VoltageSource implements IndependentSource, Element, BranchCurrent, BreakpointSource {
    private final String name;
    private final int a;
    private final int b;
    private final Waveform waveform;
    private double sweepValue = Double.NaN;
    private int branch;
    private BranchStamp incidence;

    public VoltageSource(String name, int a, int b, Waveform waveform) {
        this.name = name;
        this.a = a;
        this.b = b;
        this.waveform = waveform;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int branchUnknown() {
        return branch;
    }

    @Override
    public void allocate(SetupContext ctx) {
        branch = ctx.addUnknown(name + "#branch", SetupContext.UnknownKind.CURRENT);
    }

    @Override
    public void setup(SetupContext ctx) {
        incidence = new BranchStamp(ctx, a, b, branch);
    }

    /**
     * Value a source has now: the waveform in transient, else the sweep value if a .dc sweep set
     * one, else the DC value; times the source-stepping factor.
     */
    static double present(Waveform w, double sweepValue, LoadContext ctx) {
        double v = ctx.isTransient() ? w.value(ctx.time()) : Double.isNaN(sweepValue) ? w.dcValue() : sweepValue;
        return v * ctx.sourceFactor();
    }

    @Override
    public void load(LoadContext ctx) {
        incidence.incidence(ctx);
        ctx.addRhs(branch, present(waveform, sweepValue, ctx));
    }

    @Override
    public void breakpoints(double tstep, double tstop, DoubleConsumer sink) {
        waveform.prepare(tstep, tstop, sink);
    }

    @Override
    public void setSweepValue(double value) {
        sweepValue = value;
    }

    @Override
    public boolean isCurrentSource() {
        return false;
    }

    public Waveform waveform() {
        return waveform;
    }

    /** Builds V lines. */
    public static final class Factory implements ElementFactory {
        @Override
        public List<String> prefixes() {
            return List.of("V");
        }

        @Override
        public Element create(ElementCard card) {
            int a = card.node("positive");
            int b = card.node("negative");
            return new VoltageSource(card.name(), a, b, WaveformParser.parse(card));
        }
    }
}
