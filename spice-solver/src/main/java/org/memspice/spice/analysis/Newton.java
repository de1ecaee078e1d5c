package org.memspice.spice.analysis;

import org.memspice.spice.circuit.Options;
import org.memspice.spice.circuit.Unknowns;
import org.memspice.spice.element.ConvergenceTest;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.SetupContext.UnknownKind;

/**
 * Newton-Raphson on an {@link MnaSystem}. An iterate has converged when every unknown moved less
 * than reltol·max(|new|,|old|) plus vntol (voltages, states) or abstol (currents), no device
 * limited its junction voltages, and every nonlinear device's current test passes. A linear
 * circuit needs exactly one solve. The worst unknown of the last iteration is kept for messages.
 */
final class Newton {
    /** Extra stamps applied after the elements load (gmin stepping, .ic clamps). */
    interface Extra {
        void apply(MnaSystem system);
    }

    static final Extra NONE = s -> { };

    private final MnaSystem system;
    private final Options options;
    private final double[] trial;
    private final ConvergenceTest[] tests;
    private final double[] absoluteTolerance;
    private final org.memspice.spice.element.StateBounds[] bounds;
    private int iterations;
    private long totalIterations;
    private int worstUnknown;
    private double worstChange;
    private double worstTolerance;
    private SingularCircuitException singular;
    private String failedTest;
    private int nonFinite;
    /** The point's starting estimate, kept for the full-Newton retry of {@link #solveTransient}. */
    private double[] start;
    private int chordsThisSolve;
    /** The last solve stopped taking chord steps after {@link #POOR_CHORDS} poor contractions. */
    private boolean stalled;
    private long chordIterations;
    private long fallbacks;
    private long rejectedChords;
    private long previousPointChords;

    private boolean fullOnly;
    /** The unknowns' tolerances at the iterate, GMRES's scaling ({@link #krylovStep}). */
    private double[] weight;

    /** {@link #solveTransient} takes full Newton steps only (see {@link TransientAnalysis#useFullNewton}). */
    void fullOnly() {
        fullOnly = true;
    }

    Newton(MnaSystem system) {
        this.system = system;
        this.options = system.circuit().options();
        this.trial = new double[system.size() + 1];
        this.tests = system.convergenceTests();
        Unknowns u = system.unknowns();
        absoluteTolerance = new double[u.size() + 1];
        for (int i = 1; i <= u.size(); i++) {
            double own = u.tolerance(i);
            absoluteTolerance[i] = !Double.isNaN(own) ? own
                    : u.kind(i) == UnknownKind.CURRENT ? options.abstol : options.vntol;
        }
        this.bounds = system.stateBounds();
    }

    /**
     * Iterates from {@code x} (updated in place) at most {@code maxIterations} times, refactoring
     * the Jacobian every iteration. {@code initJunctions} sets the first iteration's junction
     * initialization.
     */
    boolean solve(double[] x, int maxIterations, boolean initJunctions, Extra extra) {
        return iterate(x, maxIterations, initJunctions, extra, false);
    }

    /**
     * One transient time point from {@code x} (updated in place), by the method the options
     * name. Modified Newton starts the point with a chord step on the previous point's factors
     * when they were stamped with the same integration coefficient (the same step and formula)
     * and a factorization is costly ({@link #PREVIOUS_FACTORS_MIN_SOLVES}), else factors the
     * Jacobian of the point's first iteration, and takes chord steps with those
     * factors while each update contracts by at least {@link #CONTRACTION}; a
     * chord step that does not is replaced by the Newton step from the same load (by GMRES on the
     * same factors where a factorization is costly, {@link #krylovStep}, else by a
     * refactorization), and after {@link #POOR_CHORDS} refactored ones the point finishes as full
     * Newton. With {@code newton=chord} no GMRES step is taken. If it does not converge within {@code maxIterations}, the point is solved again
     * from {@code x} by full Newton, so that the chord never costs a step that full Newton would
     * have taken. The convergence tests are full Newton's.
     */
    boolean solveTransient(double[] x, int maxIterations) {
        if (options.newton == Options.NewtonMethod.FULL || system.isLinear() || fullOnly) {
            return iterate(x, maxIterations, false, NONE, false);
        }
        LoadContext ctx = system.context();
        double prediction = ctx.predictionRatio();
        if (start == null) {
            start = new double[x.length];
        }
        System.arraycopy(x, 0, start, 0, x.length);
        boolean converged = iterate(x, maxIterations, false, NONE, true);
        if (stalled) {
            fallbacks++;
        }
        if (converged) {
            return true;
        }
        if (chordsThisSolve == 0) {
            return false; // every iteration was a full Newton step already
        }
        if (!stalled) {
            fallbacks++;
        }
        System.arraycopy(start, 0, x, 0, x.length);
        if (!Double.isNaN(prediction)) {
            ctx.setPrediction(prediction);
        }
        return iterate(x, maxIterations, false, NONE, false);
    }

