package org.memspice.devices.memristor;

/**
 * Window functions that slow the state near its bounds, for a normalized state x in [0, 1].
 * {@code value} and {@code derivative} (with respect to x) take the sign of the driving current,
 * which only the Biolek window uses.
 */
public enum Window {
    /** No window: f = 1. */
    NONE,
    /** Joglekar and Wolf, Eur. J. Phys. 30 (2009): f = 1 − (2x − 1)^(2p). */
    JOGLEKAR,
    /** Biolek, Biolek and Biolková, Radioengineering 18 (2009): f = 1 − (x − stp(−i))^(2p). */
    BIOLEK,
    /** Prodromakis et al., IEEE TED 58 (2011): f = j·(1 − [(x − 0.5)² + 0.75]^p). */
    PRODROMAKIS;

    /** Window value at state x with exponent p, scale j, for a current of sign {@code currentSign}. */
    public double value(double x, double p, double j, double currentSign) {
        switch (this) {
            case JOGLEKAR:
                return 1 - Math.pow(2 * x - 1, 2 * p);
            case BIOLEK:
                return 1 - Math.pow(x - (currentSign < 0 ? 1 : 0), 2 * p);
            case PRODROMAKIS:
                return j * scaleDerivative(x, p);
            default:
                return 1;
        }
    }

    /** d(value)/dx. */
    public double derivative(double x, double p, double j, double currentSign) {
        switch (this) {
            case JOGLEKAR:
                return -2 * p * 2 * Math.pow(2 * x - 1, 2 * p - 1);
            case BIOLEK:
                return -2 * p * Math.pow(x - (currentSign < 0 ? 1 : 0), 2 * p - 1);
            case PRODROMAKIS: {
                double u = (x - 0.5) * (x - 0.5) + 0.75;
                return -j * p * Math.pow(u, p - 1) * 2 * (x - 0.5);
            }
            default:
                return 0;
        }
    }

    /** d(value)/dj: 1 − [(x − 0.5)² + 0.75]^p for the Prodromakis window, the only one with a scale j; else 0. */
    public double scaleDerivative(double x, double p) {
        return this == PRODROMAKIS ? 1 - Math.pow((x - 0.5) * (x - 0.5) + 0.75, p) : 0;
    }

    /** The window named in a netlist: a number 0-3 (Xyce's WT order) or a name. */
    public static Window of(double code) {
        int c = (int) Math.round(code);
        if (c < 0 || c > 3 || c != code) {
            throw new IllegalArgumentException("window must be 0 (none), 1 (Joglekar), 2 (Biolek) or 3 (Prodromakis), got " + code);
        }
        return values()[c];
    }
}
