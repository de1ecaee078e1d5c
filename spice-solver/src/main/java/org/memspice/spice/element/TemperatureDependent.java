package org.memspice.spice.element;

/**
 * An element whose parameters depend on the circuit temperature. The engine calls
 * {@link #temperature} after set-up and whenever the temperature changes (a {@code .dc TEMP}
 * sweep), before the next load.
 */
public interface TemperatureDependent {
    /** Recomputes the element's temperature-dependent values at {@code celsius}. */
    void temperature(double celsius);
}