    /**
     * The contraction a chord step must reach to be kept: its scaled update norm (the largest
     * change of an unknown against its tolerance) at most this fraction of the previous
     * iteration's. A chord iteration converges linearly; with contraction ρ the distance left to
     * the solution after an update δ is at most ρ/(1 − ρ)·|δ|, which is |δ| at ρ = 0.5, so a kept
     * chord step that passes the usual update test (reltol/vntol/abstol) is within the same
     * tolerance of the solution. A chord step that contracts less is discarded and replaced by the
     * Newton step from the same load: the matrix is stamped already, so it costs a factorization,
     * which full Newton spends on every iteration, and no device evaluation.
     */
    static final double CONTRACTION = 0.5;

    /**
     * A time point starts from the previous point's factors only when one factorization costs at
     * least this many solves (in flops, {@link MnaSystem#factorizationInSolves}). In smaller systems
     * the factorization is cheap next to the device evaluations of the extra iteration a stale
     * start may cost, and factoring at every point keeps their waveforms closest to ngspice's
     * (full Newton there). Measured on Yakopcic memristor crossbars (.tran 5u 1m, analysis CPU,
     * BENCHMARKS.md): 8x8 (a factorization costs 2.3 solves) no gain; 16x16 (5.7) 30 % less with
     * native cells, 9 % with behavioural ones; 64x64 (27) 54 % and 30 % less.
     */
    static final double PREVIOUS_FACTORS_MIN_SOLVES = 4;
    /**
     * GMRES's limit in {@link #krylovStep}: a factorization's cost in solves (its flops over a
     * solve's) divided by this, so that the iterations a failed GMRES wastes before the
     * refactorization stay a fraction of what a kept one saves. A GMRES iteration (a solve, a
     * product with the matrix, the orthogonalization) costs one to two solves in time, and a
     * refactorization, which runs at more flops per second than a solve, about half its flop
     * count in solves. On the 64x64 behavioural Yakopcic crossbar at .tran 5u 2m (a factorization
     * costs 23 solves in flops, so the limit is 3) the analysis took 4.0-4.9 s of CPU against
     * 5.0-5.5 s refactoring instead (`newton=chord`; bench/newton-modes.sh, three alternating
     * runs); in runs back to back, limits 3 and 4 took 3.9-4.7 s and limit 5 6.1-6.7 s.
     */
    static final double FACTORIZATION_IN_KRYLOV_ITERATIONS = 6;
    /**
     * Below this limit GMRES is not tried: with limit 2 (40x40 and 48x48 behavioural crossbars,
     * .tran 5u 1m) most solves gave up and the analysis took as long as without GMRES.
     */
    static final int KRYLOV_MIN_ITERATIONS = 3;
    static final int KRYLOV_MAX_ITERATIONS = 20;
    /**
     * GMRES stops when the preconditioned residual, in units of the unknowns' convergence
     * tolerances, has a 2-norm of at most this. On the 64x64 behavioural crossbar the Krylov step
     * then differs from the exact Newton step by at most 0.03 tolerance units in any unknown
     * (1.0 at 1e-3, where the preconditioned operator's non-normality amplifies the residual).
     */
    static final double KRYLOV_TOLERANCE = 1e-5;
    /** Discarded chord steps in one solve after which it finishes as full Newton. */
    private static final int POOR_CHORDS = 2;

