package org.memspice.cli;

/** Exit codes scripts can rely on. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** An unexpected internal error (a bug: please report it with the netlist). */
    public static final int INTERNAL = 1;
    /** The input is wrong: a bad netlist line, a bad option, a missing file. */
    public static final int INPUT = 2;
    /** The simulation could not finish: no convergence, singular matrix. */
    public static final int SIMULATION = 3;

    private ExitCodes() {
    }
}
