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
    /**
     * Elements of the flattened circuit (subcircuit expansion): as many as the Java heap holds at
     * {@link #HEAP_BYTES_PER_ELEMENT} each, but not fewer than 2,000,000 nor more than
     * 100,000,000 (the arrays of the set-up and of the LU factors are indexed by int). With the
     * JVM's default heap (a quarter of the memory) a 16 GB machine takes about 2.6 million
     * elements, a 24 GB one 3.7 million; more needs a larger heap ({@code MEMSPICE_JAVA_OPTS=-Xmx...}).
     */
    public static final int MAX_ELEMENTS = maxElements(Runtime.getRuntime().maxMemory());
    /**
     * Heap bytes to allow per element when sizing {@link #MAX_ELEMENTS}: what the 1,024x1,024
     * passive crossbar (3.1 million elements: one resistor per line, up to four matrix entries
     * each, 145 million entries in its LU factors) takes at its peak, about 1.5 kB an element.
     * A circuit whose factors fill in more can still run out of memory below the limit; that ends
     * in a message naming the heap (exit 3), not a stack trace.
     */
    public static final long HEAP_BYTES_PER_ELEMENT = 1_600;
    /** Nodes of an expression tree after .func calls are inlined. */
    public static final int MAX_EXPRESSION_NODES = 1_000_000;
    /** Nesting depth of one expression (parentheses, operators, function calls). */
    public static final int MAX_EXPRESSION_DEPTH = 500;
    /** Nesting depth of subcircuit instances. */
    public static final int MAX_SUBCIRCUIT_DEPTH = 50;

    private Limits() {
    }

    /** {@link #MAX_ELEMENTS} for a heap of {@code maxHeapBytes}. */
    static int maxElements(long maxHeapBytes) {
        long fits = maxHeapBytes / HEAP_BYTES_PER_ELEMENT;
        return (int) Math.max(2_000_000, Math.min(100_000_000, fits));
    }

    /** Why the element limit is what it is, for the message that refuses a netlist. */
    public static String elementLimitReason() {
        return String.format("%,d MB of Java heap at %,d bytes an element; a larger heap (MEMSPICE_JAVA_OPTS=-Xmx...)"
                + " raises it", Runtime.getRuntime().maxMemory() >> 20, HEAP_BYTES_PER_ELEMENT);
    }
}
