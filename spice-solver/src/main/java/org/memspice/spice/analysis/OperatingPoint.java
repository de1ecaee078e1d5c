package org.memspice.spice.analysis;

import java.util.Map;
import org.memspice.spice.circuit.Options;
import org.memspice.spice.element.LoadContext;

/**
 * DC operating point as ngspice's CKTop finds it: Newton from the junctions' initial guesses
 * (ITL1 iterations); if that fails, gmin stepping (GMINSTEPS = 1, the default: ngspice's dynamic
 * stepping, a conductance from every node to ground starting at 1 mS whose reduction factor grows
 * after easy steps and shrinks after failed or hard ones; more steps: that many fixed factor-10
 * steps from gmin·10^GMINSTEPS; 0: none); if that fails, source stepping (SRCSTEPS = 1: Gillespie's
 * adaptive ramp from 0, its first point helped by gmin steps when needed; more: that many equal
 * steps; 0: none). Each step gets ITL2 iterations. {@code .nodeset} values seed the first solve;
 * {@code .ic} values, when asked, hold their nodes.
 */
final class OperatingPoint {
    /** ngspice's GMINFACTOR: each fixed gmin step divides the node conductance by it. */
    private static final double GMIN_FACTOR = 10;

    private final MnaSystem system;
    private final Newton newton;
    /** What the last solve's gmin stepping did, for the failure message. */
    private String gminTried;
    private boolean sourceSteppingRan;

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
        gminTried = "no gmin stepping (gminsteps=0)";
        sourceSteppingRan = false;
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
        double reached = sourceStepping(x, hold);
        if (reached >= 1) {
            return;
        }
        if (firstSingular != null && newton.singular() != null) {
            throw firstSingular; // structurally singular: no continuation can help
        }
        throw new ConvergenceException(what + " did not converge. Tried: Newton (" + itl + " iterations; worst "
                + firstWorst + "), " + gminTried + ", " + sourceTried(reached) + ". Check for floating nodes or"
                + " unrealistic element values, or give .nodeset values.");
    }

    private String sourceTried(double reached) {
        if (!sourceSteppingRan) {
            return "no source stepping (srcsteps=0)";
        }
        return "source stepping (reached " + String.format("%.3g", reached * 100) + " % of the sources; worst "
                + newton.worst() + ")";
    }

    /** Newton at one continuation step with {@code diagonal} siemens from every node to ground. */
    private boolean step(double[] x, int itl, boolean initJunctions, Newton.Extra hold, double diagonal) {
        if (diagonal == 0) {
            return newton.solve(x, itl, initJunctions, hold);
        }
        return newton.solve(x, itl, initJunctions, s -> {
            hold.apply(s);
            s.addNodeConductance(diagonal);
        });
    }

    private boolean gminStepping(double[] x, Newton.Extra hold, int itl) {
        Options o = system.circuit().options();
        if (o.gminSteps <= 0) {
            return false;
        }
        if (o.gminSteps == 1) {
            return dynamicGmin(x, hold, itl);
        }
        // SPICE3's stepping: fixed factor-10 steps from gmin·10^steps, continuing from where Newton stopped
        double diagonal = o.gmin * Math.pow(GMIN_FACTOR, o.gminSteps);
        boolean initJunctions = true;
        int done = 0;
        for (int i = 0; i <= o.gminSteps; i++) {
            if (!step(x, o.itl2, initJunctions, hold, diagonal)) {
                break;
            }
            done++;
            diagonal /= GMIN_FACTOR;
            initJunctions = false;
        }
        gminTried = String.format("gmin stepping (%d of %d fixed steps from %.3g S)", done, o.gminSteps + 1,
                o.gmin * Math.pow(GMIN_FACTOR, o.gminSteps));
        return newton.solve(x, itl, false, hold);
    }

    /** ngspice's dynamic gmin stepping: from 1 mS down to gmin, the factor adapting to how hard each step was. */
    private boolean dynamicGmin(double[] x, Newton.Extra hold, int itl) {
        Options o = system.circuit().options();
        java.util.Arrays.fill(x, 0);
        double[] good = x.clone();
        double factor = GMIN_FACTOR;
        double previous = 1e-2;
        double diagonal = previous / factor;
        double target = o.gmin;
        boolean initJunctions = true;
        double reached = Double.NaN;
        while (true) {
            if (step(x, o.itl2, initJunctions, hold, diagonal)) {
                initJunctions = false;
                reached = diagonal;
                if (diagonal <= target) {
                    break;
                }
                System.arraycopy(x, 0, good, 0, x.length);
                int iterations = newton.iterations();
                if (iterations <= o.itl2 / 4) {
                    factor = Math.min(factor * Math.sqrt(factor), GMIN_FACTOR);
                }
                if (iterations > 3 * o.itl2 / 4) {
                    factor = Math.sqrt(factor);
                }
                previous = diagonal;
                if (diagonal < factor * target) {
                    factor = diagonal / target;
                    diagonal = target;
                } else {
                    diagonal /= factor;
                }
            } else if (factor < 1.00005) {
                break; // ngspice then tries the plain circuit from where this step stopped
            } else {
                factor = Math.sqrt(Math.sqrt(factor));
                diagonal = previous / factor;
                System.arraycopy(good, 0, x, 0, x.length);
            }
        }
        gminTried = Double.isNaN(reached) ? "gmin stepping (failed at its first step, 1e-3 S)"
                : String.format("gmin stepping (from 1e-3 S down to %.3g S)", reached);
        return newton.solve(x, itl, false, hold);
    }

    /** Source stepping; returns the fraction of the sources reached (1 = success). */
    private double sourceStepping(double[] x, Newton.Extra hold) {
        Options o = system.circuit().options();
        if (o.srcSteps <= 0) {
            return 0;
        }
        sourceSteppingRan = true;
        LoadContext ctx = system.context();
        try {
            return o.srcSteps == 1 ? gillespie(x, hold, o) : fixedSourceSteps(x, hold, o);
        } finally {
            ctx.setSourceFactor(1);
        }
    }

    /** SPICE3's source stepping: the sources at 0, 1/n, 2/n, ... of their values. */
    private double fixedSourceSteps(double[] x, Newton.Extra hold, Options o) {
        LoadContext ctx = system.context();
        double reached = 0;
        boolean initJunctions = true;
        for (int i = 0; i <= o.srcSteps; i++) {
            double f = i / (double) o.srcSteps;
            ctx.setSourceFactor(f);
            if (!newton.solve(x, o.itl2, initJunctions, hold)) {
                return reached;
            }
            initJunctions = false;
            reached = f;
        }
        return 1;
    }

    /**
     * ngspice's adaptive source stepping (after Gillespie): solve with the sources off (with gmin
     * steps from 1e-2 S if needed), then raise them by 0.1 %, growing the step 1.5-fold after easy
     * solves, halving it after hard ones and cutting it tenfold after a failure, until they are
     * full or the step falls below 1e-7.
     */
    private double gillespie(double[] x, Newton.Extra hold, Options o) {
        LoadContext ctx = system.context();
        java.util.Arrays.fill(x, 0);
        ctx.setSourceFactor(0);
        boolean initJunctions = true;
        boolean converged = newton.solve(x, o.itl2, true, hold);
        if (!converged) {
            double diagonal = o.gmin * 1e10;
            for (int i = 0; i <= 10; i++) {
                converged = step(x, o.itl2, initJunctions, hold, diagonal);
                if (!converged) {
                    break;
                }
                diagonal /= 10;
                initJunctions = false;
            }
        }
        if (!converged) {
            return 0;
        }
        initJunctions = false;
        double[] good = x.clone();
        double reached = 0;
        double raise = 1e-3;
        double factor = raise;
        do {
            ctx.setSourceFactor(factor);
            boolean ok = newton.solve(x, o.itl2, initJunctions, hold);
            int iterations = newton.iterations();
            if (ok) {
                reached = factor;
                System.arraycopy(x, 0, good, 0, x.length);
                factor = reached + raise;
                if (iterations <= o.itl2 / 4) {
                    raise *= 1.5;
                }
                if (iterations > 3 * o.itl2 / 4) {
                    raise *= 0.5;
                }
            } else {
                if (factor - reached < 1e-8) {
                    break;
                }
                raise = Math.min(raise / 10, 0.01);
                factor = reached;
                System.arraycopy(good, 0, x, 0, x.length);
            }
            factor = Math.min(factor, 1);
        } while (raise >= 1e-7 && reached < 1);
        return reached;
    }
}
