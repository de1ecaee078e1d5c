package org.memspice.spice.element;

/** An element whose current is an MNA unknown (voltage sources, inductors, E and H sources); I(name) reads it. */
public interface BranchCurrent {
    /** The unknown holding the branch current, flowing into the + terminal. */
    int branchUnknown();

    /** False for an element of this class that has no branch current after all (a B current source). */
    default boolean hasBranchCurrent() {
        return true;
    }
}
