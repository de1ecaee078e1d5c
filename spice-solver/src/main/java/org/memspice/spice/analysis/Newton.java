package org.memspice.spice.analysis;

import org.memspice.spice.circuit.Options;
import org.memspice.spice.circuit.Unknowns;
import org.memspice.spice.element.ConvergenceTest;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.SetupContext.UnknownKind;

/**
 * Newton-Raphson on an {@link MnaSystem}. An iterate has converged when every unknown moved less
 * than reltol·max(|new|,|old|) plus vntol (voltages, states) or abstol (currents), no device
 * limited its junction voltages, and every nonlinear device's current test passes. A linear
 * circuit needs exactly one solve. The worst unknown of the last iteration is kept for messages.
 */
final class Newton {
    /** Extra stamps applied after the elements load (gmin stepping, .ic clamps). */
    interface Extra {
        void apply(MnaSystem system);
    }

    static final Extra NONE = s -> { };

    private final MnaSystem system;
    private final Options options;
    private final double[] trial;
    private final ConvergenceTest[] tests;
    private final double[] absoluteTolerance;
    private final org.memspice.spice.element.StateBounds[] bounds;
    private int iterations;
    private long totalIterations;
    private int worstUnknown;
    private double worstChange;
    private double worstTolerance;
    private SingularCircuitException singular;
    private String failedTest;
    private int nonFinite;

    Newton(MnaSystem system) {
        this.system = system;
        this.options = system.circuit().options();
        this.trial = new double[system.size() + 1];
        java.util.List<ConvergenceTest> t = new java.util.ArrayList<>();
        for (Element e : system.elements()) {
            if (e instanceof ConvergenceTest) {
                t.add((ConvergenceTest) e);
            }
        }
        this.tests = t.toArray(new ConvergenceTest[0]);
        Unknowns u = system.unknowns();
        absoluteTolerance = new double[u.size() + 1];
        for (int i = 1; i <= u.size(); i++) {
            double own = u.tolerance(i);
            absoluteTolerance[i] = !Double.isNaN(own) ? own
                    : u.kind(i) == UnknownKind.CURRENT ? options.abstol : options.vntol;
        }
        java.util.List<org.memspice.spice.element.StateBounds> b = new java.util.ArrayList<>();
        for (Element e : system.elements()) {
            if (e instanceof org.memspice.spice.element.StateBounds) {
                b.add((org.memspice.spice.element.StateBounds) e);
            }
        }
        this.bounds = b.toArray(new org.memspice.spice.element.StateBounds[0]);
    }

    /**
     * Iterates from {@code x} (updated in place) at most {@code maxIterations} times.
     * {@code initJunctions} sets the first iteration's junction initialization.
     */
    boolean solve(double[] x, int maxIterations, boolean initJunctions, Extra extra) {
        LoadContext ctx = system.context();
        worstUnknown = 0;
        singular = null;
        failedTest = null;
        nonFinite = 0;
        ctx.clearTrouble();
        for (iterations = 1; iterations <= maxIterations; iterations++) {
            totalIterations++;
            ctx.setInitJunctions(initJunctions && iterations == 1);
            system.load(x);
            ctx.endPrediction(); // only the first iteration of a time point predicts
            extra.apply(system);
            boolean limited = ctx.takeNonConvergence();
            try {
                system.solve(trial);
            } catch (SingularCircuitException e) {
                singular = e;
                ctx.setInitJunctions(false);
                return false;
            }
            for (org.memspice.spice.element.StateBounds sb : bounds) {
                sb.project(trial);
            }
            nonFinite = firstNonFinite(trial);
            if (nonFinite != 0) {
                ctx.setInitJunctions(false);
                return false;
            }
            boolean converged;
            if (system.isLinear()) {
                // one solve is exact; reload so that the integration states hold the solution's values
                System.arraycopy(trial, 0, x, 0, x.length);
                system.refreshStates(x);
                ctx.setInitJunctions(false);
                return true;
            } else {
                converged = iterations > 1 && !limited && !ctx.initJunctions() && close(x, trial);
            }
            System.arraycopy(trial, 0, x, 0, x.length);
            if (converged && tests.length > 0) {
                ctx.setSolution(x);
                for (ConvergenceTest t : tests) {
                    if (!t.converged(ctx)) {
                        converged = false;
                        failedTest = ((Element) t).name();
                        break;
                    }
                }
            }
            ctx.setInitJunctions(false);
            if (converged) {
                return true;
            }
        }
        return false;
    }

    /** The first unknown that is NaN or infinite, or 0. */
    private static int firstNonFinite(double[] v) {
        for (int i = 1; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                return i;
            }
        }
        return 0;
    }

    private boolean close(double[] old, double[] now) {
        boolean ok = true;
        double worstRatio = 0;
        for (int i = 1; i < now.length; i++) {
            double a = now[i];
            double b = old[i];
            double tol = options.reltol * Math.max(Math.abs(a), Math.abs(b)) + absoluteTolerance[i];
            double change = Math.abs(a - b);
            if (change > tol) {
                ok = false;
                double ratio = change / tol;
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worstUnknown = i;
                    worstChange = change;
                    worstTolerance = tol;
                }
            }
        }
        return ok;
    }

    int iterations() {
        return iterations;
    }

    long totalIterations() {
        return totalIterations;
    }

    /** The singular matrix that ended the last solve, or null. */
    SingularCircuitException singular() {
        return singular;
    }

    /**
     * What kept the last solve from converging, as text: the unknown that missed its tolerance by
     * the most, the device still limiting or failing its current test (and why), or the unknown
     * that became NaN or infinite.
     */
    String worst() {
        if (singular != null) {
            return singular.getMessage();
        }
        Unknowns u = system.unknowns();
        StringBuilder sb = new StringBuilder();
        if (nonFinite != 0) {
            sb.append(u.vectorName(nonFinite)).append(" became NaN or infinite");
        } else if (worstUnknown != 0) {
            String unit = u.kind(worstUnknown) == UnknownKind.CURRENT ? "A" : "V";
            sb.append(String.format("%s (last change %.3g %s, tolerance %.3g %s)", u.vectorName(worstUnknown),
                    worstChange, unit, worstTolerance, unit));
        }
        String trouble = system.context().trouble();
        String device = trouble != null ? trouble : failedTest != null ? failedTest + " (its current test failed)" : null;
        if (device != null) {
            sb.append(sb.length() == 0 ? "" : "; ").append("device ").append(device);
        }
        return sb.length() == 0 ? "no single unknown (device currents did not settle)" : sb.toString();
    }
}
