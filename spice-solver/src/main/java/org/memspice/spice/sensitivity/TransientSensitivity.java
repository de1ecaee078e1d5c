package org.memspice.spice.sensitivity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.analysis.StepRecorder;
import org.memspice.spice.analysis.TransientAnalysis;
import org.memspice.spice.analysis.TransientStepper;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.InitialConditions;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.ParameterSensitive;
import org.memspice.spice.element.StateJacobian;

/**
 * Adjoint sensitivities of a transient run: the exact gradient of the objective with respect to
 * every parameter for the discretized run (the accepted time points, step sizes and orders held
 * as the forward run chose them), at the cost of one backward sweep whatever the number of
 * parameters.
 *
 * <p>The discrete run: at step n, F(x<sub>n</sub>, p, t<sub>n</sub>) + M·d<sub>n</sub> = 0 with
 * the state derivatives d<sub>n</sub> = c0·q<sub>n</sub> + c1·q<sub>n−1</sub> + c2·q<sub>n−2</sub>
 * + β·d<sub>n−1</sub> (backward Euler, trapezoidal or Gear-2 coefficients of that step) and
 * q<sub>n</sub> = Q(x<sub>n</sub>, p); x<sub>0</sub> solves the operating point, or with UIC is what the
 * initial conditions write (see {@code Backward.start}). With
 * multipliers λ<sub>n</sub> (one per unknown) and μ<sub>n</sub> (one per state), backward from
 * the last step:
 * <pre>
 *   J_nᵀ λ_n = ∂Φ/∂x_n + (∂Q/∂x)ᵀ ρ_n,  ρ_n = c0_n·β_{n+1}·μ_{n+1} + c1_{n+1}·μ_{n+1} + c2_{n+2}·μ_{n+2}
 *   μ_n = β_{n+1}·μ_{n+1} − Mᵀ λ_n,     σ_n = c0_n·μ_n + c1_{n+1}·μ_{n+1} + c2_{n+2}·μ_{n+2}
 *   dΦ/dp += −λ_nᵀ ∂F/∂p + σ_nᵀ ∂Q/∂p
 * </pre>
 * where J<sub>n</sub> = ∂F/∂x + c0·M·∂Q/∂x is the Newton Jacobian of step n, recomputed at the
 * stored solution. A state an element holds at a point (a memristor pinned at a bound) has all
 * its coefficients zero there.
 *
 * <p>A state integrated from the previous point (SPICE's MOSFET gate charges: q<sub>n</sub> =
 * q<sub>n−1</sub> + G(x<sub>n</sub>, x<sub>n−1</sub>, p), {@link StateJacobian.StateSink#increment}) has the
 * multiplier ν<sub>n</sub> = σ<sub>n</sub> + ν<sub>n+1</sub> in place of σ<sub>n</sub> (q<sub>n+1</sub> carries
 * q<sub>n</sub> on), so ρ<sub>n</sub> gains ν<sub>n+1</sub>; its dependence on the previous point adds
 * (∂G<sub>n+1</sub>/∂x<sub>n</sub>)ᵀν<sub>n+1</sub> to the right-hand side at x<sub>n</sub>; and dΦ/dp gains
 * ν<sub>n</sub>ᵀ∂G<sub>n</sub>/∂p. Where the element's Newton stamp leaves part of ∂G/∂x<sub>n</sub> out
 * ({@link StateJacobian.StateSink#unstamped}), the solve with the exact J<sub>n</sub> = J<sub>Newton</sub> +
 * c0·M·U iterates on the Newton factors: J<sub>Newton</sub>ᵀλ = b − c0·Uᵀ·Mᵀλ (U is small against J:
 * a capacitance's change over one step).
 *
 * <p>A row may read states' values at the two previous points (ngspice's ddt(u) in a B source:
 * (u<sub>n−1</sub> − u<sub>n−2</sub>)/h<sub>n−1</sub>, the record u a held state,
 * {@link StateJacobian.StateSink#laggedState}). After λ<sub>n</sub> is solved, κ<sub>n−k</sub> −=
 * (∂F<sub>n</sub>/∂q<sub>n−k</sub>)ᵀλ<sub>n</sub> for k = 1, 2, and κ<sub>m</sub> joins ρ<sub>m</sub> and
 * σ<sub>m</sub> at point m. The backward sweep sets the state history each step saw before loading it
 * (the rows read it), and checkpoints keep the values one point further back for that.
 *
 * <p>Memory: the forward run keeps checkpoints (the solution and the integration-state history
 * needed to resume) every K accepted steps, K = 1 while they fit in the memory budget; when they
 * no longer fit, K doubles and every other checkpoint is dropped. The backward sweep restores the
 * checkpoint that starts each segment, re-solves the segment's K − 1 steps with the recorded step
 * sizes (at most one more forward run's worth of Newton solves in all), and sweeps it backward.
 * So memory stays below the budget plus one segment (K solutions) however long the run.
 */