    private boolean iterate(double[] x, int maxIterations, boolean initJunctions, Extra extra, boolean modified) {
        LoadContext ctx = system.context();
        worstUnknown = 0;
        singular = null;
        failedTest = null;
        nonFinite = 0;
        chordsThisSolve = 0;
        stalled = false;
        ctx.clearTrouble();
        int poor = 0;
        boolean krylovAtThisPoint = false;
        double lastNorm = Double.NaN;
        for (iterations = 1; iterations <= maxIterations; iterations++) {
            totalIterations++;
            ctx.setInitJunctions(initJunctions && iterations == 1);
            system.load(x);
            ctx.endPrediction(); // only the first iteration of a time point predicts
            extra.apply(system);
            boolean limited = ctx.takeNonConvergence();
            boolean chord = false;
            double norm = Double.NaN;
            try {
                // a point's first iteration factors unless the previous point's factors were stamped
                // with this step's integration coefficient (only the devices' operating points have
                // moved since) and are costly to redo. That first step is kept without a contraction
                // test (there is no earlier update to compare with); the next iteration's chord must
                // contract against it, or it becomes a Newton step, and no point converges on its
                // first iteration. The Newton step is solved by GMRES on these factors where that is
                // cheaper than refactoring (krylovStep); after one such step, every later step of the
                // point is one, because the chord from the same factors rarely contracts after a
                // Newton step.
                if (modified && (iterations > 1 || previousFactorsWorthUsing()) && system.solveChord(x, trial)) {
                    project(trial);
                    norm = scaledUpdate(x, trial);
                    if (!krylovAtThisPoint && (iterations == 1 || norm <= CONTRACTION * lastNorm)) {
                        chord = true;
                        chordsThisSolve++;
                        chordIterations++;
                        if (iterations == 1) {
                            previousPointChords++;
                        }
                    } else {
                        boolean contractionTested = !krylovAtThisPoint;
                        if (contractionTested) {
                            rejectedChords++;
                        }
                        krylovAtThisPoint = krylovStep(x);
                        if (krylovAtThisPoint) {
                            chord = true;
                            chordsThisSolve++;
                            norm = scaledUpdate(x, trial);
                        } else if (contractionTested && ++poor >= POOR_CHORDS) {
                            modified = false; // the chord keeps stalling at this point: finish as full Newton
                            stalled = true;
                        }
                    }
                }
                if (!chord) {
                    system.solve(trial);
                    project(trial);
                    if (modified) {
                        norm = scaledUpdate(x, trial);
                    }
                }
            } catch (SingularCircuitException e) {
                singular = e;
                ctx.setInitJunctions(false);
                return false;
            }
            lastNorm = norm;
            nonFinite = firstNonFinite(trial);
            if (nonFinite != 0) {
                ctx.setInitJunctions(false);
                return false;
            }
            boolean converged;
            if (system.isLinear()) {
                // one solve is exact; reload so that the integration states hold the solution's values
                System.arraycopy(trial, 0, x, 0, x.length);
                system.refreshStates(x);
                ctx.setInitJunctions(false);
                return true;
            } else {
                converged = iterations > 1 && !limited && !ctx.initJunctions() && close(x, trial);
            }
            System.arraycopy(trial, 0, x, 0, x.length);
            if (converged && tests.length > 0) {
                ctx.setSolution(x);
                for (ConvergenceTest t : tests) {
                    if (!t.converged(ctx)) {
                        converged = false;
                        failedTest = ((Element) t).name();
                        break;
                    }
                }
            }
            ctx.setInitJunctions(false);
            if (converged) {
                return true;
            }
        }
        return false;
    }

    /** Whether a point may start from the previous point's factors (see {@link #PREVIOUS_FACTORS_MIN_SOLVES}). */
    private boolean previousFactorsWorthUsing() {
        return system.factorsMatchIntegration() && system.factorizationInSolves() >= PREVIOUS_FACTORS_MIN_SOLVES;
    }

    private void project(double[] v) {
        for (org.memspice.spice.element.StateBounds sb : bounds) {
            sb.project(v);
        }
    }

    /** The largest change of an unknown against its convergence tolerance (1 is just within). */
    private double scaledUpdate(double[] old, double[] now) {
        double worst = 0;
        for (int i = 1; i < now.length; i++) {
            double a = now[i];
            double b = old[i];
            double tol = options.reltol * Math.max(Math.abs(a), Math.abs(b)) + absoluteTolerance[i];
            worst = Math.max(worst, Math.abs(a - b) / tol);
        }
        return worst;
    }

