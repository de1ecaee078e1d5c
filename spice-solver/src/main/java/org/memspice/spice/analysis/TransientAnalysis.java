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

    public Waveforms run(OutputVectors outputs) {
        long start = System.nanoTime();
        Circuit circuit = system.circuit();
        Options o = circuit.options();
        LoadContext ctx = system.context();
        Newton newton = new Newton(system);
        double tstop = spec.tstop();
        double tstep = spec.tstep();
        double span = tstop - spec.tstart();
        double tmax = Double.isNaN(spec.tmax()) ? Math.min(tstep, span / 50) : spec.tmax();
        // ngspice's minimum step and breakpoint separation (XSPICE build: 10 minimum steps), from a
        // tmax no larger than the run: a larger one would merge every breakpoint away
        double hmin = 1e-11 * Math.min(tmax, span);
        double minBreak = 10 * hmin;
        double[] breaks = breakpoints(tstep, tstop, minBreak, spec.uic());

        int n = system.size();
        double[] x = new double[n + 1];
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
        StateHistory states = system.states();
        states.fillHistoryFromPresent();

        Waveforms w = new Waveforms(circuit.title(), "tran", "time", outputs.names());
        double[] sample = new double[outputs.size()];
        if (spec.tstart() <= 0) {
            outputs.sample(x, sample);
            w.add(0, sample);
        }
        TimestepLimiter[] limiters = Arrays.stream(system.elements()).filter(e -> e instanceof TimestepLimiter)
                .map(e -> (TimestepLimiter) e).toArray(TimestepLimiter[]::new);
        StepListener[] listeners = Arrays.stream(system.elements()).filter(e -> e instanceof StepListener)
                .map(e -> (StepListener) e).toArray(StepListener[]::new);

        double[] trial = new double[n + 1];
        double[] deltas = new double[StateHistory.DEPTH];
        Arrays.fill(deltas, tmax);
        int maxOrder = Math.max(1, Math.min(2, o.maxord));
        int order = 1;
        double t = 0;
        double h = Math.min(tstop / 100, tstep) / 10;
        double saveDelta = tstop / 50;
        boolean first = true;
        int bp = 0; // breaks[bp] is the breakpoint at or after t
        int newtonCuts = 0;
        int truncationCuts = 0;
        boolean lastCutByTruncation = false;
        int[] limiting = new int[1];
        int attempts = 0;
        // the step control of ngspice's DCtran: land on every breakpoint, order 1 and a step of at
        // most a tenth of the gaps around it after one, h/8 and order 1 after a Newton failure,
        // reject a step whose truncation error asks for less than 0.9 of it
        while (tstop - t >= minBreak) {
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
            boolean landing = false;
            if (t + h > breaks[bp]) {
                saveDelta = h;
                h = breaks[bp] - t;
                landing = true;
            }
            System.arraycopy(deltas, 0, deltas, 1, deltas.length - 1);
            boolean accepted = false;
            while (!accepted) {
                if (++attempts > MAX_ATTEMPTS) {
                    throw new ConvergenceException(String.format("transient analysis stalled at t = %.6g s: the point"
                            + " was tried %d times (last step %.3g s); worst unknown %s", t, MAX_ATTEMPTS, h,
                            newton.worst()));
                }
                double tried = h;
                deltas[0] = h;
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
                    landing = false;
                } else if (first) {
                    accepted = true; // ngspice takes the first point without a truncation check
                } else {
                    double hNew = Math.min(2 * h, Integration.truncationStep(states, o, o.method, order, deltas, limiting));
                    if (hNew > 0.9 * h) {
                        if (order == 1 && maxOrder > 1) {
                            hNew = Math.min(2 * h, Integration.truncationStep(states, o, o.method, 2, deltas));
                            order = hNew <= 1.05 * h ? 1 : 2;
                        }
                        accepted = true;
                        h = hNew;
                    } else {
                        stats.rejectedTruncation++;
                        truncationCuts++;
                        lastCutByTruncation = true;
                        h = Double.isNaN(hNew) ? h / 8 : hNew;
                        landing = false;
                    }
                }
                if (accepted) {
                    t = landing ? breaks[bp] : t + tried;
                    break;
                }
                if (h <= hmin) {
                    if (tried > hmin) {
                        h = hmin;
                    } else {
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
                }
            }
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
            for (TimestepLimiter l : limiters) {
                h = Math.min(h, l.maxStep(ctx));
            }
            stats.acceptedSteps++;
            if ((stats.acceptedSteps & 255) == 0) {
                progress.update("tran", t / tstop);
                SimulationInterruptedException.check(String.format("at t = %.6g s of the transient", t));
            }
            if (t >= spec.tstart()) {
                outputs.sample(x, sample);
                w.add(t, sample);
                if ((w.rows() & 4095) == 0) {
                    checkSpace(w, t, h, tstop);
                }
            }
        }
        stats.analysis = "tran";
        fillStatistics(stats, system, newton);
        stats.solveSeconds = (System.nanoTime() - start) / 1e9;
        return w;
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
        stats.newtonIterations = newton.totalIterations();
        stats.chordIterations = newton.chordIterations();
        stats.rejectedChords = newton.rejectedChords();
        stats.newtonFallbacks = newton.fallbacks();
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
}