public final class TransientSensitivity {
    /**
     * Default memory for the stored trajectory: 256 MB, or the system property
     * {@code memspice.sens.memory} in bytes (for example through MEMSPICE_JAVA_OPTS).
     */
    public static final long DEFAULT_MEMORY = Long.getLong("memspice.sens.memory", 256L << 20);

    private TransientSensitivity() {
    }

    public static SensitivityResult compute(MnaSystem system, Analysis.Tran spec, Objective objective,
            List<SensParameter> parameters) {
        return compute(system, spec, objective, parameters, DEFAULT_MEMORY);
    }

    /** As above, keeping at most {@code memoryBytes} of checkpoints. */
    public static SensitivityResult compute(MnaSystem system, Analysis.Tran spec, Objective objective,
            List<SensParameter> parameters, long memoryBytes) {
        return compute(system, spec, objective, parameters, memoryBytes, EXACT);
    }

    /** The exact adjoint (every term below). */
    static final int EXACT = 0;
    /** Leaves out the increments' dependence on the previous point, (∂G/∂x<sub>n−1</sub>)ᵀν: for tests that it matters. */
    static final int WITHOUT_PREVIOUS_POINT = 1;
    /** Solves with the Newton Jacobian as stamped, without the unstamped part: for tests that it matters. */
    static final int WITHOUT_UNSTAMPED = 2;
    /** Leaves out the rows' dependence on states at earlier points (ddt()'s lagged slope): for tests that it matters. */
    static final int WITHOUT_LAGGED = 4;

    /** As above, with terms of the adjoint left out ({@code ablation}, a sum of the flags above) for tests. */
    static SensitivityResult compute(MnaSystem system, Analysis.Tran spec, Objective objective,
            List<SensParameter> parameters, long memoryBytes, int ablation) {
        checkStates(system);
        long t0 = System.nanoTime();
        Tape tape = new Tape(system, objective, memoryBytes);
        TransientAnalysis tran = new TransientAnalysis(system, spec);
        tran.useFullNewton();
        tran.setRecorder(tape);
        tran.run(List.of(objective.measurements().get(0).vector()));
        long t1 = System.nanoTime();
        Backward b = new Backward(system, spec, objective, parameters, tape, ablation);
        double[] gradient = b.run();
        long t2 = System.nanoTime();
        return new SensitivityResult(objective, b.value, parameters, gradient, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                tape.steps.size(), b.recomputed);
    }

    /** Every element with integration states must say how they enter its equations. */
    private static void checkStates(MnaSystem system) {
        java.util.Set<String> covered = new java.util.HashSet<>();
        for (Element e : system.elements()) {
            if (e instanceof StateJacobian) {
                String why = ((StateJacobian) e).statesNotDifferentiable();
                if (why != null) {
                    throw new IllegalArgumentException("transient sensitivities: " + why);
                }
                covered.add(e.name());
            }
        }
        int count = system.states().count();
        for (int s = 0; s < count; s++) {
            String owner = system.stateOwnerName(s);
            if (!covered.contains(owner)) {
                throw new IllegalArgumentException("transient sensitivities need the charges of every element with"
                        + " integration states; " + owner + " does not provide them (supported: R, C, L, K, sources,"
                        + " controlled sources, B sources and behavioural resistors (with ddt() too), diodes,"
                        + " memristors, level-1 MOSFETs)");
            }
        }
    }

    /**
     * What elements report per state at a point, as a growing list of entries: the state, an index
     * (a row or an unknown), a tag (how many points back, for lagged records; else 0) and a value.
     * Cleared at every point, reused without allocation once grown.
     */
    private static final class Entries {
        int count;
        int[] state = new int[16];
        int[] index = new int[16];
        int[] tag = new int[16];
        double[] value = new double[16];

