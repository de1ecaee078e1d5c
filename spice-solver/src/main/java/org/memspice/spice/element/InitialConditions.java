package org.memspice.spice.element;

/**
 * An element with its own initial condition (a capacitor's IC=, an inductor's IC=, a device's
 * initial state). With UIC the transient starts from these instead of an operating point.
 */
public interface InitialConditions {
    /** Writes the element's initial values into the starting solution {@code x}. */
    void applyInitialConditions(double[] x);
}
