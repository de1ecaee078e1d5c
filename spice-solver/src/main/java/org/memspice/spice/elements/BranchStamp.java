package org.memspice.spice.elements;

import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.SetupContext;

/**
 * The incidence entries of a branch-current unknown between nodes a and b: the current enters
 * the element at a (KCL columns) and the branch row reads V(a) − V(b). Used by voltage sources,
 * inductors and the E and H sources.
 */
public final class BranchStamp {
    private final int ab;
    private final int bb;
    private final int ba;
    private final int bbNeg;

    public BranchStamp(SetupContext ctx, int a, int b, int branch) {
        ab = ctx.slot(a, branch);
        bb = ctx.slot(b, branch);
        ba = ctx.slot(branch, a);
        bbNeg = ctx.slot(branch, b);
    }

    /** Stamps the ±1 incidence entries. */
    public void incidence(LoadContext ctx) {
        ctx.add(ab, 1);
        ctx.add(bb, -1);
        ctx.add(ba, 1);
        ctx.add(bbNeg, -1);
    }
}
