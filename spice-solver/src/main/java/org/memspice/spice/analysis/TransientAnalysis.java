package org.memspice.spice.analysis;

import java.util.Arrays;
import java.util.Map;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.circuit.Limits;
import org.memspice.spice.circuit.Options;
import org.memspice.spice.element.BreakpointSource;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.InitialConditions;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.StateHistory;
import org.memspice.spice.element.StepListener;
import org.memspice.spice.element.TimestepLimiter;
import org.memspice.spice.netlist.NetlistException;
import org.memspice.spice.output.Waveforms;

/**
 * Transient analysis: initial operating point (or UIC), then time steps with the trapezoidal
 * rule or Gear-2, step size from the local truncation error of every integration state,
 * landing exactly on source breakpoints (order 1 and a small step after each), a step cut by 8
 * and order 1 after a Newton failure, and rejection of steps whose error estimate asks for
 * less than 0.9 of the step taken. Defaults follow ngspice.
 */
public final class TransientAnalysis {
    /** Attempts at one time point before the analysis gives up (each cut shrinks the step). */
    private static final int MAX_ATTEMPTS = 500;

    private final MnaSystem system;
    private final Analysis.Tran spec;
    private final Statistics stats = new Statistics();
    private final Progress progress;

    public TransientAnalysis(MnaSystem system, Analysis.Tran spec) {
        this(system, spec, Progress.NONE);
    }

    public TransientAnalysis(MnaSystem system, Analysis.Tran spec, Progress progress) {
        this.system = system;
        this.spec = spec;
        this.progress = progress;
    }

    public Statistics statistics() {
        return stats;
    }

    private StepRecorder recorder = StepRecorder.NONE;
    private Waveforms.Follower follower;

    private boolean fullNewton;

    /**
     * Every time point by full Newton, whatever {@code .options newton} says: a sensitivity
     * analysis differentiates the discrete equations at their roots, and modified Newton's chord
     * steps converge only linearly, leaving errors up to the Newton tolerance in the points it
     * records (3e-5 relative in the gradients of MemristorSensitivityTest), where full Newton's
     * last quadratic step leaves rounding.
     */
    public void useFullNewton() {
        fullNewton = true;
    }

    /** Receives the initial point and every accepted step (a sensitivity analysis records them). */
    public void setRecorder(StepRecorder recorder) {
        this.recorder = recorder == null ? StepRecorder.NONE : recorder;
    }

    /** Receives the recorded rows block by block while the run goes on ({@link Waveforms#follow}); null for none. */
    public void setFollower(Waveforms.Follower follower) {
        this.follower = follower;
    }

    /** Runs recording only {@code vectors} (all when empty). */
    public Waveforms run(java.util.List<String> vectors) {
        return run(new OutputVectors(system.circuit(), vectors));
    }

    public Waveforms run(OutputVectors outputs) {
        Run r = new Run(outputs);
        r.advanceTo(spec.tstop());
        return r.finish();
    }

    /**
     * Starts a steppable run recording {@code vectors} (all when empty): the initial operating
     * point (or UIC) is solved here; then {@link Run#advanceTo} moves it, and between calls the
     * caller may change an input or a parameter (then {@link Run#discontinuity}).
     */
    public Run start(java.util.List<String> vectors) {
        return new Run(new OutputVectors(system.circuit(), vectors));
    }

    /**
     * One transient run in progress: the step control's state (time, step, order, breakpoint
     * cursor, retry counters) as fields, so that it can stop at a time and continue. {@link #run}
     * is {@code new Run}, {@code advanceTo(tstop)}, {@code finish()}.
     */
    public final class Run {
        private final OutputVectors outputs;
        private final long start;
        private final Circuit circuit;
        private final Options o;
        private final LoadContext ctx;
        private final Newton newton;
        private final double tstop;
        private final double tstep;
        private final double span;
        private final double tmax;
        private final double hmin;
        private final double minBreak;
        private double[] breaks;
        private final int n;
        private final double[] x;
        private final StateHistory states;
        private final Waveforms w;
        private final double[] sample;
        private final TimestepLimiter[] limiters;
        private final StepListener[] listeners;
        private final double[] trial;
        private final double[] deltas;
        private final int maxOrder;
        private int order;
        private double t;
        private double h;
        private double saveDelta;
        private boolean first;
        /** breaks[bp] is the breakpoint at or after t. */
        private int bp;
        private int newtonCuts;
        private int truncationCuts;
        private boolean lastCutByTruncation;
        private final int[] limiting;
        private int attempts;
        private int usedOrder;
        private double usedStep;
        private double usedPrevious;
        private double solvedAt;

