package org.memspice.spice.circuit;

/**
 * Bounds on what a netlist may make memspice build, checked before the memory is allocated so
 * that a typo in a unit (a period of 1e-15 s, a sweep step of 1e-12 V) ends in a message naming
 * the limit instead of an OutOfMemoryError or a run that never ends.
 */
public final class Limits {
    /** Breakpoints (source corners) of one transient. */
    public static final int MAX_BREAKPOINTS = 10_000_000;
    /** Time points a transient needs at least (tstop over its longest step). */
    public static final long MAX_TIME_STEPS = 1_000_000_000L;
    /** Points of one .dc sweep, all levels multiplied. */
    public static final int MAX_SWEEP_POINTS = 10_000_000;
    /** Elements of the flattened circuit (subcircuit expansion). */
    public static final int MAX_ELEMENTS = 2_000_000;
    /** Nodes of an expression tree after .func calls are inlined. */
    public static final int MAX_EXPRESSION_NODES = 1_000_000;
    /** Nesting depth of one expression (parentheses, operators, function calls). */
    public static final int MAX_EXPRESSION_DEPTH = 500;
    /** Nesting depth of subcircuit instances. */
    public static final int MAX_SUBCIRCUIT_DEPTH = 50;

    private Limits() {
    }
}
