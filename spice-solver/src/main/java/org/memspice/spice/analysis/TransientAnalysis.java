package org.memspice.spice.analysis;

import java.util.Arrays;
import java.util.Map;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.circuit.Options;
import org.memspice.spice.element.BreakpointSource;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.StateHistory;
import org.memspice.spice.element.TimestepLimiter;
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
    private static final int MAX_RETRIES = 500;

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
        double tmax = Double.isNaN(spec.tmax()) ? Math.min(tstep, (tstop - spec.tstart()) / 50) : spec.tmax();
        double hmin = 1e-11 * tmax;
        double minBreak = 5e-5 * tmax;
        double[] breaks = breakpoints(tstep, tstop, minBreak);

        int n = system.size();
        double[] x = new double[n + 1];
        if (spec.uic()) {
            for (Element e : system.elements()) {
                if (e instanceof org.memspice.spice.element.InitialConditions) {
                    ((org.memspice.spice.element.InitialConditions) e).applyInitialConditions(x);
                }
            }
            for (Map.Entry<Integer, Double> ic : circuit.initialConditions().entrySet()) {
                x[ic.getKey()] = ic.getValue();
            }
        } else {
            new OperatingPoint(system, newton).solve(x, circuit.initialConditions(), "the transient's initial operating point");
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
        org.memspice.spice.element.StepListener[] listeners = Arrays.stream(system.elements())
                .filter(e -> e instanceof org.memspice.spice.element.StepListener)
                .map(e -> (org.memspice.spice.element.StepListener) e)
                .toArray(org.memspice.spice.element.StepListener[]::new);

        double[] trial = new double[n + 1];
        double[] deltas = new double[StateHistory.DEPTH];
        double t = 0;
        int order = 1;
        int maxOrder = Math.max(1, Math.min(2, o.maxord));
        double h = Math.min(tstop / 100, tstep) / 10;
        h = Math.min(h, 0.1 * (next(breaks, 0, minBreak) - 0));
        Arrays.fill(deltas, h);
        int bp = 0;
        int newtonCuts = 0;
        int retries = 0;
        while (t < tstop * (1 - 1e-12)) {
            while (bp < breaks.length && breaks[bp] <= t + minBreak) {
                bp++;
            }
            double nextBreak = bp < breaks.length ? breaks[bp] : tstop;
            h = Math.min(h, tmax);
            boolean onBreak = false;
            double gap = nextBreak - t;
            if (h >= gap) {
                h = gap; // land on the breakpoint
                onBreak = true;
            } else if (gap - h < minBreak) {
                if (retries == 0) {
                    h = gap; // stretch by less than minBreak rather than leave a sliver
                    onBreak = true;
                } else {
                    h = gap / 2; // a step just cut must not grow back: split the gap instead
                }
            } else if (t + 2 * h > nextBreak) {
                h = Math.min(h, gap / 2); // two even steps instead of one tiny one
            }
            if (++retries > MAX_RETRIES) {
                throw new ConvergenceException(String.format("transient analysis stalled at t = %.6g s: the point was"
                        + " retried %d times (last step %.3g s); worst unknown %s", t, MAX_RETRIES, h, newton.worst()));
            }
            deltas[0] = h;
            Integration.configure(ctx, o.method, order, h, deltas[1]);
            ctx.setTime(t + h);
            System.arraycopy(x, 0, trial, 0, x.length);
            boolean ok = newton.solve(trial, o.itl4, false, Newton.NONE);
            if (!ok) {
                stats.rejectedNewton++;
                newtonCuts++;
                h /= 8;
                order = 1;
                if (h < hmin) {
                    throw new ConvergenceException(String.format(
                            "transient analysis failed to converge at t = %.6g s: the time step fell to %.3g s, below the"
                                    + " minimum %.3g s; worst unknown %s; tried: %d step cuts by 8 with backward Euler",
                            t, h, hmin, newton.worst(), newtonCuts));
                }
                continue;
            }
            double hNew = Integration.truncationStep(states, o, o.method, order, deltas);
            if (hNew < 0.9 * h && h > hmin * 2) {
                stats.rejectedTruncation++;
                h = Math.max(hNew, hmin);
                continue;
            }
            // accept
            newtonCuts = 0;
            retries = 0;
            t = onBreak ? nextBreak : t + h;
            System.arraycopy(trial, 0, x, 0, x.length);
            states.rotate();
            ctx.refreshStates();
            ctx.setTime(t);
            for (org.memspice.spice.element.StepListener l : listeners) {
                l.accepted(ctx, x);
            }
            System.arraycopy(deltas, 0, deltas, 1, deltas.length - 1);
            stats.acceptedSteps++;
            if ((stats.acceptedSteps & 255) == 0) {
                progress.update("tran", t / tstop);
            }
            if (t >= spec.tstart()) {
                outputs.sample(x, sample);
                w.add(t, sample);
                if ((w.rows() & 4095) == 0) {
                    checkMemory(w, outputs.size(), t, h, tstop);
                }
            }
            double hNext = Math.min(2 * h, hNew);
            for (TimestepLimiter l : limiters) {
                hNext = Math.min(hNext, l.maxStep(ctx));
            }
            if (onBreak) {
                order = 1;
                double after = bp + 1 < breaks.length ? breaks[bp + 1] : tstop;
                hNext = Math.min(hNext, 0.1 * Math.min(h, Math.max(after - t, minBreak)));
                hNext = Math.max(hNext, 2 * hmin);
            } else {
                order = maxOrder;
            }
            h = hNext;
        }
        stats.analysis = "tran";
        fillStatistics(stats, system, newton);
        stats.solveSeconds = (System.nanoTime() - start) / 1e9;
        return w;
    }

    /**
     * Stops with a clear message before the stored waveforms exhaust the heap (a collapsed step
     * can otherwise run for hours and end in an OutOfMemoryError).
     */
    private static void checkMemory(Waveforms w, int vectors, double t, double h, double tstop) {
        long bytes = (long) w.rows() * (vectors + 1) * Double.BYTES * 2; // arrays grow by doubling
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max / 2) {
            throw new SimulationException(String.format(
                    "the transient has stored %d points (%d MB) by t = %.6g s of %.6g s and would run out of memory;"
                            + " the last step was %.3g s. The step size has probably collapsed at a discontinuity:"
                            + " check the circuit, save fewer vectors (.save), or give Java more memory (MEMSPICE_JAVA_OPTS=-Xmx...)",
                    w.rows(), bytes >> 20, t, tstop, h));
        }
    }

    static void fillStatistics(Statistics stats, MnaSystem system, Newton newton) {
        stats.unknowns = system.size();
        stats.matrixNonZeros = system.matrixNonZeros();
        stats.factorNonZeros = system.lu().factorNonZeros();
        stats.newtonIterations = newton.totalIterations();
        stats.fullFactorizations = system.lu().fullFactorizations();
        stats.refactorizations = system.lu().refactorizations();
    }

    private static double next(double[] breaks, double t, double minBreak) {
        for (double b : breaks) {
            if (b > t + minBreak) {
                return b;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private double[] breakpoints(double tstep, double tstop, double minBreak) {
        double[] buf = new double[16];
        int[] count = {0};
        for (Element e : system.elements()) {
            if (e instanceof BreakpointSource) {
                final double[][] ref = {buf};
                ((BreakpointSource) e).breakpoints(tstep, tstop, b -> {
                    if (b > 0 && b <= tstop) {
                        if (count[0] == ref[0].length) {
                            ref[0] = Arrays.copyOf(ref[0], count[0] * 2);
                        }
                        ref[0][count[0]++] = b;
                    }
                });
                buf = ref[0];
            }
        }
        double[] all = Arrays.copyOf(buf, count[0] + 1);
        all[count[0]] = tstop;
        Arrays.sort(all);
        int m = 0;
        for (double b : all) {
            if (m == 0 ? b > minBreak : b - all[m - 1] > minBreak) {
                all[m++] = b;
            }
        }
        if (m == 0 || all[m - 1] < tstop - minBreak) {
            all[m++] = tstop;
        } else {
            all[m - 1] = tstop;
        }
        return Arrays.copyOf(all, m);
    }
}
