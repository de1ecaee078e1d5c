package org.memspice.spice.element;

/**
 * An element that can lay the data its load reads out anew, in passes: the engine calls pass 0
 * of every such element in element order, then pass 1, and so on, and each pass allocates one
 * level of the element's objects and arrays afresh. Each kind of data then lies contiguous in
 * element order, which is how a copying collection's breadth-first copy lays it out, and the
 * load loop runs on it up to twice as fast as on the order the build allocated (BENCHMARKS.md).
 * Values are unchanged.
 */
public interface Relocatable extends Element {
    /** How many passes {@link #relocate} takes. */
    int relocationPasses();

    /** Pass {@code pass} (0 to {@link #relocationPasses()} - 1). */
    void relocate(int pass);
}
