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
    private double initialCurrent;
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

    /** L, and the IC= current when one is given. */
    @Override
    public List<String> sensitivityParameters() {
        return Double.isNaN(initialCurrent) ? List.of("l") : List.of("l", "ic");
    }

    @Override
    public double parameterValue(int k) {
        return k == 0 ? inductance : initialCurrent;
    }

    @Override
    public void setParameterValue(int k, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + ": " + (k == 0 ? "inductance" : "IC") + " must be finite, got "
                    + value);
        }
        if (k == 0) {
            inductance = value;
        } else {
            initialCurrent = value;
        }
    }

    /** True in UIC's pass at t = 0 when {@code l}'s current in the flux is its IC=. */
    private static boolean currentFromIc(LoadContext ctx, Inductor l) {
        return ctx.initStates() && ctx.useInitialConditions() && !Double.isNaN(l.initialCurrent);
    }

    /**
     * The flux L·i (plus mutual flux) gives ∂q/∂L = i; the branch row itself has no L at DC. IC=
     * enters only UIC's fluxes at t = 0: this one's L·IC (∂/∂IC = L) and each coupled inductor's
     * M·IC (∂/∂IC = M).
     */
    @Override
    public void parameterDerivative(int k, LoadContext ctx, SensitivitySink sink) {
        if (!ctx.isTransient()) {
            return;
        }
        if (k == 0) {
            sink.state(state, currentFromIc(ctx, this) ? initialCurrent : ctx.v(branch));
        } else if (currentFromIc(ctx, this)) {
            sink.state(state, inductance);
            for (Coupling c : couplings) {
                sink.state(c.other.state, c.mutual);
            }
        }
    }

    /**
     * Branch row V(a) − V(b) − dflux/dt; ∂flux/∂i = L, and M for each coupled inductor's current
     * (none for a current that UIC's pass at t = 0 takes from an IC=).
     */
    @Override
    public void stateJacobian(LoadContext ctx, StateJacobian.StateSink sink) {
        sink.incidence(state, branch, -1);
        if (!currentFromIc(ctx, this)) {
            sink.gradient(state, branch, inductance);
        }
        for (Coupling c : couplings) {
            if (!currentFromIc(ctx, c.other)) {
                sink.gradient(state, c.other.branch, c.mutual);
            }
        }
    }

    @Override
    public void applyInitialConditions(double[] x) {
        if (!Double.isNaN(initialCurrent)) {
            x[branch] = initialCurrent;
        }
    }

    @Override
    public void initialConditionDerivative(int parameter, double[] dx) {
        if (!Double.isNaN(initialCurrent)) {
            dx[branch] = parameter == 1 ? 1 : 0;
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
