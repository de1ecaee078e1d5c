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
        conductance(ctx, aa, ab, ba, bb, g);
    }

    /**
     * Stamps conductance g into the slots (a,a), (a,b), (b,a) and (b,b): for an element that keeps
     * its four slots in fields of its own rather than in a stamp object (a resistor: a 1024x1024
     * crossbar has 3.1 million of them, and a stamp object each cost 40 bytes and one more object
     * for every garbage collection to trace).
     */
    static void conductance(LoadContext ctx, int aa, int ab, int ba, int bb, double g) {
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
