package org.memspice.spice.elements;

import java.util.List;
import java.util.Map;
import org.memspice.spice.element.Connections;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.ElementFactory;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.ParameterSensitive;
import org.memspice.spice.element.StateJacobian;
import org.memspice.spice.element.SetupContext;

/**
 * Linear capacitor: {@code C name n+ n- value [IC=v]}; its charge is an integration state. With
 * UIC the charge at t = 0 is C·IC (C·v of the starting solution without an IC=).
 */
public final class Capacitor implements Element, org.memspice.spice.element.InitialConditions, Connections,
        ParameterSensitive, StateJacobian {
    private final String name;
    private final int a;
    private final int b;
    private double capacitance;
    private double initialVoltage;
    private ConductanceStamp stamp;
    private int state;

    /** @param initialVoltage NaN when no IC is given */
    public Capacitor(String name, int a, int b, double capacitance, double initialVoltage) {
        this.name = name;
        this.a = a;
        this.b = b;
        this.capacitance = capacitance;
        this.initialVoltage = initialVoltage;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void allocate(SetupContext ctx) {
        state = ctx.addStates(1);
    }

    @Override
    public void setup(SetupContext ctx) {
        stamp = new ConductanceStamp(ctx, a, b);
    }

    @Override
    public void connections(Connections.Sink sink) {
        sink.capacitive(a, b);
    }

    @Override
    public void load(LoadContext ctx) {
        if (!ctx.isTransient()) {
            return; // open circuit at DC
        }
        double v = stamp.voltage(ctx);
        if (ctx.initStates() && ctx.useInitialConditions() && !Double.isNaN(initialVoltage)) {
            v = initialVoltage;
        }
        double current = ctx.integrate(state, capacitance * v);
        if (ctx.initStates()) {
            return;
        }
        stamp.linearized(ctx, ctx.ag0() * capacitance, current, v);
    }

    @Override
    public void updateStates(LoadContext ctx) {
        if (!ctx.isTransient() || ctx.initStates()) {
            load(ctx);
            return;
        }
        ctx.integrate(state, capacitance * stamp.voltage(ctx));
    }

    /** C, and the IC= voltage when one is given. */
    @Override
    public List<String> sensitivityParameters() {
        return Double.isNaN(initialVoltage) ? List.of("c") : List.of("c", "ic");
    }

    @Override
    public double parameterValue(int k) {
        return k == 0 ? capacitance : initialVoltage;
    }

    @Override
    public void setParameterValue(int k, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + ": " + (k == 0 ? "capacitance" : "IC") + " must be finite, got "
                    + value);
        }
        if (k == 0) {
            capacitance = value;
        } else {
            initialVoltage = value;
        }
    }

    /** True in UIC's pass at t = 0 when the charge is C·IC, whatever the starting solution holds. */
    private boolean chargeFromIc(LoadContext ctx) {
        return ctx.initStates() && ctx.useInitialConditions() && !Double.isNaN(initialVoltage);
    }

    /**
     * No static current; the charge q = C·v gives ∂q/∂C = v (0 at DC, where the capacitor is open).
     * IC= enters only UIC's charge at t = 0, C·IC: ∂q/∂IC = C there, and 0 everywhere else.
     */
    @Override
    public void parameterDerivative(int k, LoadContext ctx, SensitivitySink sink) {
        if (!ctx.isTransient()) {
            return;
        }
        if (k == 0) {
            sink.state(state, chargeFromIc(ctx) ? initialVoltage : stamp.voltage(ctx));
        } else if (chargeFromIc(ctx)) {
            sink.state(state, capacitance);
        }
    }

    /**
     * The charge's current leaves a and enters b; ∂q/∂V(a) = C, ∂q/∂V(b) = −C (no dependence on
     * the solution in UIC's pass at t = 0 with an IC=, where q = C·IC).
     */
    @Override
    public void stateJacobian(LoadContext ctx, StateJacobian.StateSink sink) {
        sink.incidence(state, a, 1);
        sink.incidence(state, b, -1);
        if (chargeFromIc(ctx)) {
            return;
        }
        sink.gradient(state, a, capacitance);
        sink.gradient(state, b, -capacitance);
    }

    @Override
    public void applyInitialConditions(double[] x) {
        if (Double.isNaN(initialVoltage)) {
            return;
        }
        if (a != 0) {
            x[a] = x[b] + initialVoltage;
        } else {
            x[b] = -initialVoltage;
        }
    }

    /** x(a) = x(b) + IC: ∂x(a)/∂p = ∂x(b)/∂p, plus 1 for p = IC (x(b) = −IC when a is ground). */
    @Override
    public void initialConditionDerivative(int parameter, double[] dx) {
        if (Double.isNaN(initialVoltage)) {
            return;
        }
        double own = parameter == 1 ? 1 : 0;
        if (a != 0) {
            dx[a] = dx[b] + own;
        } else {
            dx[b] = -own;
        }
    }

    /** Builds C lines. */
    public static final class Factory implements ElementFactory {
        @Override
        public List<String> prefixes() {
            return List.of("C");
        }

        @Override
        public Element create(ElementCard card) {
            int a = card.node("first");
            int b = card.node("second");
            double c = card.value("capacitance");
            Map<String, Double> kv = card.namedValues();
            for (String k : kv.keySet()) {
                if (!k.equals("ic") && !k.equals("m")) {
                    throw card.error("unknown capacitor parameter '" + k + "'");
                }
            }
            c *= kv.getOrDefault("m", 1.0);
            return new Capacitor(card.name(), a, b, c, kv.getOrDefault("ic", Double.NaN));
        }
    }
}