        void add(int s, int i, int t, double v) {
            if (count == state.length) {
                state = Arrays.copyOf(state, 2 * count);
                index = Arrays.copyOf(index, 2 * count);
                tag = Arrays.copyOf(tag, 2 * count);
                value = Arrays.copyOf(value, 2 * count);
            }
            state[count] = s;
            index[count] = i;
            tag[count] = t;
            value[count++] = v;
        }
    }

    /** The forward run's record: steps, measured vectors, checkpoints. */
    private static final class Tape implements StepRecorder {
        final List<Step> steps = new ArrayList<>();
        double[] times = new double[64];
        final double[][] series;
        final List<Objective.Measurement> ms;
        final MnaSystem system;
        final long budget;
        final long checkpointBytes;
        int stride = 1;
        final List<Checkpoint> checkpoints = new ArrayList<>();

        /** The solution at index − 1 (null at 0): where the step to index started from. */
        double[] last;

        record Checkpoint(int index, double[] x, double[] previous, double[][] states) {
        }

        Tape(MnaSystem system, Objective objective, long budget) {
            this.system = system;
            this.ms = objective.measurements();
            this.series = new double[ms.size()][64];
            this.budget = budget;
            this.checkpointBytes = 8L * (2L * (system.size() + 1) + 4L * system.states().count()) + 64;
        }

        private void record(int index, double t, double[] x) {
            if (index == times.length) {
                times = Arrays.copyOf(times, 2 * index);
                for (int k = 0; k < series.length; k++) {
                    series[k] = Arrays.copyOf(series[k], 2 * index);
                }
            }
            times[index] = t;
            for (int k = 0; k < series.length; k++) {
                series[k][index] = ms.get(k).read(x, t);
            }
            if (index % stride == 0) {
                checkpoints.add(new Checkpoint(index, x.clone(), last == null ? null : last.clone(), historyAfterAccept()));
                while (checkpoints.size() > 2 && checkpoints.size() * checkpointBytes > budget) {
                    stride *= 2;
                    checkpoints.removeIf(c -> c.index % stride != 0);
                }
            }
            if (last == null) {
                last = x.clone();
            } else {
                System.arraycopy(x, 0, last, 0, x.length);
            }
        }

        /**
         * What resuming after this point needs: the last two state values and the last derivative; and
         * the state values one point earlier (a ddt() at the checkpoint's own point reads two back).
         */
        private double[][] historyAfterAccept() {
            var h = system.states();
            return new double[][] {h.values(1).clone(), h.values(2).clone(), h.derivatives(1).clone(),
                h.values(3).clone()};
        }

        @Override
        public void start(double[] x) {
            record(0, 0, x);
        }

        @Override
        public void accepted(Step step, double[] x) {
            steps.add(step);
            record(steps.size(), step.time(), x);
        }

        int points() {
            return steps.size() + 1;
        }
    }

    /** The backward sweep. */
    private static final class Backward {
        final MnaSystem system;
        final Objective objective;
        final List<SensParameter> parameters;
        final Tape tape;
        final TransientStepper stepper;
        final LoadContext ctx;
        final int n;
        final int states;
        /** Per measurement, its weight on each point's vector value. */
        final double[][] weights;
        final double[] dm;
        double value;
        int recomputed;

        // per-point state Jacobian, gathered from the elements
        final Entries incidenceEntries = new Entries();
        final Entries gradientEntries = new Entries();
        final boolean[] held;
        /** Per state: an increment from the previous point at this point. */
        final boolean[] increment;
        /** ∂q/∂x at the previous point of the increments. */
        final Entries previousEntries = new Entries();
        /** Rows reading a state's record 1 or 2 points back (tag: how far). */
        final Entries laggedEntries = new Entries();
        /** The part of a state's gradient that Newton's Jacobian leaves out. */
        final Entries unstampedEntries = new Entries();
        final int ablation;
        final StateJacobian[] stateElements;
        /** The run starts from the initial conditions (UIC), not from an operating point. */
        final boolean uic;