        Run(OutputVectors outputs) {
            this.outputs = outputs;
            this.start = System.nanoTime();
            this.circuit = system.circuit();
            this.o = circuit.options();
            this.ctx = system.context();
            this.newton = new Newton(system);
            if (fullNewton) {
                newton.fullOnly();
            }
            this.tstop = spec.tstop();
            this.tstep = spec.tstep();
            this.span = tstop - spec.tstart();
            this.tmax = Double.isNaN(spec.tmax()) ? Math.min(tstep, span / 50) : spec.tmax();
            // ngspice's minimum step and breakpoint separation (XSPICE build: 10 minimum steps), from a
            // tmax no larger than the run: a larger one would merge every breakpoint away
            this.hmin = 1e-11 * Math.min(tmax, span);
            this.minBreak = 10 * hmin;
            this.breaks = breakpoints(tstep, tstop, minBreak, spec.uic());

            this.n = system.size();
            this.x = initialPoint(system, newton, spec, 0);
            this.states = system.states();
            recorder.start(x);

            this.w = new Waveforms(circuit.title(), "tran", "time", outputs.names());
            if (follower != null) {
                w.follow(follower);
            }
            this.sample = new double[outputs.size()];
            if (spec.tstart() <= 0) {
                outputs.sample(x, sample);
                w.add(0, sample);
            }
            this.limiters = Arrays.stream(system.elements()).filter(e -> e instanceof TimestepLimiter)
                    .map(e -> (TimestepLimiter) e).toArray(TimestepLimiter[]::new);
            this.listeners = Arrays.stream(system.elements()).filter(e -> e instanceof StepListener)
                    .map(e -> (StepListener) e).toArray(StepListener[]::new);

            this.trial = new double[n + 1];
            this.deltas = new double[StateHistory.DEPTH];
            Arrays.fill(deltas, tmax);
            this.maxOrder = Math.max(1, Math.min(2, o.maxord));
            this.order = 1;
            this.t = 0;
            this.h = Math.min(tstop / 100, tstep) / 10;
            this.saveDelta = tstop / 50;
            this.first = true;
            this.bp = 0; // breaks[bp] is the breakpoint at or after t
            this.newtonCuts = 0;
            this.truncationCuts = 0;
            this.lastCutByTruncation = false;
            this.limiting = new int[1];
            this.attempts = 0;
            this.usedOrder = 1;
            this.usedStep = 0;
            this.usedPrevious = 0;
            this.solvedAt = 0;
            // the step control of ngspice's DCtran: land on every breakpoint, order 1 and a step of at
            // most a tenth of the gaps around it after one, h/8 and order 1 after a Newton failure,
            // reject a step whose truncation error asks for less than 0.9 of it
        }

        /** The time reached (the last accepted point). */
        public double time() {
            return t;
        }

        /** A copy of the solution at {@link #time}. */
        public double[] solution() {
            return x.clone();
        }

        /**
         * Advances to {@code target} (at most tstop), landing on it exactly: it becomes a breakpoint
         * (order 1 and a small step after it, as after a source corner).
         */
        public void advanceTo(double target) {
            if (!(target <= tstop * (1 + 1e-12)) || target < t) {
                throw new IllegalArgumentException(String.format("advance to %.6g s: the run is at %.6g s and ends at"
                        + " %.6g s", target, t, tstop));
            }
            addBreakpoint(Math.min(target, tstop));
            while (Math.min(target, tstop) - t >= minBreak) {
                boolean landing = planStep();
                System.arraycopy(deltas, 0, deltas, 1, deltas.length - 1);
                double tried = h;
                while (!tryStep()) {
                    landing = false;
                    afterRejection(tried);
                    tried = h;
                }
                t = landing ? breaks[bp] : t + tried;
                acceptStep();
            }
        }

