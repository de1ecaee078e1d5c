package org.memspice.spice.elements;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.memspice.spice.element.BranchCurrent;
import org.memspice.spice.element.Connections;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.ElementFactory;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.ParameterSensitive;
import org.memspice.spice.element.StateJacobian;
import org.memspice.spice.element.SetupContext;

/**
 * Linear inductor: {@code L name n+ n- value [IC=i]}. Its current is a branch unknown and its
 * flux (including mutual flux from {@link MutualInductance}) an integration state.
 */
public final class Inductor implements Element, BranchCurrent, org.memspice.spice.element.InitialConditions, Connections,
        ParameterSensitive, StateJacobian {
    private final String name;
    private final int a;
    private final int b;
    private double inductance;
    private final double initialCurrent;
    private final List<Coupling> couplings = new ArrayList<>();
    private int branch;
    private int state;
    private BranchStamp incidence;
    private int self;

    private record Coupling(Inductor other, double mutual, int slot) {
    }

    public Inductor(String name, int a, int b, double inductance, double initialCurrent) {
        this.name = name;
        this.a = a;
        this.b = b;
        this.inductance = inductance;
        this.initialCurrent = initialCurrent;
    }

    @Override
    public String name() {
        return name;
    }

    public double inductance() {
        return inductance;
    }

    @Override
    public int branchUnknown() {
        return branch;
    }

    @Override
    public void allocate(SetupContext ctx) {
        branch = ctx.addUnknown(name + "#branch", SetupContext.UnknownKind.CURRENT);
        state = ctx.addStates(1);
    }

    @Override
    public void setup(SetupContext ctx) {
        incidence = new BranchStamp(ctx, a, b, branch);
        self = ctx.slot(branch, branch);
    }

    /** Adds mutual inductance M to the inductor {@code other} (called by K elements during setup). */
    void couple(SetupContext ctx, Inductor other, double mutual) {
        couplings.add(new Coupling(other, mutual, ctx.slot(branch, other.branch)));
    }

    @Override
    public void connections(Connections.Sink sink) {
        sink.inductive(a, b);
    }

    @Override
    public void load(LoadContext ctx) {
        incidence.incidence(ctx);
        if (!ctx.isTransient()) {
            return; // short circuit at DC: V(a) - V(b) = 0
        }
        double i = ctx.v(branch);
        if (ctx.initStates() && ctx.useInitialConditions() && !Double.isNaN(initialCurrent)) {
            i = initialCurrent;
        }
        double flux = inductance * i;
        for (Coupling c : couplings) {
            double io = ctx.v(c.other.branch);
            if (ctx.initStates() && ctx.useInitialConditions() && !Double.isNaN(c.other.initialCurrent)) {
                io = c.other.initialCurrent;
            }
            flux += c.mutual * io;
        }
        double voltage = ctx.integrate(state, flux);
        if (ctx.initStates()) {
            return;
        }
        double ag0 = ctx.ag0();
        // branch row: V(a) - V(b) - ag0*flux(i) = voltage - ag0*flux
        ctx.add(self, -ag0 * inductance);
        for (Coupling c : couplings) {
            ctx.add(c.slot, -ag0 * c.mutual);
        }
        ctx.addRhs(branch, voltage - ag0 * flux);
    }

    @Override
    public List<String> sensitivityParameters() {
        return List.of("l");
    }

    @Override
    public double parameterValue(int k) {
        return inductance;
    }

    @Override
    public void setParameterValue(int k, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + ": inductance must be finite, got " + value);
        }
        inductance = value;
    }

    /** The flux L·i (plus mutual flux) gives ∂q/∂L = i; the branch row itself has no L at DC. */
    @Override
    public void parameterDerivative(int k, LoadContext ctx, SensitivitySink sink) {
        if (ctx.isTransient()) {
            sink.state(state, ctx.v(branch));
        }
    }

    /** Branch row V(a) − V(b) − dflux/dt; ∂flux/∂i = L, and M for each coupled inductor's current. */
    @Override
    public void stateJacobian(LoadContext ctx, StateJacobian.StateSink sink) {
        sink.incidence(state, branch, -1);
        sink.gradient(state, branch, inductance);
        for (Coupling c : couplings) {
            sink.gradient(state, c.other.branch, c.mutual);
        }
    }

    @Override
    public void applyInitialConditions(double[] x) {
        if (!Double.isNaN(initialCurrent)) {
            x[branch] = initialCurrent;
        }
    }

    /** Builds L lines. */
    public static final class Factory implements ElementFactory {
        @Override
        public List<String> prefixes() {
            return List.of("L");
        }

        @Override
        public Element create(ElementCard card) {
            int a = card.node("first");
            int b = card.node("second");
            double l = card.value("inductance");
            Map<String, Double> kv = card.namedValues();
            for (String k : kv.keySet()) {
                if (!k.equals("ic")) {
                    throw card.error("unknown inductor parameter '" + k + "'");
                }
            }
            return new Inductor(card.name(), a, b, l, kv.getOrDefault("ic", Double.NaN));
        }
    }
}
