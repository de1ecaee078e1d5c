package org.memspice.devices.memristor;

/**
 * The physics of one memristive device, written once: the port current I(v, x) and the state
 * velocity dx/dt = f(v, x), with analytic partial derivatives, as plain functions of the voltage
 * across the device and its state. The circuit solver stamps them ({@code YMEMRISTOR}); the stepped
 * neuron and the training code call the same methods, one device at a time or batched.
 */
public interface MemristorModel {
    /** Short model name as in {@code .model ... MEMRISTOR (model=...)}. */
    String kind();

    /** Evaluates at voltage {@code v} and state {@code x}. */
    void evaluate(double v, double x, MemristorPoint out);

    /** Smallest state the device can reach. */
    double minState();

    /** Largest state the device can reach. */
    double maxState();

    /** State of a fresh device unless the netlist gives x0. */
    double initialState();

    /** Unit of the state, for output labels (for example "1" or "m"). */
    default String stateUnit() {
        return "1";
    }

    /**
     * Batched evaluation: fills the arrays of {@code out} for devices 0..n-1 at voltages
     * {@code v} and states {@code x}.
     */
    default void evaluate(double[] v, double[] x, int n, MemristorBatch out) {
        MemristorPoint p = new MemristorPoint();
        for (int k = 0; k < n; k++) {
            evaluate(v[k], x[k], p);
            out.current[k] = p.current;
            out.dCurrentDv[k] = p.dCurrentDv;
            out.dCurrentDx[k] = p.dCurrentDx;
            out.rate[k] = p.rate;
            out.dRateDv[k] = p.dRateDv;
            out.dRateDx[k] = p.dRateDx;
        }
    }
}