        /**
         * The step to try from t: at most tmax, order 1 and a small step at a breakpoint (a tenth of
         * the step before it or of the gap to the next, a hundredth at the start), and cut to land
         * on the next breakpoint; true when it lands there.
         */
        private boolean planStep() {
            h = Math.min(h, tmax);
            if (bp < breaks.length && (breaks[bp] - t <= hmin || almostEqual(breaks[bp], t))) {
                order = 1;
                double gap = (bp + 1 < breaks.length ? breaks[bp + 1] : tstop) - breaks[bp];
                h = Math.min(h, 0.1 * Math.min(saveDelta, gap));
                if (first) {
                    h /= 10;
                }
            }
            while (bp < breaks.length - 1 && (breaks[bp] <= t + minBreak || almostEqual(breaks[bp], t))) {
                bp++;
            }
            if (t + h > breaks[bp]) {
                saveDelta = h;
                h = breaks[bp] - t;
                return true;
            }
            return false;
        }

        /**
         * One try of the step h from t into {@code trial}: true when Newton converged and the
         * truncation error accepts the point (h and order are then those of the next step), false
         * with h cut (by 8 after Newton failed, to the truncation error's step otherwise).
         */
        private boolean tryStep() {
            if (++attempts > MAX_ATTEMPTS) {
                throw new ConvergenceException(String.format("transient analysis stalled at t = %.6g s: the point"
                        + " was tried %d times (last step %.3g s); worst unknown %s", t, MAX_ATTEMPTS, h,
                        newton.worst()));
            }
            deltas[0] = h;
            usedOrder = order;
            usedStep = h;
            usedPrevious = deltas[1];
            solvedAt = t + h;
            Integration.configure(ctx, o.method, order, h, deltas[1]);
            ctx.setTime(t + h);
            System.arraycopy(x, 0, trial, 0, x.length);
            if (!first) {
                ctx.setPrediction(h / deltas[1]);
            }
            if (!newton.solveTransient(trial, o.itl4)) {
                stats.rejectedNewton++;
                newtonCuts++;
                lastCutByTruncation = false;
                h /= 8;
                order = 1;
                return false;
            }
            return first || truncationAccepts(); // ngspice takes the first point without a truncation check
        }

        /** The truncation-error test of the converged point: accepts it (next step and order) or cuts h. */
        private boolean truncationAccepts() {
            double hNew = Math.min(2 * h, Integration.truncationStep(states, o, o.method, order, deltas, limiting));
            if (hNew > 0.9 * h) {
                if (order == 1 && maxOrder > 1) {
                    hNew = Math.min(2 * h, Integration.truncationStep(states, o, o.method, 2, deltas));
                    order = hNew <= 1.05 * h ? 1 : 2;
                }
                h = hNew;
                return true;
            }
            stats.rejectedTruncation++;
            truncationCuts++;
            lastCutByTruncation = true;
            h = Double.isNaN(hNew) ? h / 8 : hNew;
            return false;
        }

        /**
         * After a rejected try of step {@code tried}: a cut below the minimum step becomes the
         * minimum step once; a rejection at the minimum step ends the run, naming what was tried.
         */
        private void afterRejection(double tried) {
            if (h > hmin) {
                return;
            }
            if (tried > hmin) {
                h = hmin;
                return;
            }
            if (lastCutByTruncation) {
                throw new ConvergenceException(String.format("transient analysis failed at t = %.6g s: the"
                        + " truncation error of %s's state asked for a step of %.3g s, below the minimum"
                        + " %.3g s; tried: %d truncation-error step cuts and %d Newton step cuts by 8 with"
                        + " backward Euler (the state changes faster than the minimum step can follow:"
                        + " check the element's parameters, or loosen reltol/trtol)", t,
                        system.stateOwner(limiting[0]), h, hmin, truncationCuts, newtonCuts));
            }
            throw new ConvergenceException(String.format("transient analysis failed to converge at t = %.6g"
                    + " s: the time step fell below the minimum %.3g s; worst unknown %s; tried: %d step cuts"
                    + " by 8 with backward Euler", t, hmin, newton.worst(), newtonCuts));
        }

