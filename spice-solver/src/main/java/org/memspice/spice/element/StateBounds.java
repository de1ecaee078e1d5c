package org.memspice.spice.element;

/**
 * An element whose unknowns have hard limits (a memristor state in [0, 1], a filament gap between
 * its minimum and maximum). After every Newton solve the engine lets it project the new estimate
 * back into its limits, so that the bounds hold exactly at every accepted point, whatever the step.
 */
public interface StateBounds {
    /** Clamps this element's unknowns in {@code x} into their limits. */
    void project(double[] x);
}