        Backward(MnaSystem system, Analysis.Tran spec, Objective objective, List<SensParameter> parameters, Tape tape,
                int ablation) {
            this.system = system;
            this.ablation = ablation;
            this.uic = spec.uic();
            this.objective = objective;
            this.parameters = parameters;
            this.tape = tape;
            this.stepper = new TransientStepper(system, spec);
            this.ctx = system.context();
            this.n = system.size();
            this.states = system.states().count();
            this.held = new boolean[states];
            this.increment = new boolean[states];
            this.stateElements = Arrays.stream(system.elements()).filter(e -> e instanceof StateJacobian)
                    .map(e -> (StateJacobian) e).toArray(StateJacobian[]::new);
            List<Objective.Measurement> ms = objective.measurements();
            int points = tape.points();
            double[] m = new double[ms.size()];
            weights = new double[ms.size()][points];
            for (int k = 0; k < ms.size(); k++) {
                m[k] = measure(ms.get(k), tape.times, tape.series[k], points, weights[k]);
            }
            dm = new double[m.length];
            value = objective.evaluate(m, dm);
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("objective '" + objective.text() + "' is " + value
                        + " for this run; measurements " + Arrays.toString(m));
            }
        }

        private final StateJacobian.StateSink gather = new StateJacobian.StateSink() {
            @Override
            public void incidence(int state, int row, double coefficient) {
                if (row != 0) {
                    incidenceEntries.add(state, row, 0, coefficient);
                }
            }

            @Override
            public void gradient(int state, int unknown, double v) {
                if (unknown != 0) {
                    gradientEntries.add(state, unknown, 0, v);
                }
            }

            @Override
            public void held(int state) {
                held[state] = true;
            }

            @Override
            public void increment(int state) {
                increment[state] = true;
            }

            @Override
            public void previousGradient(int state, int unknown, double v) {
                if (unknown != 0) {
                    previousEntries.add(state, unknown, 0, v);
                }
            }

            @Override
            public void laggedState(int state, int back, int row, double v) {
                if (row == 0 || v == 0) {
                    return;
                }
                if (back != 1 && back != 2) {
                    throw new IllegalArgumentException("a residual may read states 1 or 2 points back, not " + back);
                }
                laggedEntries.add(state, row, back, v);
            }

            @Override
            public void unstamped(int state, int unknown, double v) {
                if (unknown != 0 && v != 0) {
                    unstampedEntries.add(state, unknown, 0, v);
                }
            }
        };

        private void gatherStates() {
            incidenceEntries.count = 0;
            gradientEntries.count = 0;
            previousEntries.count = 0;
            laggedEntries.count = 0;
            unstampedEntries.count = 0;
            Arrays.fill(held, false);
            Arrays.fill(increment, false);
            for (StateJacobian e : stateElements) {
                e.stateJacobian(ctx, gather);
            }
        }

        /** Accumulates −λᵀ∂F/∂p (when residuals) and σᵀ∂Q/∂p (when charges) into acc[0]. */
        private final class Accumulator implements ParameterSensitive.SensitivitySink {
            double[] lambda;
            double[] sigma;
            boolean residuals;
            boolean charges;
            double sum;

            @Override
            public void residual(int row, double v) {
                if (residuals && row != 0) {
                    sum -= lambda[row] * v;
                }
            }

            @Override
            public void state(int state, double v) {
                if (charges) {
                    sum += sigma[state] * v;
                }
            }
        }