        /**
         * The point in {@code trial} accepted at t: it becomes the solution, the states rotate, step
         * listeners, the recorder and the limiters see it, and it is sampled into the waveforms.
         */
        private void acceptStep() {
            boolean wasFirst = first;
            first = false;
            newtonCuts = 0;
            truncationCuts = 0;
            lastCutByTruncation = false;
            attempts = 0;
            System.arraycopy(trial, 0, x, 0, x.length);
            states.rotate();
            ctx.refreshStates();
            ctx.setTime(t);
            for (StepListener l : listeners) {
                l.accepted(ctx, x);
            }
            if (recorder != StepRecorder.NONE) { // no record made per step when nobody records
                recorder.accepted(new StepRecorder.Step(solvedAt, t, usedStep, usedPrevious, usedOrder, wasFirst), x);
            }
            for (TimestepLimiter l : limiters) {
                h = Math.min(h, l.maxStep(ctx));
            }
            stats.acceptedSteps++;
            if ((stats.acceptedSteps & 255) == 0) {
                progress.update("tran", t / tstop);
                double at = t;
                SimulationInterruptedException.check(() -> String.format("at t = %.6g s of the transient", at));
            }
            if (t >= spec.tstart()) {
                outputs.sample(x, sample);
                w.add(t, sample);
                if ((w.rows() & 4095) == 0) {
                    checkSpace(w, t, h, tstop);
                }
            }
        }

        /**
         * After the caller changed an input or a parameter at the present time (and told the engine,
         * {@code MnaSystem.parametersChanged()}): the next step starts at order 1 with at most a tenth
         * of the last step, as after a breakpoint.
         */
        public void discontinuity() {
            order = 1;
            h = Math.max(hmin, Math.min(h, 0.1 * deltas[0]));
        }

        /** Inserts breakpoint {@code b} unless one lies within the minimum separation of it. */
        private void addBreakpoint(double b) {
            int i = 0;
            while (i < breaks.length && breaks[i] < b) {
                i++;
            }
            if (i < breaks.length && (breaks[i] - b < minBreak || almostEqual(breaks[i], b))
                    || i > 0 && (b - breaks[i - 1] < minBreak || almostEqual(breaks[i - 1], b))) {
                return;
            }
            double[] more = new double[breaks.length + 1];
            System.arraycopy(breaks, 0, more, 0, i);
            more[i] = b;
            System.arraycopy(breaks, i, more, i + 1, breaks.length - i);
            breaks = more;
            if (i < bp) {
                bp++;
            }
        }

        /** Ends the run: the statistics, and the recorded waveforms. */
        public Waveforms finish() {
            stats.analysis = "tran";
            fillStatistics(stats, system, newton);
            stats.solveSeconds = (System.nanoTime() - start) / 1e9;
            return w;
        }
    }

    /** Free space a recording that spills to disk must leave on that disk, bytes. */
    private static final long DISK_RESERVE = 256L << 20;

    /**
     * The recording keeps a bounded number of rows in memory and spills the rest to a temporary
     * file; this stops the run with a clear message before that file fills its disk (a collapsed
     * step can otherwise record for hours).
     */
    private static void checkSpace(Waveforms w, double t, double h, double tstop) {
        java.nio.file.Path spill = w.spillFile();
        if (spill == null) {
            return;
        }
        long free;
        try {
            free = java.nio.file.Files.getFileStore(spill).getUsableSpace();
        } catch (java.io.IOException e) {
            return; // the file system cannot tell: the write itself will report a full disk
        }
        if (free < DISK_RESERVE) {
            throw new SimulationException(String.format("the transient's recorded waveforms (%s, %d MB spilled to %s)"
                    + " leave less than %d MB free on that disk at t = %.6g s of %.6g s (last step %.3g s): save fewer"
                    + " vectors (.save), shorten the run, or point java.io.tmpdir elsewhere (MEMSPICE_JAVA_OPTS)",
                    w.describeSize(), w.spilledBytes() >> 20, spill, DISK_RESERVE >> 20, t, tstop, h));
        }
    }

    static void fillStatistics(Statistics stats, MnaSystem system, Newton newton) {
        stats.unknowns = system.size();
        stats.matrixNonZeros = system.matrixNonZeros();
        stats.factorNonZeros = system.lu().factorNonZeros();
        stats.blocks = system.lu().blocks();
        stats.ordering = system.lu().chosenOrdering();
        stats.factorThreads = system.lu().factorThreads();
        stats.newtonIterations = newton.totalIterations();
        stats.chordIterations = newton.chordIterations();
        stats.previousPointChords = newton.previousPointChords();
        stats.rejectedChords = newton.rejectedChords();
        stats.newtonFallbacks = newton.fallbacks();
        stats.krylovSteps = system.krylovSteps();
        stats.krylovIterations = system.krylovIterations();
        stats.krylovFailures = system.krylovFailures();
        stats.fullFactorizations = system.lu().fullFactorizations();
        stats.refactorizations = system.lu().refactorizations();
    }

