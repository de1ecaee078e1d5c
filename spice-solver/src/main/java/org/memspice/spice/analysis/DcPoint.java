package org.memspice.spice.analysis;

import org.memspice.spice.element.LoadContext;

/** The DC operating point as {@code .op} solves it, and its Jacobian, for sensitivity analyses. */
public final class DcPoint {
    private DcPoint() {
    }

    /** Solves the operating point (Newton, gmin and source stepping as {@code .op}). */
    public static double[] solve(MnaSystem system) {
        double[] x = new double[system.size() + 1];
        new OperatingPoint(system, new Newton(system)).solve(x, java.util.Map.of(), "the DC operating point");
        return x;
    }

    /** Stamps the DC Jacobian at {@code x} and leaves the context in DC mode at that solution. */
    public static void load(MnaSystem system, double[] x) {
        LoadContext ctx = system.context();
        ctx.setMode(LoadContext.Mode.DC);
        ctx.setTime(0);
        ctx.setSourceFactor(1);
        ctx.setInitJunctions(false);
        system.load(x);
    }
}
