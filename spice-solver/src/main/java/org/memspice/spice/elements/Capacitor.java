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

/** Linear capacitor: {@code C name n+ n- value [IC=v]}; its charge is an integration state. */
public final class Capacitor implements Element, org.memspice.spice.element.InitialConditions, Connections,
        ParameterSensitive, StateJacobian {
    private final String name;
    private final int a;
    private final int b;
    private double capacitance;
    private final double initialVoltage;
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

    @Override
    public List<String> sensitivityParameters() {
        return List.of("c");
    }

    @Override
    public double parameterValue(int k) {
        return capacitance;
    }

    @Override
    public void setParameterValue(int k, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + ": capacitance must be finite, got " + value);
        }
        capacitance = value;
    }

    /** No static current; the charge q = C·v gives ∂q/∂C = v (0 at DC, where the capacitor is open). */
    @Override
    public void parameterDerivative(int k, LoadContext ctx, SensitivitySink sink) {
        if (ctx.isTransient()) {
            sink.state(state, stamp.voltage(ctx));
        }
    }

    /** The charge's current leaves a and enters b; ∂q/∂V(a) = C, ∂q/∂V(b) = −C. */
    @Override
    public void stateJacobian(LoadContext ctx, StateJacobian.StateSink sink) {
        sink.incidence(state, a, 1);
        sink.incidence(state, b, -1);
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
