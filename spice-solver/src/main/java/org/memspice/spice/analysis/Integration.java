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
        double factor;
        if (order <= 1) {
            factor = 0.5;
        } else {
            factor = method == Options.Method.TRAP ? 1.0 / 12 : 2.0 / 9;
        }
        double best = Double.POSITIVE_INFINITY;
        double[] diff = new double[order + 2];
        double[] dt = new double[order + 1];
        double[] q0 = s.values(0);
        double[] q1 = s.values(1);
        double[] c0 = s.derivatives(0);
        double[] c1 = s.derivatives(1);
        double h = deltas[0];
        for (int k = 0; k < s.count(); k++) {
            double volttol = o.abstol + o.reltol * Math.max(Math.abs(c0[k]), Math.abs(c1[k]));
            double chargetol = o.reltol * Math.max(Math.max(Math.abs(q0[k]), Math.abs(q1[k])), o.chgtol) / h;
            double tol = Math.max(volttol, chargetol);
            for (int i = 0; i <= order + 1; i++) {
                diff[i] = s.values(i)[k];
            }
            for (int i = 0; i <= order; i++) {
                dt[i] = deltas[i];
            }
            int j = order;
            while (true) {
                for (int i = 0; i <= j; i++) {
                    diff[i] = (diff[i] - diff[i + 1]) / dt[i];
                }
                if (--j < 0) {
                    break;
                }
                for (int i = 0; i <= j; i++) {
                    dt[i] = dt[i + 1] + dt[i];
                }
            }
            double del = o.trtol * tol / Math.max(o.abstol, factor * Math.abs(diff[0]));
            if (order == 2) {
                del = Math.sqrt(del);
            } else if (order > 2) {
                del = Math.pow(del, 1.0 / order);
            }
            if (del < best) {
                best = del;
            }
        }
        return best;
    }
}
