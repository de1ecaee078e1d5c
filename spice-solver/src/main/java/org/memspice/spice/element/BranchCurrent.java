package org.memspice.spice.element;

/** An element whose current is an MNA unknown (voltage sources, inductors, E and H sources); I(name) reads it. */
public interface BranchCurrent {
    /** The unknown holding the branch current, flowing into the + terminal. */
    int branchUnknown();
}
