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

    /**
     * Every parameter the model reads, with its value (given or default), lower case: what
     * re-creates the model ({@link MemristorModels#withParameter}). Default: none.
     */
    default java.util.Map<String, Double> parameters() {
        return java.util.Map.of();
    }

    /**
     * The parameters that choose a form of the model rather than scale it (a window number, an
     * I-V relation switch): they cannot be differentiated. Default: none.
     */
    default java.util.Set<String> discreteParameters() {
        return java.util.Set.of();
    }

    /**
     * The analytic derivatives of the current and the state velocity with respect to parameter
     * {@code name} at (v, x): ∂I/∂p into {@code out.current} and ∂f/∂p into {@code out.rate} (the
     * other fields are not used). Returns false when the model has no analytic form for that
     * parameter; {@link ParameterDerivatives} then differentiates it numerically. Default: none.
     */
    default boolean parameterDerivative(String name, double v, double x, MemristorPoint out) {
        return false;
    }

    /**
     * True when a positive (SET) switching cycle lowers the state, as for a gap model whose state
     * is the filament gap (Stanford-PKU); false when it raises it. Cycle-to-cycle variation
     * redraws the limit a cycle switches toward.
     */
    default boolean setLowersState() {
        return false;
    }

    /** Unit of the state, for output labels (for example "1" or "m"). */
    default String stateUnit() {
        return "1";
    }

    /**
     * True when the port current factors as I(v, x) = s(x)·u(v) (a state factor times a voltage
     * factor), as it does for every model here: a crossbar of such devices read at row voltages
     * v_i then passes the column currents Σ s(x_ij)·u(v_i), a matrix product. The four factor
     * methods below are then implemented and {@link #evaluate} computes the current from them.
     */
    default boolean hasSeparableCurrent() {
        return false;
    }

    /** s(x) of I(v, x) = s(x)·u(v) (see {@link #hasSeparableCurrent}). */
    default double currentStateFactor(double x) {
        throw new UnsupportedOperationException(kind() + ": the current does not factor into s(x)·u(v)");
    }

    /** ds/dx. */
    default double currentStateFactorSlope(double x) {
        throw new UnsupportedOperationException(kind() + ": the current does not factor into s(x)·u(v)");
    }

    /** u(v) of I(v, x) = s(x)·u(v). */
    default double currentVoltageFactor(double v) {
        throw new UnsupportedOperationException(kind() + ": the current does not factor into s(x)·u(v)");
    }

    /**
     * u(v) as a SPICE behavioural expression of the voltage expression {@code v} (for netlists
     * that must run in simulators without this model, such as ngspice); ohmic models give v.
     */
    default String currentVoltageFactorExpression(String v) {
        throw new UnsupportedOperationException(kind() + ": the current does not factor into s(x)·u(v)");
    }

    /** du/dv. */
    default double currentVoltageFactorSlope(double v) {
        throw new UnsupportedOperationException(kind() + ": the current does not factor into s(x)·u(v)");
    }

    /** The chord conductance I(vRead, x)/vRead (S) of a device at state x read at vRead (≠ 0). */
    default double readConductance(double x, double vRead) {
        if (vRead == 0 || !Double.isFinite(vRead)) {
            throw new IllegalArgumentException("read voltage must be finite and non-zero, got " + vRead);
        }
        MemristorPoint p = new MemristorPoint();
        evaluate(vRead, x, p);
        return p.current / vRead;
    }

    /**
     * The inverse of {@link #readConductance}: the state at which a device read at vRead has
     * conductance g, found by bisection over [minState, maxState] (the read conductance of every
     * model here is monotone in its state), to within 1e-12 of the state range.
     *
     * @throws IllegalArgumentException when g lies outside the conductances the device can reach
     */
    default double stateForReadConductance(double g, double vRead) {
        double lo = minState();
        double hi = maxState();
        double gLo = readConductance(lo, vRead);
        double gHi = readConductance(hi, vRead);
        // the ends themselves are reachable: forgive the rounding of a state computed as lo + span
        double slack = 1e-12 * Math.abs(gHi - gLo);
        if (!(g >= Math.min(gLo, gHi) - slack && g <= Math.max(gLo, gHi) + slack)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s: conductance %.6g S at %.3g V is outside the device's range [%.6g, %.6g] S", kind(), g, vRead,
                    Math.min(gLo, gHi), Math.max(gLo, gHi)));
        }
        boolean rising = gHi >= gLo;
        double tol = 1e-12 * (hi - lo);
        while (hi - lo > tol) {
            double mid = 0.5 * (lo + hi);
            if ((readConductance(mid, vRead) < g) == rising) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
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