        double[] run() {
            double[] gradient = new double[parameters.size()];
            double[] lambda = new double[n + 1];
            double[] b = new double[n + 1];
            double[] mu1 = new double[states];
            double[] mu2 = new double[states];
            double[] mu = new double[states];
            double[] rho = new double[states];
            double[] sigma = new double[states];
            // coefficients of step i+1 (c1, beta, c2) and i+2 (c2), per state (0 where held)
            double[] c1Next = new double[states];
            double[] betaNext = new double[states];
            double[] c2Next = new double[states];
            double[] c2Next2 = new double[states];
            double[] c0 = new double[states];
            // what point i+1 hands to point i: ν_{i+1} of the states q_{i+1} increments from q_i, and
            // Σ (∂q_{i+1}/∂x_i)ᵀ ν_{i+1} over them
            double[] pass = new double[states];
            double[] carry = new double[n + 1];
            // κ: multipliers of state values that later rows read (ddt()'s lagged slope at points i+1 and
            // i+2 reads q_i): for point i, and what point i adds for i−1 and i−2
            double[] kappa = new double[states];
            double[] kappa1 = new double[states];
            double[] kappa2 = new double[states];
            Accumulator acc = new Accumulator();
            acc.lambda = lambda;
            acc.sigma = sigma;
            List<Tape.Checkpoint> cps = tape.checkpoints;
            int last = tape.steps.size();
            for (int j = cps.size() - 1; j >= 0; j--) {
                Tape.Checkpoint cp = cps.get(j);
                int end = j + 1 < cps.size() ? cps.get(j + 1).index - 1 : last;
                // the segment's solutions: the checkpoint's and the re-solved ones after it
                double[][] xs = new double[end - cp.index + 1][];
                xs[0] = cp.x;
                // the state values from two points before the checkpoint: qs[i − cp.index + 2] = q_i
                double[][] qs = new double[end - cp.index + 3][];
                qs[0] = cp.states[3];
                qs[1] = cp.states[1];
                qs[2] = cp.states[0];
                if (end > cp.index) {
                    restore(cp);
                    double[] x = cp.x.clone();
                    for (int i = cp.index + 1; i <= end; i++) {
                        stepper.step(tape.steps.get(i - 1), x);
                        xs[i - cp.index] = x.clone();
                        qs[i - cp.index + 2] = system.states().values(1).clone();
                        recomputed++;
                    }
                }
                for (int i = end; i >= Math.max(1, cp.index); i--) {
                    double[] x = xs[i - cp.index];
                    double[] previous = i > cp.index ? xs[i - 1 - cp.index] : cp.previous;
                    StepRecorder.Step step = tape.steps.get(i - 1);
                    TransientStepper.Formula f = stepper.formula(step);
                    for (StateJacobian e : stateElements) {
                        e.stepFrom(previous);
                    }
                    // the history as the step saw it: what a ddt()'s lagged slope reads
                    System.arraycopy(qs[i - cp.index + 1], 0, system.states().values(1), 0, states);
                    System.arraycopy(qs[i - cp.index], 0, system.states().values(2), 0, states);
                    ctx.refreshStates();
                    stepper.loadStep(step, x);
                    gatherStates();
                    for (int s = 0; s < states; s++) {
                        c0[s] = held[s] ? 0 : f.c0();
                        rho[s] = c0[s] * betaNext[s] * mu1[s] + c1Next[s] * mu1[s] + c2Next2[s] * mu2[s] + pass[s]
                                + kappa[s];
                    }
                    seed(b, i, x);
                    for (int g = 0; g < gradientEntries.count; g++) {
                        b[gradientEntries.index[g]] += rho[gradientEntries.state[g]] * gradientEntries.value[g];
                    }
                    for (int u = 1; u <= n; u++) {
                        b[u] += carry[u];
                    }
                    solve(b, lambda, c0);
                    if ((ablation & WITHOUT_LAGGED) == 0) {
                        for (int g = 0; g < laggedEntries.count; g++) {
                            (laggedEntries.tag[g] == 1 ? kappa1 : kappa2)[laggedEntries.state[g]] -= laggedEntries.value[g] * lambda[laggedEntries.index[g]];
                        }
                    }
                    for (int s = 0; s < states; s++) {
                        mu[s] = betaNext[s] * mu1[s];
                    }
                    for (int g = 0; g < incidenceEntries.count; g++) {
                        mu[incidenceEntries.state[g]] -= incidenceEntries.value[g] * lambda[incidenceEntries.index[g]];
                    }
                    for (int s = 0; s < states; s++) {
                        sigma[s] = c0[s] * mu[s] + c1Next[s] * mu1[s] + c2Next2[s] * mu2[s] + pass[s] + kappa[s];
                    }
                    acc.residuals = true;
                    acc.charges = true;
                    accumulate(acc, gradient);
                    explicit(i, x, gradient);
                    handBack(pass, carry, sigma);
                    // shift the multipliers and the coefficients one step back
                    double[] t = mu2;
                    mu2 = mu1;
                    mu1 = mu;
                    mu = t;
                    t = kappa;
                    kappa = kappa1;
                    kappa1 = kappa2;
                    kappa2 = t;
                    Arrays.fill(kappa2, 0);
                    t = c2Next2;
                    c2Next2 = c2Next;
                    c2Next = t;
                    for (int s = 0; s < states; s++) {
                        boolean h = held[s];
                        c1Next[s] = h ? 0 : f.c1();
                        betaNext[s] = h ? 0 : f.beta();
                        c2Next[s] = h ? 0 : f.c2();
                    }
                }
                if (cp.index == 0) {
                    try {
                        start(cp.x, b, lambda, mu1, mu2, c1Next, c2Next, c2Next2, pass, kappa, carry, sigma, acc,
                                gradient);
                    } finally {
                        stepper.endStart();
                    }
                }
            }
            return gradient;
        }

