package org.memspice.spice.analysis;

import java.util.Map;
import org.memspice.spice.element.LoadContext;

/**
 * DC operating point: Newton from the junctions' initial guesses; if that fails, gmin stepping
 * (a conductance from every node to ground, from 1e-2 S down by factors of 10 to zero); if that
 * fails, source stepping (sources ramped from 0 to full scale with an adaptive increment).
 * {@code .nodeset} values seed the first solve; {@code .ic} values, when asked, hold their nodes.
 */
final class OperatingPoint {
    private final MnaSystem system;
    private final Newton newton;

    OperatingPoint(MnaSystem system, Newton newton) {
        this.system = system;
        this.newton = newton;
    }

    /**
     * Solves into {@code x}. {@code clamps} (node to volts) are held throughout; pass the
     * circuit's .ic for a transient's initial point, or an empty map.
     */
    void solve(double[] x, Map<Integer, Double> clamps, String what) {
        LoadContext ctx = system.context();
        ctx.setMode(LoadContext.Mode.DC);
        ctx.setTime(0);
        ctx.setSourceFactor(1);
        int itl = system.circuit().options().itl1;
        Newton.Extra hold = s -> clamps.forEach(s::clampNode);
        Map<Integer, Double> nodeSets = system.circuit().nodeSets();
        boolean seeded = false;
        if (!nodeSets.isEmpty()) {
            Newton.Extra seed = s -> {
                hold.apply(s);
                nodeSets.forEach(s::clampNode);
            };
            seeded = newton.solve(x, itl, true, seed);
        }
        if (newton.solve(x, itl, !seeded, hold)) {
            return;
        }
        String firstWorst = newton.worst();
        SingularCircuitException firstSingular = newton.singular();
        if (gminStepping(x, hold, itl)) {
            return;
        }
        double reached = sourceStepping(x, hold, itl);
        if (reached >= 1) {
            return;
        }
        if (firstSingular != null && newton.singular() != null) {
            throw firstSingular; // structurally singular: no continuation can help
        }
        throw new ConvergenceException(what + " did not converge. Tried: Newton (" + itl + " iterations; worst "
                + firstWorst + "), gmin stepping from 1e-2 S, source stepping (reached "
                + String.format("%.3g", reached * 100) + " % of the sources; worst " + newton.worst()
                + "). Check for floating nodes or unrealistic element values, or give .nodeset values.");
    }

    private boolean gminStepping(double[] x, Newton.Extra hold, int itl) {
        double[] start = new double[x.length];
        java.util.Arrays.fill(x, 0);
        double gmin = system.circuit().options().gmin;
        int steps = Math.max(1, system.circuit().options().gminSteps);
        double g = gmin * Math.pow(10, steps);
        boolean first = true;
        while (g > gmin * 0.5) {
            final double gd = g;
            Newton.Extra extra = s -> {
                hold.apply(s);
                s.addNodeConductance(gd);
            };
            if (!newton.solve(x, itl, first, extra)) {
                return false;
            }
            first = false;
            g /= 10;
        }
        System.arraycopy(x, 0, start, 0, x.length);
        if (newton.solve(x, itl, false, hold)) {
            return true;
        }
        System.arraycopy(start, 0, x, 0, x.length);
        return false;
    }

    /** Returns the fraction of the sources reached (1 = success). */
    private double sourceStepping(double[] x, Newton.Extra hold, int itl) {
        LoadContext ctx = system.context();
        java.util.Arrays.fill(x, 0);
        double[] good = x.clone();
        double factor = 0;
        double step = 1e-3;
        ctx.setSourceFactor(0);
        if (!newton.solve(x, itl, true, hold)) {
            ctx.setSourceFactor(1);
            return 0;
        }
        System.arraycopy(x, 0, good, 0, x.length);
        while (factor < 1) {
            double next = Math.min(1, factor + step);
            ctx.setSourceFactor(next);
            if (newton.solve(x, itl, false, hold)) {
                factor = next;
                System.arraycopy(x, 0, good, 0, x.length);
                step *= newton.iterations() < itl / 4 ? 2 : 1.5;
            } else {
                System.arraycopy(good, 0, x, 0, x.length);
                step *= 0.5;
                if (step < 1e-7) {
                    break;
                }
            }
        }
        ctx.setSourceFactor(1);
        return factor;
    }
}
