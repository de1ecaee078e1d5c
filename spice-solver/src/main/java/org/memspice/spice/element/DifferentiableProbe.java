package org.memspice.spice.element;

/**
 * A {@link CurrentProbe} whose current is a differentiable function of the solution, the time and
 * the element's parameters: what lets a sensitivity objective read {@code i(name)} of an element
 * that has no branch unknown (a resistor, a behavioural resistor or B current source, a memristor).
 * The current flows from the element's + terminal through it to its − terminal, as printed.
 */
public interface DifferentiableProbe extends CurrentProbe {
    /** The current at solution {@code x} and time {@code t}. */
    double probeCurrent(double[] x, double t);

    /** Adds w·∂i/∂x[u] to {@code grad[u]} for every unknown u the current depends on, at (x, t). */
    void probeGradient(double[] x, double t, double w, double[] grad);

    /**
     * The current's explicit derivative ∂i/∂p at (x, t), x held, in parameter {@code k} of
     * {@code parameter}; 0 when that parameter is not one the current reads.
     */
    double probeParameterDerivative(ParameterSensitive parameter, int k, double[] x, double t);

    /** Why this element's current cannot be differentiated, or null when it can. */
    default String probeNotDifferentiable() {
        return null;
    }
}