        /**
         * Closes the sweep at the initial point. Its charges q<sub>0</sub> = Q<sub>0</sub>(x<sub>0</sub>, p)
         * feed the first steps' formulas (σ<sub>0</sub>); how x<sub>0</sub> depends on p depends on the start:
         * <ul>
         * <li>operating point: x<sub>0</sub> solves the DC equations, so λ<sub>0</sub> solves
         * J<sub>DC</sub>ᵀλ<sub>0</sub> = ∂Φ/∂x<sub>0</sub> + (∂Q/∂x)ᵀσ<sub>0</sub> and dΦ/dp += σ<sub>0</sub>ᵀ∂Q/∂p −
         * λ<sub>0</sub>ᵀ∂F<sub>DC</sub>/∂p;</li>
         * <li>UIC: nothing is solved; x<sub>0</sub> = X(p) is what the initial conditions write (IC=,
         * a memristor's x0; .ic node voltages last; 0 elsewhere) and Q<sub>0</sub> takes a capacitor's or
         * inductor's IC= in place of x<sub>0</sub>. So dΦ/dp += σ<sub>0</sub>ᵀ∂Q<sub>0</sub>/∂p +
         * (∂Φ/∂x<sub>0</sub> + (∂Q<sub>0</sub>/∂x)ᵀσ<sub>0</sub>)ᵀ∂X/∂p, ∂X/∂p from the elements'
         * {@link InitialConditions#initialConditionDerivative}.</li>
         * </ul>
         * x<sub>0</sub> enters the first step only through q<sub>0</sub> (the history starts filled from it,
         * d<sub>0</sub> = 0 and the first step is order 1), and the objective through its value at t = 0.
         */
        private void start(double[] x0, double[] b, double[] lambda, double[] mu1, double[] mu2, double[] c1Next,
                double[] c2Next, double[] c2Next2, double[] pass, double[] kappa, double[] carry, double[] sigma,
                Accumulator acc, double[] gradient) {
            // q_{-1} = q_0 (the history starts filled from the initial point); d_0 = 0 is not a function of p
            for (int s = 0; s < states; s++) {
                sigma[s] = (c1Next[s] + c2Next[s]) * mu1[s] + c2Next2[s] * mu2[s] + pass[s] + kappa[s];
            }
            stepper.contextAtStart(x0);
            gatherStates();
            seed(b, 0, x0);
            for (int g = 0; g < gradientEntries.count; g++) {
                b[gradientEntries.index[g]] += sigma[gradientEntries.state[g]] * gradientEntries.value[g];
            }
            for (int u = 1; u <= n; u++) {
                b[u] += carry[u];
            }
            acc.residuals = false;
            acc.charges = true;
            accumulate(acc, gradient);
            if (uic) {
                initialConditions(b, gradient);
            } else {
                stepper.loadStart(x0);
                system.solveTransposed(b, lambda);
                acc.residuals = true;
                acc.charges = false;
                // in the start's own context: a source whose waveform is not its DC value (a PULSE) has
                // ∂F/∂dc = 0 there, as in its transient steps
                ctx.setTransientStart(true);
                try {
                    accumulate(acc, gradient);
                } finally {
                    ctx.setTransientStart(false);
                }
            }
            explicit(0, x0, gradient);
        }

