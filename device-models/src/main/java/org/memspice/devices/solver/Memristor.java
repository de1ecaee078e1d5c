package org.memspice.devices.solver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModels;
import org.memspice.devices.memristor.MemristorPoint;
import org.memspice.devices.stochastic.StochasticCbram;
import org.memspice.spice.circuit.ModelCard;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.ElementFactory;
import org.memspice.spice.element.InitialConditions;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.SetupContext;
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
 * gap model (Stanford-PKU) a positive cycle redraws the smallest gap reached on SET and a
 * negative one the largest gap reached on RESET; for the other models the upper and lower
 * state limits respectively.
 */
public final class Memristor implements Element, InitialConditions, StateBounds, org.memspice.spice.element.CurrentProbe,
        org.memspice.spice.element.StepListener {
    private final String name;
    private final int a;
    private final int b;
    private final MemristorModel model;
    private final double x0;
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
        x = ctx.addUnknown("x(" + name + ")", SetupContext.UnknownKind.STATE, 1e-6 * scale);
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
    public void applyInitialConditions(double[] solution) {
        solution[x] = x0;
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
        boolean gap = model.kind().equals("stanford_pku"); // SET shrinks the gap
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
                if ("cbram".equals(m.word("model")) || Double.valueOf(8).equals(params.get("level"))) {
                    params.remove("level");
                    double on = instance.getOrDefault("x0", orDefault(params.remove("x0"), 0));
                    if (on != 0 && on != 1) {
                        throw new IllegalArgumentException("a CBRAM state x0 is 0 (off) or 1 (on), got " + on);
                    }
                    return new StochasticSwitch(card.name(), a, b, new StochasticCbram(params), on == 1,
                            seed * 0x9E3779B97F4A7C15L + card.name().hashCode());
                }
                MemristorModel model = create(m, params);
                double x0 = instance.getOrDefault("x0", model.initialState());
                CycleVariation variation = sigma > 0
                        ? new CycleVariation(sigma, vsw, seed * 0x9E3779B97F4A7C15L + card.name().hashCode()) : null;
                return new Memristor(card.name(), a, b, model, x0, variation);
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
                    throw new IllegalArgumentException("give MODEL=" + MemristorModels.KINDS.replace(", ", "|")
                            + " or LEVEL=1|2|3|5|6|7");
                }
                kind = MemristorModels.kindOfLevel((int) Math.round(level));
            }
            return MemristorModels.create(kind, params);
        }
    }
}