    /**
     * Replaces the chord step just taken (trial) by the Newton step of the present matrix, solved by
     * GMRES preconditioned with the factors the chord used ({@link MnaSystem#solveKrylov}), when the
     * method is MODIFIED and the iteration limit a factorization's cost allows is at least
     * {@link #KRYLOV_MIN_ITERATIONS}. Returns false, leaving trial alone, when it does not apply or
     * GMRES needed more iterations (the caller then refactors).
     */
    private boolean krylovStep(double[] x) {
        if (options.newton != Options.NewtonMethod.MODIFIED) {
            return false;
        }
        int limit = (int) (system.factorizationInSolves() / FACTORIZATION_IN_KRYLOV_ITERATIONS);
        if (limit < KRYLOV_MIN_ITERATIONS) {
            return false;
        }
        if (weight == null) {
            weight = new double[x.length];
        }
        for (int i = 1; i < x.length; i++) {
            weight[i] = options.reltol * Math.abs(x[i]) + absoluteTolerance[i];
        }
        if (!system.solveKrylov(x, trial, weight, KRYLOV_TOLERANCE, Math.min(limit, KRYLOV_MAX_ITERATIONS))) {
            return false;
        }
        project(trial);
        return true;
    }

    /** The first unknown that is NaN or infinite, or 0. */
    private static int firstNonFinite(double[] v) {
        for (int i = 1; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                return i;
            }
        }
        return 0;
    }

    private boolean close(double[] old, double[] now) {
        boolean ok = true;
        double worstRatio = 0;
        for (int i = 1; i < now.length; i++) {
            double a = now[i];
            double b = old[i];
            double tol = options.reltol * Math.max(Math.abs(a), Math.abs(b)) + absoluteTolerance[i];
            double change = Math.abs(a - b);
            if (change > tol) {
                ok = false;
                double ratio = change / tol;
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worstUnknown = i;
                    worstChange = change;
                    worstTolerance = tol;
                }
            }
        }
        return ok;
    }

    int iterations() {
        return iterations;
    }

    long totalIterations() {
        return totalIterations;
    }

    /** Iterations that reused earlier factors (chord steps of modified Newton). */
    long chordIterations() {
        return chordIterations;
    }

    /** Chord steps discarded for poor contraction (each replaced by a Newton step from the same load). */
    long rejectedChords() {
        return rejectedChords;
    }

    /** Chord steps that were a point's first iteration, taken with the previous point's factors. */
    long previousPointChords() {
        return previousPointChords;
    }

    /**
     * Time points where modified Newton's chord stalled ({@link #POOR_CHORDS} poor contractions)
     * and full Newton finished the point, or where it did not converge and full Newton solved the
     * point again from its start.
     */
    long fallbacks() {
        return fallbacks;
    }

    /** The singular matrix that ended the last solve, or null. */
    SingularCircuitException singular() {
        return singular;
    }

    /**
     * What kept the last solve from converging, as text: the unknown that missed its tolerance by
     * the most, the device still limiting or failing its current test (and why), or the unknown
     * that became NaN or infinite.
     */
    String worst() {
        if (singular != null) {
            return singular.getMessage();
        }
        Unknowns u = system.unknowns();
        StringBuilder sb = new StringBuilder();
        if (nonFinite != 0) {
            sb.append(u.vectorName(nonFinite)).append(" became NaN or infinite");
        } else if (worstUnknown != 0) {
            String unit = u.kind(worstUnknown) == UnknownKind.CURRENT ? "A" : "V";
            sb.append(String.format("%s (last change %.3g %s, tolerance %.3g %s)", u.vectorName(worstUnknown),
                    worstChange, unit, worstTolerance, unit));
        }
        String trouble = system.context().trouble();
        String device = trouble != null ? trouble : failedTest != null ? failedTest + " (its current test failed)" : null;
        if (device != null) {
            sb.append(sb.length() == 0 ? "" : "; ").append("device ").append(device);
        }
        return sb.length() == 0 ? "no single unknown (device currents did not settle)" : sb.toString();
    }
}