        /**
         * gradient += gᵀ∂X/∂p for the UIC start x<sub>0</sub> = X(p): ∂X/∂p in forward mode through the
         * elements' initial conditions in the order {@link TransientAnalysis} applies them, then the .ic
         * node voltages, which overwrite (and do not depend on p: a .param that sets one is refused).
         */
        private void initialConditions(double[] g, double[] gradient) {
            InitialConditions[] ics = Arrays.stream(system.elements()).filter(e -> e instanceof InitialConditions)
                    .map(e -> (InitialConditions) e).toArray(InitialConditions[]::new);
            if (ics.length == 0) {
                return;
            }
            double[] dx = new double[n + 1];
            for (int p = 0; p < gradient.length; p++) {
                for (SensParameter.Target t : parameters.get(p).targets()) {
                    if (!(t.element() instanceof InitialConditions)) {
                        continue; // X is written by the initial-condition elements from their own parameters
                    }
                    Arrays.fill(dx, 0);
                    for (InitialConditions e : ics) {
                        e.initialConditionDerivative(e == t.element() ? t.index() : -1, dx);
                    }
                    for (int node : system.circuit().initialConditions().keySet()) {
                        dx[node] = 0;
                    }
                    double sum = 0;
                    for (int i = 1; i <= n; i++) {
                        sum += g[i] * dx[i];
                    }
                    gradient[p] += t.weight() * sum;
                }
            }
        }

        /**
         * After point i: ν<sub>i</sub> (in {@code nu}) of the states that are increments at i goes to point
         * i − 1 in {@code pass}, and (∂q<sub>i</sub>/∂x<sub>i−1</sub>)ᵀν<sub>i</sub> in {@code carry}.
         */
        private void handBack(double[] pass, double[] carry, double[] nu) {
            for (int s = 0; s < states; s++) {
                pass[s] = increment[s] ? nu[s] : 0;
            }
            Arrays.fill(carry, 0);
            if ((ablation & WITHOUT_PREVIOUS_POINT) != 0) {
                return;
            }
            for (int g = 0; g < previousEntries.count; g++) {
                carry[previousEntries.index[g]] += previousEntries.value[g] * nu[previousEntries.state[g]];
            }
        }

        /**
         * Solves (J<sub>Newton</sub> + c0·M·U)ᵀλ = b with the Newton factors: λ ← J<sub>Newton</sub>⁻ᵀ(b −
         * c0·Uᵀ·Mᵀλ) until λ settles (U, the unstamped part of the charges' gradients, is a capacitance's
         * change over a step, small against J).
         */
        private void solve(double[] b, double[] lambda, double[] c0) {
            system.solveTransposed(b, lambda);
            if (unstampedEntries.count == 0 || (ablation & WITHOUT_UNSTAMPED) != 0) {
                return;
            }
            double[] m = new double[states];
            double[] r = new double[n + 1];
            double[] next = new double[n + 1];
            double last = Double.POSITIVE_INFINITY;
            for (int iteration = 1; iteration <= 200; iteration++) {
                Arrays.fill(m, 0);
                for (int g = 0; g < incidenceEntries.count; g++) {
                    m[incidenceEntries.state[g]] += incidenceEntries.value[g] * lambda[incidenceEntries.index[g]];
                }
                System.arraycopy(b, 0, r, 0, n + 1);
                for (int g = 0; g < unstampedEntries.count; g++) {
                    int s = unstampedEntries.state[g];
                    r[unstampedEntries.index[g]] -= c0[s] * unstampedEntries.value[g] * m[s];
                }
                system.solveTransposed(r, next);
                double change = 0;
                double scale = 0;
                for (int u = 1; u <= n; u++) {
                    change = Math.max(change, Math.abs(next[u] - lambda[u]));
                    scale = Math.max(scale, Math.abs(next[u]));
                }
                System.arraycopy(next, 0, lambda, 0, n + 1);
                if (change <= 1e-13 * scale || (change >= last && change <= 1e-9 * scale)) {
                    return; // settled, or down to the rounding of the solves
                }
                last = change;
            }
            throw new IllegalStateException("the adjoint solve with the charges' unstamped Jacobian terms (MOSFET"
                    + " Meyer capacitances) did not settle in 200 iterations");
        }

