package org.memspice.spice.elements;

import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.SetupContext;

/** The four matrix entries of a conductance between nodes a and b, reserved once. */
public final class ConductanceStamp {
    private final int a;
    private final int b;
    private final int aa;
    private final int ab;
    private final int ba;
    private final int bb;

    public ConductanceStamp(SetupContext ctx, int a, int b) {
        this.a = a;
        this.b = b;
        aa = ctx.slot(a, a);
        ab = ctx.slot(a, b);
        ba = ctx.slot(b, a);
        bb = ctx.slot(b, b);
    }

    /** Stamps conductance g. */
    public void conductance(LoadContext ctx, double g) {
        ctx.add(aa, g);
        ctx.add(ab, -g);
        ctx.add(ba, -g);
        ctx.add(bb, g);
    }

    /**
     * Stamps the linearized branch current i(v) ≈ i0 + g·(v − v0) flowing from a to b through
     * the element, where v = V(a) − V(b).
     */
    public void linearized(LoadContext ctx, double g, double i0, double v0) {
        conductance(ctx, g);
        double ieq = i0 - g * v0;
        ctx.addRhs(a, -ieq);
        ctx.addRhs(b, ieq);
    }

    /** V(a) − V(b) in the present estimate. */
    public double voltage(LoadContext ctx) {
        return ctx.v(a) - ctx.v(b);
    }
}