    /** Equal to within 100 units in the last place (ngspice's AlmostEqualUlps). */
    private static boolean almostEqual(double a, double b) {
        return Math.abs(a - b) <= 100 * Math.ulp(Math.max(Math.abs(a), Math.abs(b)));
    }

    /**
     * 0, then the sources' breakpoints in (0, tstop], sorted, those closer than minBreak merged,
     * ending with tstop; with UIC also tstep (ngspice's guard against ringing at the start).
     */
    private double[] breakpoints(double tstep, double tstop, double minBreak, boolean uic) {
        double[] buf = new double[16];
        int[] count = {0};
        for (Element e : system.elements()) {
            if (e instanceof BreakpointSource) {
                final double[][] ref = {buf};
                try {
                    ((BreakpointSource) e).breakpoints(tstep, tstop, b -> {
                        if (b > 0 && b <= tstop) {
                            if (count[0] >= Limits.MAX_BREAKPOINTS) {
                                throw new IllegalArgumentException(String.format("the sources have more than %,d corners"
                                        + " before tstop %.4g s, the most memspice steps onto (check the time units)",
                                        Limits.MAX_BREAKPOINTS, tstop));
                            }
                            if (count[0] == ref[0].length) {
                                ref[0] = Arrays.copyOf(ref[0], (int) Math.min(Limits.MAX_BREAKPOINTS, count[0] * 2L));
                            }
                            ref[0][count[0]++] = b;
                        }
                    });
                } catch (IllegalArgumentException ex) {
                    throw new NetlistException(system.circuit().origin(e), e.name() + ": " + ex.getMessage());
                }
                buf = ref[0];
            }
        }
        double[] all = Arrays.copyOf(buf, count[0] + 2);
        all[count[0]] = tstop;
        all[count[0] + 1] = uic && tstep < tstop ? tstep : tstop;
        Arrays.sort(all);
        // t = 0 first (the start is a breakpoint), then the others at least minBreak apart
        double[] out = new double[all.length + 1];
        int m = 1;
        for (double b : all) {
            if (b - out[m - 1] > minBreak) {
                out[m++] = b;
            }
        }
        if (out[m - 1] < tstop - minBreak) {
            out[m++] = tstop;
        } else {
            out[m - 1] = tstop;
        }
        all = out;
        return Arrays.copyOf(all, m);
    }

    /**
     * The transient's initial point: the initial conditions with UIC, otherwise the operating
     * point; loaded once at t = 0 so that the states found there become the history. With
     * {@code polishIterations} &gt; 0 the operating point takes that many more Newton iterations
     * after it converged ({@link TransientStepper}'s replays, which need the root to rounding).
     */
    static double[] initialPoint(MnaSystem system, Newton newton, Analysis.Tran spec, int polishIterations) {
        Circuit circuit = system.circuit();
        LoadContext ctx = system.context();
        double[] x = new double[system.size() + 1];
        if (spec.uic()) {
            for (Element e : system.elements()) {
                if (e instanceof InitialConditions) {
                    ((InitialConditions) e).applyInitialConditions(x);
                }
            }
            for (Map.Entry<Integer, Double> ic : circuit.initialConditions().entrySet()) {
                x[ic.getKey()] = ic.getValue();
            }
        } else {
            ctx.setTransientStart(true);
            try {
                new OperatingPoint(system, newton).solve(x, circuit.initialConditions(),
                        "the transient's initial operating point");
                if (polishIterations > 0) {
                    ctx.setMode(LoadContext.Mode.DC);
                    ctx.setSourceFactor(1);
                    newton.solve(x, polishIterations, false, sys -> circuit.initialConditions().forEach(sys::clampNode));
                }
            } finally {
                ctx.setTransientStart(false);
            }
        }
        // record the states at t = 0 and make them the history
        ctx.setMode(LoadContext.Mode.TRANSIENT);
        ctx.setUseInitialConditions(spec.uic());
        ctx.setTime(0);
        ctx.setInitStates(true);
        system.load(x);
        ctx.setInitStates(false);
        system.states().fillHistoryFromPresent();
        return x;
    }
}
