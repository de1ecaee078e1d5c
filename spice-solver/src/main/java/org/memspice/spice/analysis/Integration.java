package org.memspice.spice.analysis;

import org.memspice.spice.circuit.Options;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.StateHistory;

/**
 * Integration formulas and the local-truncation-error step estimate (as in SPICE:
 * Nagel 1975; ngspice's NIcomCof and CKTterr). Order 1 is backward Euler; order 2 is the
 * trapezoidal rule or variable-step Gear-2 (BDF2).
 */
final class Integration {
    private Integration() {
    }

    /** Sets the formula and its coefficients for step h0 after a previous step h1. */
    static void configure(LoadContext ctx, Options.Method method, int order, double h0, double h1) {
        ctx.setPreviousStep(h1);
        if (order <= 1) {
            ctx.setIntegration(LoadContext.Formula.BACKWARD_EULER, h0, 1 / h0, 0, 0);
        } else if (method == Options.Method.TRAP) {
            ctx.setIntegration(LoadContext.Formula.TRAPEZOIDAL, h0, 2 / h0, 1, 0);
        } else {
            double a0 = (2 * h0 + h1) / (h0 * (h0 + h1));
            double a1 = -(h0 + h1) / (h0 * h1);
            double a2 = h0 / (h1 * (h0 + h1));
            ctx.setIntegration(LoadContext.Formula.GEAR2, h0, a0, a1, a2);
        }
    }

    /**
     * Largest step that keeps every state's local truncation error within tolerance, given the
     * step sizes {@code deltas[0]} (just taken), {@code deltas[1]} ... at the given order.
     */
    static double truncationStep(StateHistory s, Options o, Options.Method method, int order, double[] deltas) {
        return truncationStep(s, o, method, order, deltas, null);
    }

    /** As above; {@code limiting[0]} receives the index of the state that asks for the smallest step. */
    static double truncationStep(StateHistory s, Options o, Options.Method method, int order, double[] deltas,
            int[] limiting) {
        double factor;
        if (order <= 1) {
            factor = 0.5;
        } else {
            factor = method == Options.Method.TRAP ? 1.0 / 12 : 2.0 / 9;
        }
        // the divided-difference denominators depend only on the step sizes: computed once, as
        // scalars (this runs at every time point; arrays here were most of its cost in a fresh JVM).
        // Each next level spans one more step, h0 + h1 (+ h2), summed as ngspice's CKTterr does.
        double d0 = deltas[0];
        double d1 = deltas[1];
        double inv00 = 1 / d0;
        double inv01 = 1 / d1;
        double inv10 = 1 / (d1 + d0);
        double inv02 = 0;
        double inv11 = 0;
        double inv20 = 0;
        if (order >= 2) {
            double d2 = deltas[2];
            inv02 = 1 / d2;
            inv11 = 1 / (d2 + d1);
            inv20 = 1 / ((d2 + d1) + d0);
        }
        double[] q0 = s.values(0);
        double[] q1 = s.values(1);
        double[] q2 = s.values(2);
        double[] q3 = order >= 2 ? s.values(3) : q2;
        double[] c0 = s.derivatives(0);
        double[] c1 = s.derivatives(1);
        double reltolOverH = o.reltol / deltas[0];
        // smallest trtol*tol / max(abstol, factor*|diff|), i.e. the step before the order-th root
        double best = Double.POSITIVE_INFINITY;
        int n = s.count();
        for (int k = 0; k < n; k++) {
            if (!s.limitsStep(k)) {
                continue;
            }
            double volttol = o.abstol + o.reltol * max(Math.abs(c0[k]), Math.abs(c1[k]));
            double chargetol = reltolOverH * max(max(Math.abs(q0[k]), Math.abs(q1[k])), o.chgtol);
            double tol = max(volttol, chargetol);
            double diff;
            if (order <= 1) {
                double e0 = (q0[k] - q1[k]) * inv00;
                double e1 = (q1[k] - q2[k]) * inv01;
                diff = (e0 - e1) * inv10;
            } else {
                double e0 = (q0[k] - q1[k]) * inv00;
                double e1 = (q1[k] - q2[k]) * inv01;
                double e2 = (q2[k] - q3[k]) * inv02;
                e0 = (e0 - e1) * inv10;
                e1 = (e1 - e2) * inv11;
                diff = (e0 - e1) * inv20;
            }
            double del = o.trtol * tol / max(o.abstol, factor * Math.abs(diff));
            if (del < best) {
                best = del;
                if (limiting != null) {
                    limiting[0] = k;
                }
            }
        }
        if (order == 2) {
            return Math.sqrt(best);
        }
        return best;
    }

    /**
     * {@code Math.max(a, b)} for operands that are never -0.0 (absolute values, positive
     * tolerances and their products, as every call above): the same result, NaN included, in
     * less time than Math.max, which also orders -0.0 below +0.0 (this runs for every state at
     * every time point: rc_ladder2000 at 100,000 points, 6.67 against 6.02 s of analysis CPU).
     */
    private static double max(double a, double b) {
        return a >= b || a != a ? a : b;
    }
}
