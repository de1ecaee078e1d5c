package org.memspice.spice.element;

/**
 * A circuit element as the MNA engine sees it. The engine calls {@link #allocate} on every
 * element first (branch currents, internal nodes, integration states), then {@link #setup}
 * (reserve the matrix entries it will stamp, look up other elements), then {@link #load} once per
 * Newton iteration to stamp conductances and currents for the present solution estimate.
 *
 * <p>Optional capabilities are further interfaces: {@link BreakpointSource}, {@link BranchCurrent},
 * {@link ConvergenceTest}, {@link TimestepLimiter}.
 */
public interface Element {
    /** Full (flattened, lower-case) instance name, for example {@code x1.mn}. */
    String name();

    /** Claims extra unknowns and integration states. Default: none. */
    default void allocate(SetupContext ctx) {
    }

    /** Reserves matrix entries; may look up other elements by name. */
    void setup(SetupContext ctx);

    /** Stamps the element for the solution estimate in {@code ctx}. */
    void load(LoadContext ctx);

    /**
     * Records the element's integration states for the solution in {@code ctx} (after a linear
     * circuit's single solve) without stamping. Default: a full {@link #load}, whose stamps the
     * engine then discards; elements with cheap states override it.
     */
    default void updateStates(LoadContext ctx) {
        load(ctx);
    }

    /** True when the stamps do not depend on the solution (Newton then needs one iteration). */
    default boolean isLinear() {
        return true;
    }

    /**
     * True when the stamps never change: not with the solution, time, analysis mode, source
     * stepping or gmin (a resistor, a linear controlled source). The engine then stamps the
     * element once and reuses the result.
     */
    default boolean hasConstantStamps() {
        return false;
    }
}
