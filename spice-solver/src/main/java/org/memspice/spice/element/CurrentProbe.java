package org.memspice.spice.element;

/**
 * An element whose terminal current, from its + to its − terminal, can be printed as
 * {@code i(name)} although it is not an MNA unknown (a resistor, a memristor).
 */
public interface CurrentProbe {
    /** The current at solution {@code x}. */
    double probeCurrent(double[] x);
}
