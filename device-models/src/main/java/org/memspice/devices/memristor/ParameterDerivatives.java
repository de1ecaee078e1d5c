package org.memspice.devices.memristor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The derivatives of one model instance's current and state velocity with respect to each of its
 * parameters: the model's analytic ones ({@link MemristorModel#parameterDerivative}) where it has
 * them, else central differences of the model re-created with the parameter moved by a relative
 * 10<sup>-6</sup> (the two re-created models are built once and kept). Also the derivatives of the
 * state bounds, which a state pinned at a bound follows. The initial state x0 is an instance
 * parameter and is not listed here.
 */
public final class ParameterDerivatives {
    private static final double RELATIVE_STEP = 1e-6;

    private final MemristorModel model;
    private final String[] names;
    private final boolean[] discrete;
    private final boolean[] analytic;
    private final MemristorModel[] up;
    private final MemristorModel[] down;
    private final double[] step;
    private final MemristorPoint a = new MemristorPoint();
    private final MemristorPoint b = new MemristorPoint();

    public ParameterDerivatives(MemristorModel model) {
        this.model = model;
        TreeSet<String> all = new TreeSet<>(model.parameters().keySet());
        all.remove("x0");
        names = all.toArray(new String[0]);
        int n = names.length;
        discrete = new boolean[n];
        analytic = new boolean[n];
        up = new MemristorModel[n];
        down = new MemristorModel[n];
        step = new double[n];
        double mid = 0.5 * (model.minState() + model.maxState());
        MemristorPoint probe = new MemristorPoint();
        for (int k = 0; k < n; k++) {
            discrete[k] = model.discreteParameters().contains(names[k]);
            analytic[k] = !discrete[k] && model.parameterDerivative(names[k], 0.1, mid, probe);
        }
    }

    /** The parameter names, sorted. */
    public List<String> names() {
        return List.of(names);
    }

    /** Why parameter k cannot be differentiated, or null. */
    public String notDifferentiable(int k) {
        return discrete[k] ? names[k] + " selects a form of the " + model.kind() + " model (a discrete choice, not a"
                + " value to differentiate)" : null;
    }

    /** True when the model differentiates parameter k analytically. */
    public boolean isAnalytic(int k) {
        return analytic[k];
    }

    /** ∂I/∂p<sub>k</sub> into {@code out.current} and ∂f/∂p<sub>k</sub> into {@code out.rate} at (v, x). */
    public void derivative(int k, double v, double x, MemristorPoint out) {
        if (analytic[k] && model.parameterDerivative(names[k], v, x, out)) {
            return;
        }
        perturbed(k);
        up[k].evaluate(v, x, a);
        down[k].evaluate(v, x, b);
        out.current = (a.current - b.current) / (2 * step[k]);
        out.rate = (a.rate - b.rate) / (2 * step[k]);
    }

    /** ∂(minState)/∂p<sub>k</sub>. */
    public double minStateDerivative(int k) {
        perturbed(k);
        return (up[k].minState() - down[k].minState()) / (2 * step[k]);
    }

    /** ∂(maxState)/∂p<sub>k</sub>. */
    public double maxStateDerivative(int k) {
        perturbed(k);
        return (up[k].maxState() - down[k].maxState()) / (2 * step[k]);
    }

    /**
     * Builds the two models with parameter k moved by ±h: h is 10<sup>-6</sup> of the value, or for
     * a parameter at 0 of the state range to start with, divided by 10 (up to 20 times) while a
     * moved model is refused or its state bounds move unevenly either way (the step crossed a kink:
     * a TEAM XON at 0 moved by a step of the state range, which XSCALING gives in other units, jumps
     * past XOFF).
     */
    private void perturbed(int k) {
        if (up[k] != null) {
            return;
        }
        double v = model.parameters().get(names[k]);
        double h = RELATIVE_STEP * (v != 0 ? Math.abs(v)
                : Math.max(1e-300, Math.abs(model.maxState()) + Math.abs(model.minState())));
        Map<String, Double> p = new java.util.HashMap<>(model.parameters());
        // keep x0 as it is (a model whose x0 default depends on other parameters must not move it)
        for (int attempt = 0; ; attempt++, h *= 0.1) {
            MemristorModel a;
            MemristorModel b;
            try {
                p.put(names[k], v + h);
                a = MemristorModels.create(model.kind(), p);
                p.put(names[k], v - h);
                b = MemristorModels.create(model.kind(), p);
            } catch (IllegalArgumentException e) {
                if (attempt < 20) {
                    continue;
                }
                throw new IllegalArgumentException("cannot move " + names[k] + " of the " + model.kind()
                        + " model either way from " + v + ": " + e.getMessage(), e);
            }
            if (attempt == 20 || (even(a.minState(), b.minState(), model.minState())
                    && even(a.maxState(), b.maxState(), model.maxState()))) {
                up[k] = a;
                down[k] = b;
                step[k] = h;
                return;
            }
        }
    }

    /** True when a value moved either way (a, b) from c moves by nearly opposite amounts. */
    private static boolean even(double a, double b, double c) {
        return Math.abs((a - c) + (b - c)) <= 1e-3 * Math.abs(a - b) + 1e-12 * (Math.abs(a) + Math.abs(b) + Math.abs(c));
    }

    /** The parameters of {@code model} that have no analytic derivative (for documentation and tests). */
    public static List<String> numerical(MemristorModel model) {
        ParameterDerivatives d = new ParameterDerivatives(model);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < d.names.length; k++) {
            if (!d.analytic[k] && !d.discrete[k]) {
                out.add(d.names[k]);
            }
        }
        return out;
    }
}
