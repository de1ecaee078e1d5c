package org.memspice.spice.element;

/** An independent V or I source, whose DC value a {@code .dc} sweep can override. */
public interface IndependentSource {
    /** Overrides the DC value; NaN restores the netlist's value. */
    void setSweepValue(double value);

    /** True for a current source (the sweep vector is then {@code i-sweep}). */
    boolean isCurrentSource();
}
