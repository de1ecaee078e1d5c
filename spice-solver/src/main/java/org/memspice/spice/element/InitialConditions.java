package org.memspice.spice.element;

/**
 * An element with its own initial condition (a capacitor's IC=, an inductor's IC=, a device's
 * initial state). With UIC the transient starts from these instead of an operating point.
 */
public interface InitialConditions {
    /** Writes the element's initial values into the starting solution {@code x}. */
    void applyInitialConditions(double[] x);

    /**
     * The derivative of {@link #applyInitialConditions} with respect to one parameter p, in
     * forward mode (what a transient sensitivity from UIC closes with): {@code dx} holds ∂x/∂p of
     * the starting solution as the elements before this one left it; this element overwrites
     * ∂x<sub>i</sub>/∂p of every entry i it writes. {@code parameter} is p's index among this
     * element's {@link ParameterSensitive#sensitivityParameters}, or −1 when p is not this
     * element's (an entry copied from another one, as a capacitor's IC= adds to its second
     * terminal's value, still carries that entry's derivative).
     */
    void initialConditionDerivative(int parameter, double[] dx);
}
