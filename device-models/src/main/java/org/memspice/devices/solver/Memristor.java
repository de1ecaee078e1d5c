package org.memspice.devices.solver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModels;
import org.memspice.devices.memristor.MemristorPoint;
import org.memspice.devices.memristor.ParameterDerivatives;
import org.memspice.devices.stochastic.StochasticCbramModel;
import org.memspice.spice.circuit.ModelCard;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.ElementFactory;
import org.memspice.spice.element.InitialConditions;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.ParameterSensitive;
import org.memspice.spice.element.SetupContext;
import org.memspice.spice.element.StateJacobian;
import org.memspice.spice.element.StateBounds;
import org.memspice.spice.elements.LinearizedCurrent;

/**
 * A memristor in the circuit: {@code YMEMRISTOR name n+ n- model [x0=value]} with
 * {@code .model model MEMRISTOR (LEVEL=n | MODEL=kind, params...)}. The state is an MNA unknown
 * (printed as {@code x(name)}) governed by dx/dt = f(v, x), integrated by the transient engine
 * with the same formula and truncation-error control as capacitor charge; the port current
 * I(v, x) and both equations are linearized with the model's analytic derivatives. At DC the
 * state holds its initial value. The state never leaves the model's bounds: the rate is cut at a
 * bound it pushes against, and every Newton estimate is projected back into the bounds.
 *
 * <p>Optional cycle-to-cycle variation ({@code .model} keys {@code deltag} = relative σ,
 * {@code seed}, {@code vsw} = voltage that starts a cycle): see {@link CycleVariation}. For a
 * model whose SET lowers the state ({@link MemristorModel#setLowersState}, a gap model such as
 * Stanford-PKU) a positive cycle redraws the smallest state reached on SET and a negative one the
 * largest reached on RESET; for the other models the upper and lower state limits respectively.
 *
 * <p>Sensitivities: the parameters are x0 and every model parameter ({@link ParameterDerivatives}:
 * analytic where the model has them, else central differences of the model); in the F/Q form the
 * state row is dx/dt − f(v, x) = 0 (Q = x, incidence +1), or x − bound = 0 while pinned, and x − x0
 * = 0 at DC.
 */
