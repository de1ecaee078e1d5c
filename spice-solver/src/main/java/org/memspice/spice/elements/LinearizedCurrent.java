package org.memspice.spice.elements;

import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.SetupContext;

/**
 * Stamp of a nonlinear current flowing from node p to node n that depends on several controlling
 * voltages V(c+[k]) − V(c−[k]): I ≈ I0 + Σ g[k]·(v[k] − v0[k]). Shared by the semiconductor
 * devices and by device models in other modules.
 */
public final class LinearizedCurrent {
    private final int p;
    private final int n;
    private final int[] slots;

    public LinearizedCurrent(SetupContext ctx, int p, int n, int[] controlPlus, int[] controlMinus) {
        this.p = p;
        this.n = n;
        int k = controlPlus.length;
        slots = new int[4 * k];
        for (int i = 0; i < k; i++) {
            slots[4 * i] = ctx.slot(p, controlPlus[i]);
            slots[4 * i + 1] = ctx.slot(p, controlMinus[i]);
            slots[4 * i + 2] = ctx.slot(n, controlPlus[i]);
            slots[4 * i + 3] = ctx.slot(n, controlMinus[i]);
        }
    }

    /** Stamps current {@code i0} at controlling voltages {@code v0} with partials {@code g}. */
    public void stamp(LoadContext ctx, double i0, double[] g, double[] v0) {
        double ieq = i0;
        for (int k = 0; k < g.length; k++) {
            double gk = g[k];
            ctx.add(slots[4 * k], gk);
            ctx.add(slots[4 * k + 1], -gk);
            ctx.add(slots[4 * k + 2], -gk);
            ctx.add(slots[4 * k + 3], gk);
            ieq -= gk * v0[k];
        }
        ctx.addRhs(p, -ieq);
        ctx.addRhs(n, ieq);
    }
}
