package org.memspice.spice.analysis;

import java.util.Arrays;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.circuit.Options;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.StateHistory;
import org.memspice.spice.element.StepListener;

/**
 * A transient run taken one given step at a time: the pieces of {@link TransientAnalysis#run}
 * without its step control. It starts as the analysis does (operating point at the sources'
 * t = 0 values, or UIC), then solves each step it is handed with the same integration formula,
 * predictor and Newton; so a recorded step sequence replays the run, with parameters changed
 * (finite differences at a fixed step sequence) or from a checkpoint (the adjoint's recomputation).
 * It also loads the Jacobians the sensitivity analyses need, in the mode of each point.
 */
public final class TransientStepper {
    /** Newton iterations a replayed step may take when the recorded run's ITL4 is not enough. */
    private static final int REPLAY_ITERATIONS = 100;

    private final MnaSystem system;
    private final Analysis.Tran spec;
    private final Newton newton;
    private final StepListener[] listeners;
    private final double[] trial;

    public TransientStepper(MnaSystem system, Analysis.Tran spec) {
        this.system = system;
        this.spec = spec;
        this.newton = new Newton(system);
        this.listeners = Arrays.stream(system.elements()).filter(e -> e instanceof StepListener)
                .map(e -> (StepListener) e).toArray(StepListener[]::new);
        this.trial = new double[system.size() + 1];
    }

    private boolean polish;

    /**
     * With polishing on, every solve (the operating point and each step) takes two more Newton
     * iterations after it converged, so that its solution is the root of the discrete equations to
     * rounding rather than to Newton's tolerance. Finite differences of a replayed run then
     * differentiate the discrete equations (which the adjoint does), not the last Newton iterates.
     */
    public void setPolish(boolean on) {
        this.polish = on;
    }

    public MnaSystem system() {
        return system;
    }

    public Analysis.Tran spec() {
        return spec;
    }

    /** The initial point as {@link TransientAnalysis} finds it; the state history is filled from it. */
    public double[] start() {
        return TransientAnalysis.initialPoint(system, newton, spec, polish ? REPLAY_ITERATIONS : 0);
    }

    /**
     * Solves recorded step {@code s} from the accepted solution {@code x} (updated in place to
     * the new point) and accepts it: states rotate, step listeners hear of it.
     *
     * @throws ConvergenceException when Newton does not converge at that step
     */
    public void step(StepRecorder.Step s, double[] x) {
        Options o = system.circuit().options();
        LoadContext ctx = system.context();
        ctx.setMode(LoadContext.Mode.TRANSIENT);
        Integration.configure(ctx, o.method, s.order(), s.step(), s.previousStep());
        ctx.setTime(s.solvedAt());
        System.arraycopy(x, 0, trial, 0, x.length);
        if (!s.first()) {
            ctx.setPrediction(s.step() / s.previousStep());
        }
        if (!newton.solve(trial, o.itl4, false, Newton.NONE)) {
            // a perturbed replay may need more iterations than the run it copies
            System.arraycopy(x, 0, trial, 0, x.length);
            if (!newton.solve(trial, REPLAY_ITERATIONS, false, Newton.NONE)) {
                throw new ConvergenceException(String.format("replaying the transient: step to t = %.6g s (%.3g s)"
                        + " did not converge; worst unknown %s", s.time(), s.step(), newton.worst()));
            }
        }
        if (polish) {
            newton.solve(trial, REPLAY_ITERATIONS, false, Newton.NONE);
        }
        System.arraycopy(trial, 0, x, 0, x.length);
        StateHistory states = system.states();
        states.rotate();
        ctx.refreshStates();
        ctx.setTime(s.time());
        for (StepListener l : listeners) {
            l.accepted(ctx, x);
        }
    }

    /**
     * Stamps the Jacobian and sets the context of step {@code s} at its solution {@code x}
     * (transient mode, the step's formula and time); the state history is left as it is (the
     * Jacobian does not read it).
     */
    public void loadStep(StepRecorder.Step s, double[] x) {
        Options o = system.circuit().options();
        LoadContext ctx = system.context();
        ctx.setMode(LoadContext.Mode.TRANSIENT);
        ctx.endPrediction();
        Integration.configure(ctx, o.method, s.order(), s.step(), s.previousStep());
        ctx.setTime(s.solvedAt());
        ctx.setInitJunctions(false);
        system.load(x);
    }

    /**
     * Stamps the Jacobian of the initial operating point at {@code x} (DC mode, sources at their
     * t = 0 values, the .ic clamps the solve held).
     */
    public void loadStart(double[] x) {
        LoadContext ctx = system.context();
        ctx.setInitStates(false);
        ctx.setMode(LoadContext.Mode.DC);
        ctx.setTime(0);
        ctx.setSourceFactor(1);
        ctx.setInitJunctions(false);
        ctx.setTransientStart(true);
        try {
            system.load(x);
        } finally {
            ctx.setTransientStart(false);
        }
        system.circuit().initialConditions().forEach(system::clampNode);
    }

    /**
     * Sets the context to the pass at t = 0 that records the initial states (transient mode, no
     * formula, initial conditions used with UIC) with solution {@code x}: what the integration
     * states' values at the initial point are read in. {@link #endStart} leaves it.
     */
    public void contextAtStart(double[] x) {
        LoadContext ctx = system.context();
        ctx.setMode(LoadContext.Mode.TRANSIENT);
        ctx.setTime(0);
        ctx.setUseInitialConditions(spec.uic());
        ctx.setInitStates(true);
        ctx.setSolution(x);
    }

    /** Leaves the pass {@link #contextAtStart} set. */
    public void endStart() {
        system.context().setInitStates(false);
    }

    /** The integration formula of step {@code s}: d<sub>n</sub> = c0·q<sub>n</sub> + c1·q<sub>n−1</sub> + c2·q<sub>n−2</sub> + β·d<sub>n−1</sub>. */
    public Formula formula(StepRecorder.Step s) {
        return Formula.of(system.circuit().options().method, s.order(), s.step(), s.previousStep());
    }

    /** Coefficients of one step's integration formula, as {@link Integration#configure} sets them. */
    public record Formula(double c0, double c1, double c2, double beta) {
        static Formula of(Options.Method method, int order, double h0, double h1) {
            if (order <= 1) {
                return new Formula(1 / h0, -1 / h0, 0, 0);
            }
            if (method == Options.Method.TRAP) {
                return new Formula(2 / h0, -2 / h0, 0, -1);
            }
            double a0 = (2 * h0 + h1) / (h0 * (h0 + h1));
            double a1 = -(h0 + h1) / (h0 * h1);
            double a2 = h0 / (h1 * (h0 + h1));
            return new Formula(a0, a1, a2, 0);
        }
    }

    /** A copy of the integration-state history (a checkpoint of the run). */
    public double[][] saveStates() {
        StateHistory h = system.states();
        double[][] out = new double[2 * StateHistory.DEPTH][];
        for (int k = 0; k < StateHistory.DEPTH; k++) {
            out[2 * k] = h.values(k).clone();
            out[2 * k + 1] = h.derivatives(k).clone();
        }
        return out;
    }

    /** Restores a history saved by {@link #saveStates}. */
    public void restoreStates(double[][] saved) {
        StateHistory h = system.states();
        for (int k = 0; k < StateHistory.DEPTH; k++) {
            System.arraycopy(saved[2 * k], 0, h.values(k), 0, h.count());
            System.arraycopy(saved[2 * k + 1], 0, h.derivatives(k), 0, h.count());
        }
        system.context().refreshStates();
    }
}
