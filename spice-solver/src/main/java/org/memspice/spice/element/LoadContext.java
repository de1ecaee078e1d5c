package org.memspice.spice.element;

import org.memspice.spice.circuit.Options;

/**
 * What an element sees and writes during one Newton iteration: the solution estimate, the matrix
 * and right-hand side to stamp, the analysis mode, and the integration of its states.
 *
 * <p>The engine owns and configures this object (the setters); elements only read the mode,
 * read voltages, stamp, and integrate.
 */
public final class LoadContext {
    /** Analysis in progress. */
    public enum Mode { DC, TRANSIENT }

    /** Integration formula for the present step. */
    public enum Formula { BACKWARD_EULER, TRAPEZOIDAL, GEAR2 }

    private final Options options;
    private double[] x;
    private double[] a;
    private int[] position;
    private double[] rhs;
    private StateHistory states;
    // the history arrays of the present step, cached because integrate() is on the hottest path
    private double[] q0;
    private double[] q1;
    private double[] q2;
    private double[] dq0;
    private double[] dq1;

    private Mode mode = Mode.DC;
    private boolean initJunctions;
    /** This step over the last while the first iteration of a time point predicts, NaN otherwise. */
    private double prediction = Double.NaN;
    private boolean initStates;
    private boolean transientStart;
    private boolean useIc;
    private double time;
    private double step;
    private double sourceFactor = 1;
    private double gmin;
    private Formula formula = Formula.BACKWARD_EULER;
    private double ag0;
    private double ag1;
    private double ag2;
    private boolean nonConverged;
    private Element loading;
    private Element trouble;
    private String troubleReason;

    private double previousStep = Double.NaN;

    public LoadContext(Options options) {
        this.options = options;
        this.gmin = options.gmin;
    }

    // ---- element side ----

    /** Value of an unknown in the present estimate (0 for ground). */
    public double v(int unknown) {
        return x[unknown];
    }

    /** Adds {@code value} to the matrix entry reserved as {@code handle}. */
    public void add(int handle, double value) {
        a[position[handle]] += value;
    }

    /** Adds {@code value} to the right-hand side of row {@code unknown} (ignored for ground). */
    public void addRhs(int unknown, double value) {
        rhs[unknown] += value;
    }

    public Mode mode() {
        return mode;
    }

    public boolean isTransient() {
        return mode == Mode.TRANSIENT;
    }

    /** First iteration of an operating point: junctions should start from their critical voltage. */
    public boolean initJunctions() {
        return initJunctions;
    }

    /**
     * True while the operating point that starts a transient is solved (DC mode): independent
     * sources then take their waveform's value at t = 0, not their DC value, as in ngspice.
     */
    public boolean transientStart() {
        return transientStart;
    }

    /** The pass at t=0 that records initial state values before the first step. */
    public boolean initStates() {
        return initStates;
    }

    /** UIC: initial conditions given on elements replace the operating point. */
    public boolean useInitialConditions() {
        return useIc;
    }

    public double time() {
        return time;
    }

    /** Size of the present time step (0 in DC). */
    public double step() {
        return step;
    }

    /** Scale of the independent sources (source stepping), 1 normally. */
    public double sourceFactor() {
        return sourceFactor;
    }

    /** Conductance placed across junctions to keep the matrix well conditioned. */
    public double gmin() {
        return gmin;
    }

    public Options options() {
        return options;
    }

    /** Coefficient of the present state in the integration formula: dq/dt = ag0·q + history. 0 in DC. */
    public double ag0() {
        return mode == Mode.TRANSIENT && !initStates ? ag0 : 0;
    }

    /**
     * Records state {@code s} at the present point and returns its time derivative by the
     * present integration formula (0 in DC and in the initial pass).
     */
    public double integrate(int s, double value) {
        q0[s] = value;
        double d;
        if (mode != Mode.TRANSIENT || initStates) {
            d = 0;
        } else if (formula == Formula.TRAPEZOIDAL) {
            d = ag0 * (value - q1[s]) - ag1 * dq1[s];
        } else if (formula == Formula.GEAR2) {
            d = ag0 * value + ag1 * q1[s] + ag2 * q2[s];
        } else {
            d = ag0 * (value - q1[s]);
        }
        dq0[s] = d;
        return d;
    }

    /**
     * Records state {@code s} as held at {@code value} with zero time derivative, for a state
     * pinned at a hard bound: keeping the integration formula's derivative there would make the
     * trapezoidal rule ring around the bound.
     */
    public void holdState(int s, double value) {
        q0[s] = value;
        dq0[s] = 0;
    }

    /**
     * ngspice's {@code ddt()}: the backward difference of state {@code s} over the last two
     * accepted points, (q(t[n-1]) - q(t[n-2])) / (t[n-1] - t[n-2]), constant within the present
     * point; 0 in DC, at t = 0 and for the first two steps (as ngspice's PTddt).
     */
    public double laggedDerivative(int s) {
        return lagged() ? (q1[s] - q2[s]) / previousStep : 0;
    }

