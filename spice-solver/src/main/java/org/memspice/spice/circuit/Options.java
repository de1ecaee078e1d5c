package org.memspice.spice.circuit;

import java.util.Set;
import org.memspice.spice.linalg.SparseLu;

/** Simulator options ({@code .options}); defaults are ngspice's. Units SI. */
public final class Options {
    /** Integration method for transient analysis. */
    public enum Method { TRAP, GEAR }

    /**
     * Newton's method at transient time points: FULL refactors the Jacobian every iteration;
     * CHORD keeps earlier factors while the updates contract quickly (chord iterations of modified
     * Newton) and refactors when they do not; MODIFIED (the default) is CHORD that, where a
     * factorization is costly, first solves the present Jacobian by GMRES preconditioned with the
     * earlier factors and refactors only when a few iterations do not suffice (see the analysis
     * package's {@code Newton}).
     */
    public enum NewtonMethod { FULL, CHORD, MODIFIED }

    /** The numeric options {@link #set} knows. */
    public static final Set<String> NUMERIC = Set.of("reltol", "abstol", "vntol", "chgtol", "trtol", "gmin", "maxord",
            "itl1", "itl2", "itl4", "temp", "tnom", "gminsteps", "srcsteps");

    public double reltol = 1e-3;
    public double abstol = 1e-12;
    public double vntol = 1e-6;
    public double chgtol = 1e-14;
    public double trtol = 7;
    public double gmin = 1e-12;
    public Method method = Method.TRAP;
    public int maxord = 2;
    public NewtonMethod newton = NewtonMethod.MODIFIED;
    /**
     * The fill-reducing ordering of the circuit matrix ({@code .options ordering=auto|amd|nd}):
     * AUTO tries nested dissection where the factorizations expected make it pay.
     */
    public SparseLu.Ordering ordering = SparseLu.Ordering.AUTO;
    /** Newton iterations for an operating point, for each continuation step and each .dc point, for a time point. */
    public int itl1 = 100;
    public int itl2 = 50;
    public int itl4 = 10;
    /** Circuit temperature in degrees Celsius. */
    public double temp = 27;
    public double tnom = 27;
    /**
     * Continuation when Newton fails at an operating point, as ngspice: 1 is the adaptive method,
     * more is that many fixed steps, 0 is none.
     */
    public int gminSteps = 1;
    public int srcSteps = 1;

    /**
     * Sets a numeric option by its (lower-case) netlist name after checking its range; returns
     * null, or what the value must be (for the error message).
     */
    public String set(String name, double v) {
        if (!Double.isFinite(v)) {
            return "must be a finite number";
        }
        switch (name) {
            case "reltol":
                return v > 0 && v < 1 ? ok(() -> reltol = v) : "must lie between 0 and 1";
            case "abstol":
                return v > 0 ? ok(() -> abstol = v) : "must be positive";
            case "vntol":
                return v > 0 ? ok(() -> vntol = v) : "must be positive";
            case "chgtol":
                return v > 0 ? ok(() -> chgtol = v) : "must be positive";
            case "trtol":
                return v > 0 ? ok(() -> trtol = v) : "must be positive";
            case "gmin":
                return v >= 0 && v < 1 ? ok(() -> gmin = v) : "must be at least 0 and below 1 S";
            case "maxord":
                return v == 1 || v == 2 ? ok(() -> maxord = (int) v) : "must be 1 or 2 (memspice integrates to order 2)";
            case "itl1":
                return whole(v, 1, 1_000_000) ? ok(() -> itl1 = (int) v) : "must be a whole number from 1 to 1000000";
            case "itl2":
                return whole(v, 1, 1_000_000) ? ok(() -> itl2 = (int) v) : "must be a whole number from 1 to 1000000";
            case "itl4":
                return whole(v, 1, 1_000_000) ? ok(() -> itl4 = (int) v) : "must be a whole number from 1 to 1000000";
            case "temp":
                return v > -273.15 ? ok(() -> temp = v) : "must be above absolute zero (-273.15 C)";
            case "tnom":
                return v > -273.15 ? ok(() -> tnom = v) : "must be above absolute zero (-273.15 C)";
            case "gminsteps":
                return whole(v, 0, 100) ? ok(() -> gminSteps = (int) v) : "must be a whole number from 0 to 100";
            case "srcsteps":
                return whole(v, 0, 100) ? ok(() -> srcSteps = (int) v) : "must be a whole number from 0 to 100";
            default:
                throw new IllegalArgumentException("no numeric option " + name);
        }
    }

    private static boolean whole(double v, int lo, int hi) {
        return v == Math.rint(v) && v >= lo && v <= hi;
    }

    private static String ok(Runnable assignment) {
        assignment.run();
        return null;
    }
}
