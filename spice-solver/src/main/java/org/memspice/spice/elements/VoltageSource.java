package org.memspice.spice.elements;

import java.util.List;
import org.memspice.spice.element.BranchCurrent;
import org.memspice.spice.element.Connections;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.ElementFactory;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.ParameterSensitive.SensitivitySink;
import org.memspice.spice.element.SetupContext;
import org.memspice.spice.elements.waveform.Waveform;
import org.memspice.spice.elements.waveform.WaveformParser;

/** Independent voltage source {@code V name n+ n- [DC v] [PULSE|SIN|EXP|PWL(...)]}; I(V) flows into n+. */
public final class VoltageSource extends IndependentSourceElement implements BranchCurrent, Connections {
    private int branch;
    private BranchStamp incidence;

    public VoltageSource(String name, int a, int b, Waveform waveform) {
        super(name, a, b, waveform);
    }

    @Override
    public int branchUnknown() {
        return branch;
    }

    @Override
    public boolean isCurrentSource() {
        return false;
    }

    @Override
    public void allocate(SetupContext ctx) {
        branch = ctx.addUnknown(name + "#branch", SetupContext.UnknownKind.CURRENT);
    }

    @Override
    public void setup(SetupContext ctx) {
        incidence = new BranchStamp(ctx, a, b, branch);
    }

    @Override
    public void connections(Sink sink) {
        sink.voltage(a, b);
    }

    @Override
    public void load(LoadContext ctx) {
        incidence.incidence(ctx);
        ctx.addRhs(branch, present(ctx));
    }

    /** Branch row V(a) − V(b) − value: ∂F/∂dc = −d(value)/d(dc). */
    @Override
    public void parameterDerivative(int k, LoadContext ctx, SensitivitySink sink) {
        sink.residual(branch, -dcSlope(ctx));
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