    /**
     * d({@link #laggedDerivative})/d(q(t[n-1])) at this point: 1/(t[n-1] − t[n-2]) where the lagged
     * slope is taken, 0 where it is 0 (DC, t = 0, the first two steps); its derivative with respect to
     * q(t[n-2]) is the negative. Read-only, for the sensitivities.
     */
    public double laggedSlope() {
        return lagged() ? 1 / previousStep : 0;
    }

    /** True where the lagged slope is taken: a transient point with two accepted points before it (t[n-2] > 0). */
    private boolean lagged() {
        if (mode != Mode.TRANSIENT || initStates || !(previousStep > 0)) {
            return false;
        }
        double t1 = time - step;
        return !(t1 - previousStep <= 1e-9 * t1);
    }

    /** Size of the step before the present one, t[n-1] - t[n-2] (NaN before the first step). */
    public void setPreviousStep(double h) {
        this.previousStep = h;
    }

    /** State {@code s} at the last accepted point. */
    public double previousState(int s) {
        return q1[s];
    }

    /**
     * True in the first Newton iteration of a transient time point after the first: a device that
     * follows SPICE's predictor (ngspice's MODEINITPRED) evaluates at its voltages extrapolated
     * from the last two accepted points, kept as states, instead of at the previous solution.
     */
    public boolean predicting() {
        return !Double.isNaN(prediction);
    }

    /** State {@code s} extrapolated linearly from the last two accepted points to the present one. */
    public double predict(int s) {
        return (1 + prediction) * q1[s] - prediction * q2[s];
    }

    /** Marks this iteration as not converged (a junction voltage was limited, for example). */
    public void nonConvergence() {
        nonConverged = true;
        trouble = loading;
        troubleReason = null;
    }

    /**
     * Marks this iteration as not converged and says why, for the message if the analysis fails
     * (an expression that is not finite at the present estimate, for example).
     */
    public void nonConvergence(String reason) {
        nonConverged = true;
        trouble = loading;
        troubleReason = reason;
    }

    // ---- engine side ----

    public void bind(double[] solution, double[] values, int[] positions, double[] rightHandSide, StateHistory history) {
        this.x = solution;
        this.a = values;
        this.position = positions;
        this.rhs = rightHandSide;
        this.states = history;
        refreshStates();
    }

    /** Re-reads the history arrays (after the engine rotated them). */
    public void refreshStates() {
        q0 = states.values(0);
        q1 = states.values(1);
        q2 = states.values(2);
        dq0 = states.derivatives(0);
        dq1 = states.derivatives(1);
    }

    public void setSolution(double[] solution) {
        this.x = solution;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public void setTransientStart(boolean on) {
        this.transientStart = on;
    }

    /** The next load predicts (see {@link #predicting}); {@code stepRatio} is this step over the last. */
    public void setPrediction(double stepRatio) {
        this.prediction = stepRatio;
    }

    /** The step ratio {@link #setPrediction} set for this point's first iteration, NaN when none is pending. */
    public double predictionRatio() {
        return prediction;
    }

    public void endPrediction() {
        this.prediction = Double.NaN;
    }

    public void setInitJunctions(boolean on) {
        this.initJunctions = on;
    }

    public void setInitStates(boolean on) {
        this.initStates = on;
        refreshStates();
    }

    public void setUseInitialConditions(boolean on) {
        this.useIc = on;
    }

    public void setTime(double t) {
        this.time = t;
    }

    public void setSourceFactor(double f) {
        this.sourceFactor = f;
    }

    public void setGmin(double g) {
        this.gmin = g;
    }

    /** Sets the integration formula and its coefficients for a step of size {@code h}. */
    public void setIntegration(Formula f, double h, double ag0, double ag1, double ag2) {
        this.formula = f;
        this.step = h;
        this.ag0 = ag0;
        this.ag1 = ag1;
        this.ag2 = ag2;
        refreshStates();
    }

    /** Tells the context which element is loading (for {@link #nonConvergence()}'s record). */
    public void setLoading(Element e) {
        loading = e;
    }

    /** The element that last marked an iteration unconverged, and why, as text; null if none. */
    public String trouble() {
        if (trouble == null) {
            return null;
        }
        return trouble.name() + (troubleReason != null ? " (" + troubleReason + ")" : " (its junction voltages were"
                + " still being limited)");
    }

    public void clearTrouble() {
        trouble = null;
        troubleReason = null;
    }

    public boolean takeNonConvergence() {
        boolean n = nonConverged;
        nonConverged = false;
        return n;
    }

    public StateHistory states() {
        return states;
    }
}