public final class Memristor implements Element, InitialConditions, StateBounds, org.memspice.spice.element.CurrentProbe,
        org.memspice.spice.element.StepListener, ParameterSensitive, StateJacobian,
        org.memspice.spice.element.DifferentiableProbe {
    private final String name;
    private final int a;
    private final int b;
    private MemristorModel model;
    private double x0;
    private String modelName;
    private ParameterDerivatives derivatives;
    private final MemristorPoint sensitivity = new MemristorPoint();
    private final CycleVariation variation;
    private double lo;
    private double hi;
    private final MemristorPoint point = new MemristorPoint();
    private final MemristorPoint probe = new MemristorPoint();
    private final double[] g = new double[2];
    private final double[] v0 = new double[2];
    private int x;
    private int state;
    private LinearizedCurrent port;
    private int xx;
    private int xa;
    private int xb;

    public Memristor(String name, int a, int b, MemristorModel model, double x0) {
        this(name, a, b, model, x0, null);
    }

    Memristor(String name, int a, int b, MemristorModel model, double x0, CycleVariation variation) {
        this.name = name;
        this.a = a;
        this.b = b;
        this.model = model;
        this.x0 = x0;
        this.variation = variation;
        this.lo = model.minState();
        this.hi = model.maxState();
        if (!(x0 >= model.minState() && x0 <= model.maxState())) {
            throw new IllegalArgumentException("initial state x0=" + x0 + " lies outside [" + model.minState() + ", "
                    + model.maxState() + "] of model " + model.kind());
        }
    }

    @Override
    public String name() {
        return name;
    }

    public MemristorModel model() {
        return model;
    }

    @Override
    public boolean isLinear() {
        return false;
    }

    @Override
    public void allocate(SetupContext ctx) {
        double scale = model.maxState() - model.minState();
        // VNTOL (1e-6 by default) of the state range: tighten it for accurate sensitivities
        x = ctx.addUnknown("x(" + name + ")", SetupContext.UnknownKind.STATE, ctx.options().vntol * scale);
        state = ctx.addStates(1);
    }

    @Override
    public void setup(SetupContext ctx) {
        port = new LinearizedCurrent(ctx, a, b, new int[] {a, x}, new int[] {b, 0});
        xx = ctx.slot(x, x);
        xa = ctx.slot(x, a);
        xb = ctx.slot(x, b);
    }

    @Override
    public void load(LoadContext ctx) {
        double v = ctx.v(a) - ctx.v(b);
        double s = ctx.v(x);
        model.evaluate(v, s, point);
        g[0] = point.dCurrentDv;
        g[1] = point.dCurrentDx;
        v0[0] = v;
        v0[1] = s;
        port.stamp(ctx, point.current, g, v0);
        if (!ctx.isTransient()) {
            // DC: the device keeps its state; x = x0
            ctx.add(xx, 1);
            ctx.addRhs(x, x0);
            return;
        }
        double f = point.rate;
        double fv = point.dRateDv;
        double fx = point.dRateDx;
        boolean atMax = s >= hi && f > 0;
        if (atMax || (s <= lo && f < 0)) {
            // pinned at a bound the model pushes against: the state equation becomes x = bound
            double bound = atMax ? hi : lo;
            ctx.holdState(state, bound);
            if (!ctx.initStates()) {
                ctx.add(xx, 1);
                ctx.addRhs(x, bound);
            }
            return;
        }
        double derivative = ctx.integrate(state, s);
        if (ctx.initStates()) {
            return;
        }
        double ag0 = ctx.ag0();
        // dx/dt(x) - f(v, x) = 0 linearized about (v, s)
        ctx.add(xx, ag0 - fx);
        ctx.add(xa, -fv);
        ctx.add(xb, fv);
        ctx.addRhs(x, f - (derivative - ag0 * s) - fx * s - fv * v);
    }

    @Override
    public double probeCurrent(double[] solution) {
        model.evaluate(solution[a] - solution[b], solution[x], probe);
        return probe.current;
    }

    @Override
    public double probeCurrent(double[] solution, double t) {
        return probeCurrent(solution);
    }

    /**
     * I(v, x): ∂I/∂v at a (−∂I/∂v at b) and ∂I/∂x at the state unknown, the model's analytic
     * derivatives.
     */
    @Override
    public void probeGradient(double[] solution, double t, double w, double[] grad) {
        model.evaluate(solution[a] - solution[b], solution[x], probe);
        grad[a] += w * probe.dCurrentDv;
        grad[b] -= w * probe.dCurrentDv;
        grad[x] += w * probe.dCurrentDx;
    }

    /**
     * A model parameter's ∂I/∂p at (v, x) ({@link ParameterDerivatives}); x0 moves the current only
     * through the state, so its explicit derivative is 0.
     */
    @Override
    public double probeParameterDerivative(ParameterSensitive parameter, int k, double[] solution, double t) {
        if (parameter != this || k == 0) {
            return 0;
        }
        derivatives().derivative(k - 1, solution[a] - solution[b], solution[x], sensitivity);
        return sensitivity.current;
    }

    @Override
    public void applyInitialConditions(double[] solution) {
        solution[x] = x0;
    }

    /** The state starts at x0: ∂x/∂x0 = 1, and no other parameter moves it. */
    @Override
    public void initialConditionDerivative(int parameter, double[] dx) {
        dx[x] = parameter == 0 ? 1 : 0;
    }

    @Override
    public void project(double[] solution) {
        double s = solution[x];
        if (s > hi) {
            solution[x] = hi;
        } else if (s < lo) {
            solution[x] = lo;
        }
    }

    @Override
    public void accepted(LoadContext ctx, double[] solution) {
        if (variation == null) {
            return;
        }
        int cycle = variation.newCycle(solution[a] - solution[b]);
        double min = model.minState();
        double max = model.maxState();
        boolean gap = model.setLowersState();
        if (cycle > 0) {
            if (gap) {
                lo = variation.draw(min, min, Math.min(max, solution[x]));
            } else {
                hi = variation.draw(max, Math.max(min, solution[x]), max);
            }
        } else if (cycle < 0) {
            if (gap) {
                hi = variation.draw(max, Math.max(min, solution[x]), max);
            } else {
                lo = variation.draw(min, min, Math.min(max, solution[x]));
            }
        }
    }

    private ParameterDerivatives derivatives() {
        if (derivatives == null) {
            derivatives = new ParameterDerivatives(model);
        }
        return derivatives;
    }

    /** x0, then the model's parameters (sorted). */
    @Override
    public List<String> sensitivityParameters() {
        List<String> out = new java.util.ArrayList<>();
        out.add("x0");
        out.addAll(derivatives().names());
        return out;
    }

    @Override
    public double parameterValue(int k) {
        return k == 0 ? x0 : model.parameters().get(derivatives().names().get(k - 1));
    }

    @Override
    public void setParameterValue(int k, double value) {
        if (k == 0) {
            if (!(value >= model.minState() && value <= model.maxState())) {
                throw new IllegalArgumentException(name + ": x0=" + value + " lies outside [" + model.minState() + ", "
                        + model.maxState() + "]");
            }
            x0 = value;
            return;
        }
        model = MemristorModels.withParameter(model, derivatives().names().get(k - 1), value);
        derivatives = null;
        if (variation == null) {
            lo = model.minState();
            hi = model.maxState();
        }
    }

    @Override
    public String notDifferentiable(int k) {
        if (k == 0) {
            return null;
        }
        if (variation != null) {
            return "the device's state limits are redrawn at random each cycle (deltag > 0)";
        }
        return derivatives().notDifferentiable(k - 1);
    }

    @Override
    public String modelName() {
        return modelName;
    }

    /**
     * KCL rows: ∂I/∂p at a, −∂I/∂p at b. State row: DC x − x0 (∂/∂x0 = −1); transient −∂f/∂p, or
     * −∂bound/∂p while pinned at a bound. The state value is x itself: no ∂q/∂p.
     */
    @Override
    public void parameterDerivative(int k, LoadContext ctx, SensitivitySink sink) {
        if (k == 0) {
            if (!ctx.isTransient()) {
                sink.residual(x, -1);
            }
            return;
        }
        double v = ctx.v(a) - ctx.v(b);
        double s = ctx.v(x);
        derivatives().derivative(k - 1, v, s, sensitivity);
        sink.residual(a, sensitivity.current);
        sink.residual(b, -sensitivity.current);
        if (!ctx.isTransient()) {
            return;
        }
        int pinned = pinned(v, s);
        if (pinned > 0) {
            sink.residual(x, -derivatives().maxStateDerivative(k - 1));
        } else if (pinned < 0) {
            sink.residual(x, -derivatives().minStateDerivative(k - 1));
        } else {
            sink.residual(x, -sensitivity.rate);
        }
    }

    /** +1 when the state is pinned at its upper bound, −1 at its lower one, 0 when free (as {@link #load} decides). */
    private int pinned(double v, double s) {
        model.evaluate(v, s, probe);
        if (s >= hi && probe.rate > 0) {
            return 1;
        }
        return s <= lo && probe.rate < 0 ? -1 : 0;
    }

    /** The state's derivative enters its own row with +1, and q = x. */
    @Override
    public void stateJacobian(LoadContext ctx, StateSink sink) {
        if (pinned(ctx.v(a) - ctx.v(b), ctx.v(x)) != 0) {
            sink.held(state);
            return;
        }
        sink.incidence(state, x, 1);
        sink.gradient(state, x, 1);
    }

    /** The present state limits (they move with cycle-to-cycle variation). */
    public double[] limits() {
        return new double[] {lo, hi};
    }

    /** Builds {@code YMEMRISTOR} lines. */
    public static final class Factory implements ElementFactory {
        @Override
        public List<String> prefixes() {
            return List.of("YMEMRISTOR");
        }

        @Override
        public Element create(ElementCard card) {
            int a = card.node("positive");
            int b = card.node("negative");
            ModelCard m = card.model("memristor");
            Map<String, Double> instance = card.namedValues();
            for (String k : instance.keySet()) {
                if (!k.equals("x0")) {
                    throw card.error("unknown memristor instance parameter '" + k + "' (known: x0)");
                }
            }
            try {
                Map<String, Double> params = new HashMap<>(m.params());
                double sigma = orDefault(params.remove("deltag"), 0);
                long seed = (long) orDefault(params.remove("seed"), 1);
                double vsw = orDefault(params.remove("vsw"), 0.2);
                MemristorModel model = create(m, params);
                long seeded = seed * 0x9E3779B97F4A7C15L + card.name().hashCode();
                if (model instanceof StochasticCbramModel) {
                    // a state that switches at random between steps, not by a rate
                    double on = instance.getOrDefault("x0", orDefault(params.get("x0"), 0));
                    if (on != 0 && on != 1) {
                        throw new IllegalArgumentException("a CBRAM state x0 is 0 (off) or 1 (on), got " + on);
                    }
                    return new StochasticSwitch(card.name(), a, b, ((StochasticCbramModel) model).physics(), on == 1,
                            seeded);
                }
                double x0 = instance.getOrDefault("x0", model.initialState());
                CycleVariation variation = sigma > 0 ? new CycleVariation(sigma, vsw, seeded) : null;
                Memristor device = new Memristor(card.name(), a, b, model, x0, variation);
                device.modelName = m.name();
                return device;
            } catch (IllegalArgumentException e) {
                throw new org.memspice.spice.netlist.NetlistException(m.line(), "model " + m.name() + ": " + e.getMessage());
            }
        }

        private static double orDefault(Double v, double fallback) {
            return v == null ? fallback : v;
        }

        /** The model a MEMRISTOR card describes: MODEL=kind, or LEVEL=n. */
        static MemristorModel create(ModelCard m, Map<String, Double> params) {
            String kind = m.word("model");
            Double level = params.remove("level");
            if (kind == null) {
                if (level == null) {
                    throw new IllegalArgumentException("give MODEL=" + MemristorModels.kinds().replace(", ", "|")
                            + " or LEVEL=n (" + MemristorModels.levels() + ")");
                }
                kind = MemristorModels.kindOfLevel((int) Math.round(level));
            }
            return MemristorModels.create(kind, params);
        }
    }
}