        /**
         * The objective's explicit dependence on the parameters at point i, x held (a probed resistor's
         * i(r) on r, a memristor's i(ym) on its model's parameters).
         */
        private void explicit(int i, double[] x, double[] gradient) {
            List<Objective.Measurement> ms = objective.measurements();
            for (int k = 0; k < ms.size(); k++) {
                Objective.Measurement m = ms.get(k);
                double w = dm[k] * weights[k][i];
                if (m.probe() == null || w == 0) {
                    continue;
                }
                for (int p = 0; p < gradient.length; p++) {
                    for (SensParameter.Target t : parameters.get(p).targets()) {
                        gradient[p] += w * t.weight() * m.explicitDerivative(t.element(), t.index(), x, tape.times[i]);
                    }
                }
            }
        }

        private void accumulate(Accumulator acc, double[] gradient) {
            for (int p = 0; p < gradient.length; p++) {
                for (SensParameter.Target t : parameters.get(p).targets()) {
                    acc.sum = 0;
                    t.element().parameterDerivative(t.index(), ctx, acc);
                    gradient[p] += t.weight() * acc.sum;
                }
            }
        }

        /** b = ∂Φ/∂x at point i (solution x). */
        private void seed(double[] b, int i, double[] x) {
            Arrays.fill(b, 0);
            List<Objective.Measurement> ms = objective.measurements();
            for (int k = 0; k < ms.size(); k++) {
                double w = dm[k] * weights[k][i];
                if (w != 0) {
                    ms.get(k).gradient(x, tape.times[i], w, b);
                }
            }
            b[0] = 0;
        }

        private void restore(Tape.Checkpoint cp) {
            for (StateJacobian e : stateElements) {
                e.stepFrom(cp.x);
            }
            var h = system.states();
            System.arraycopy(cp.states[0], 0, h.values(1), 0, states);
            System.arraycopy(cp.states[1], 0, h.values(2), 0, states);
            System.arraycopy(cp.states[2], 0, h.derivatives(1), 0, states);
            System.arraycopy(cp.states[1], 0, h.values(3), 0, states);
            System.arraycopy(cp.states[0], 0, h.values(0), 0, states);
            System.arraycopy(cp.states[2], 0, h.derivatives(0), 0, states);
            ctx.refreshStates();
        }
    }

    /**
     * The value of measurement {@code m} over the points (times t, values y) and its weight on
     * each point's value (the measurement is Σ w·y, or the chosen point's value for max/min).
     */
    static double measure(Objective.Measurement m, double[] t, double[] y, int points, double[] w) {
        Arrays.fill(w, 0);
        int last = points - 1;
        switch (m.kind()) {
            case FINAL:
                w[last] = 1;
                return y[last];
            case MAX:
            case MIN: {
                int best = 0;
                for (int i = 1; i < points; i++) {
                    if (m.kind() == Objective.Kind.MAX ? y[i] > y[best] : y[i] < y[best]) {
                        best = i;
                    }
                }
                w[best] = 1;
                return y[best];
            }
            case AT: {
                double at = m.t1();
                if (at < t[0] - 1e-15 || at > t[last] * (1 + 1e-12)) {
                    throw new IllegalArgumentException("at(" + m.vector() + ", " + at + "): the run covers [0, " + t[last]
                            + "] s");
                }
                if (at >= t[last]) {
                    w[last] = 1;
                    return y[last];
                }
                int i = 1;
                while (t[i] < at) {
                    i++;
                }
                double theta = (at - t[i - 1]) / (t[i] - t[i - 1]);
                w[i - 1] = 1 - theta;
                w[i] = theta;
                return (1 - theta) * y[i - 1] + theta * y[i];
            }
            default: {
                double a = Double.isNaN(m.t1()) ? t[0] : m.t1();
                double b = Double.isNaN(m.t2()) ? t[last] : m.t2();
                double sum = 0;
                for (int i = 1; i < points; i++) {
                    double u = Math.max(a, t[i - 1]);
                    double v = Math.min(b, t[i]);
                    if (!(v > u)) {
                        continue;
                    }
                    double h = t[i] - t[i - 1];
                    double tu = (u - t[i - 1]) / h;
                    double tv = (v - t[i - 1]) / h;
                    double half = (v - u) / 2;
                    w[i - 1] += half * ((1 - tu) + (1 - tv));
                    w[i] += half * (tu + tv);
                }
                for (int i = 0; i < points; i++) {
                    sum += w[i] * y[i];
                }
                return sum;
            }
        }
    }
}
