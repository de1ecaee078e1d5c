package org.memspice.cli.stdp;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.memspice.cli.ExitCodes;
import org.memspice.cli.ProgressReporter;
import org.memspice.cli.UserInputException;
import org.memspice.cli.mif.Charts;
import org.memspice.spice.output.AtomicFiles;
import org.memspice.spice.output.Waveforms;
import org.memspice.stdp.StdpTable;
import org.memspice.stdp.SynapseSettings;
import org.memspice.stdp.circuit.CircuitCheck;
import org.memspice.stdp.circuit.CircuitNetlist;
import org.memspice.stdp.net.PatternTask;
import org.memspice.stdp.net.Patterns;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code memspice stdp circuit}: the circuit check of issue 13. A small 4-pattern network learns in
 * the fast model and, from the same devices and input spikes, as a netlist in the general engine
 * (synapses {@code YMEMRISTOR}s of the same model, neurons MIF subcircuits, the event logic
 * behavioural); the two are compared presentation by presentation and synapse by synapse.
 */
@Command(name = "circuit", mixinStandardHelpOptions = true,
        description = {"The circuit check: the 4-pattern network learning as a circuit, against the fast network.",
            "Runs --presentations noisy letters through the fast network (the device-derived",
            "table, event by event) and through the same network written as a netlist",
            "(synapses YMEMRISTOR devices, neurons MIF subcircuits; read-out, hillock,",
            "inhibition and theta behavioural) in memspice's engine, from the same devices and",
            "input spikes, and compares the winner of every presentation and the sign of every",
            "synapse's change. Writes circuit.cir (memspice), circuit-ngspice.cir (the same with",
            "behavioural memristors; runs unchanged in ngspice, --ngspice runs it),",
            "presentations.csv, synapses.csv, circuit.png and changes.png into DIR; the last",
            "line is the headline."})
public final class CircuitCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, defaultValue = "stdp-circuit", paramLabel = "DIR",
            description = "folder for the netlists and results (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--presentations", defaultValue = "8", description = "presentations of the four letters in random order"
            + " (default ${DEFAULT-VALUE})")
    int presentations;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the devices, the order, the noise and the spikes (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--neurons", defaultValue = "4", description = "output neurons, 1..16 (default ${DEFAULT-VALUE})")
    int neurons;

    @Option(names = "--noise", defaultValue = "0.05", description = "probability that a pixel is flipped in a presentation"
            + " (default ${DEFAULT-VALUE})")
    double noise;

    @Option(names = "--pause", defaultValue = "0.1", description = "silence after each presentation, s, 0.03..1; the circuit holds its"
            + " neurons at rest for the last 20 ms of it as the fast network resets them (default ${DEFAULT-VALUE})")
    double pause;

    @Option(names = "--tmax", defaultValue = "1e-4", description = "largest time step of the circuit simulation, s (default ${DEFAULT-VALUE})")
    double tmax;

    @Option(names = "--ngspice", description = "also run circuit-ngspice.cir in ngspice (on the PATH) and compare it too")
    boolean ngspice;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @Mixin
    SynapseOptions synapse;

    @Mixin
    NetworkOptions network;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (presentations < 1 || presentations > 1000) {
            throw new UserInputException("--presentations must be 1..1000, got " + presentations);
        }
        if (neurons < 1 || neurons > 16) {
            throw new UserInputException("--neurons must be 1..16, got " + neurons);
        }
        PatternOptions.checkNoise(noise);
        if (!(pause >= 0.03 && pause <= 1)) {
            throw new UserInputException("--pause must be in [0.03, 1] s, got " + pause);
        }
        if (!(tmax >= 1e-6 && tmax <= 1e-3)) {
            throw new UserInputException("--tmax must be in [1e-6, 1e-3] s, got " + tmax);
        }
        SynapseSettings s = synapse.settings(SynapseSettings.defaults().step());
        if (!s.device().hasSeparableCurrent()) {
            throw new UserInputException("--model " + s.model() + ": the network needs a separable current s(x)·u(v)");
        }
        PatternTask.Setup d = PatternTask.defaults(s, neurons);
        PatternTask.Setup task = new PatternTask.Setup(d.network(), 0, 0, 0, network.code(0.24, 0), noise, pause);
        CircuitCheck.Setup setup = new CircuitCheck.Setup(task, presentations, tmax);
        if (ngspice && !CircuitCheck.ngspiceAvailable()) {
            throw new UserInputException("--ngspice: ngspice is not on the PATH (apt-get install -y ngspice)");
        }
        Files.createDirectories(dir);
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        StdpTable table = StdpTable.forNetworks(s);
        out.printf(Locale.ROOT, "%s from the waveform simulation in %.1f s%n", table, (System.nanoTime() - start) / 1e9);
        CircuitCheck.Fast fast = CircuitCheck.fast(setup, table, seed);
        AtomicFiles.writeText(dir.resolve("circuit.cir"), fast.netlist(CircuitNetlist.Flavour.NATIVE));
        boolean behavioural = true;
        try {
            AtomicFiles.writeText(dir.resolve("circuit-ngspice.cir"), fast.netlist(CircuitNetlist.Flavour.BEHAVIOURAL));
        } catch (IllegalArgumentException e) {
            behavioural = false;
            if (ngspice) {
                throw new UserInputException("--ngspice: " + e.getMessage());
            }
            out.println("no circuit-ngspice.cir: " + e.getMessage());
        }
        out.printf(Locale.ROOT, "wrote %s (%d inputs x %d outputs, %d presentations, %.3f s of circuit time)%s%n",
                dir.resolve("circuit.cir"), task.network().inputs(), neurons, presentations, setup.stop(),
                behavioural ? " and circuit-ngspice.cir" : "");
        ProgressReporter progress = new ProgressReporter(spec.commandLine().getErr(), quiet);
        CircuitCheck.Circuit engine = CircuitCheck.memspice(fast, CircuitNetlist.Flavour.NATIVE,
                (a, f) -> progress.update("stdp circuit (memspice engine)", f));
        CircuitCheck.Outcome o = new CircuitCheck.Outcome(fast, engine);
        CircuitCheck.Outcome ng = null;
        if (ngspice) {
            out.println("running circuit-ngspice.cir in ngspice ...");
            out.flush();
            ng = new CircuitCheck.Outcome(fast, CircuitCheck.ngspice(fast, dir.resolve("circuit-ngspice.cir"), 24 * 3600));
        }
        writePresentations(o, ng);
        writeSynapses(o, ng);
        drawWaveforms(engine.waveforms(), setup);
        drawChanges(o, ng);
        for (int k = 0; k < presentations; k++) {
            out.printf(Locale.ROOT, "presentation %d (%s): fast %s winner %s | circuit %s winner %s%s%n", k,
                    Patterns.NAMES[fast.shown()[k]], Arrays.toString(fast.counts()[k]), name(fast.winner()[k]),
                    Arrays.toString(engine.counts()[k]), name(engine.winner()[k]),
                    ng == null ? "" : " | ngspice " + Arrays.toString(ng.circuit().counts()[k]) + " winner " + name(ng.circuit().winner()[k]));
        }
        out.printf(Locale.ROOT, "memspice engine: %.1f s for %.3f s of circuit time; %s%n", engine.seconds(), setup.stop(), summary(o));
        if (ng != null) {
            out.printf(Locale.ROOT, "ngspice: %.1f s; %s%n", ng.circuit().seconds(), summary(ng));
        }
        out.printf(Locale.ROOT, "wrote presentations.csv, synapses.csv, circuit.png and changes.png; %.1f s%n",
                (System.nanoTime() - start) / 1e9);
        int[] signs = o.sameSigns(CircuitCheck.MOVED);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT,
                "circuit check: same winner in %d/%d presentations, same sign of change in %d/%d synapses", o.sameWinners(),
                presentations, signs[0], signs[1]));
        if (ng != null) {
            int[] ns = ng.sameSigns(CircuitCheck.MOVED);
            head.append(String.format(Locale.ROOT, " (ngspice: %d/%d, %d/%d)", ng.sameWinners(), presentations, ns[0], ns[1]));
        }
        out.println(head);
        return ExitCodes.OK;
    }

    private static String name(int winner) {
        return winner < 0 ? "none" : "n" + winner;
    }

    private static String summary(CircuitCheck.Outcome o) {
        int[] signs = o.sameSigns(CircuitCheck.MOVED);
        double[] d = o.differences();
        return String.format(Locale.ROOT, "same winner in %d/%d presentations, same sign in %d/%d synapses that moved (by more than"
                + " %.0e), largest difference of a change %.4f of the state range (%.1f %% of the largest change, %.4f)",
                o.sameWinners(), o.fast().winner().length, signs[0], signs[1], CircuitCheck.MOVED, d[0], d[1] > 0 ? 100 * d[0] / d[1] : 0,
                d[1]);
    }

    private void writePresentations(CircuitCheck.Outcome o, CircuitCheck.Outcome ng) throws IOException {
        CircuitCheck.Fast f = o.fast();
        int nOut = f.counts()[0].length;
        StringBuilder sb = new StringBuilder("presentation,pattern,fast_winner,circuit_winner");
        if (ng != null) {
            sb.append(",ngspice_winner");
        }
        for (int j = 0; j < nOut; j++) {
            sb.append(",fast_spikes_").append(j).append(",circuit_spikes_").append(j);
            if (ng != null) {
                sb.append(",ngspice_spikes_").append(j);
            }
        }
        for (int j = 0; j < nOut; j++) {
            sb.append(",fast_first_s_").append(j).append(",circuit_first_s_").append(j);
        }
        sb.append('\n');
        for (int k = 0; k < f.shown().length; k++) {
            sb.append(k).append(',').append(Patterns.NAMES[f.shown()[k]]).append(',').append(f.winner()[k]).append(',')
                    .append(o.circuit().winner()[k]);
            if (ng != null) {
                sb.append(',').append(ng.circuit().winner()[k]);
            }
            for (int j = 0; j < nOut; j++) {
                sb.append(',').append(f.counts()[k][j]).append(',').append(o.circuit().counts()[k][j]);
                if (ng != null) {
                    sb.append(',').append(ng.circuit().counts()[k][j]);
                }
            }
            for (int j = 0; j < nOut; j++) {
                sb.append(',').append(num(f.first()[k][j])).append(',').append(num(o.circuit().first()[k][j]));
            }
            sb.append('\n');
        }
        AtomicFiles.writeText(dir.resolve("presentations.csv"), sb.toString());
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.7g", v);
    }

    private void writeSynapses(CircuitCheck.Outcome o, CircuitCheck.Outcome ng) throws IOException {
        CircuitCheck.Fast f = o.fast();
        int nIn = f.x0().length / f.counts()[0].length;
        StringBuilder sb = new StringBuilder("input,output,x0,fast_dx,circuit_dx,same_sign");
        if (ng != null) {
            sb.append(",ngspice_dx,ngspice_same_sign");
        }
        sb.append('\n');
        for (int k = 0; k < f.x0().length; k++) {
            double a = f.states()[k] - f.x0()[k];
            double b = o.circuit().states()[k] - f.x0()[k];
            sb.append(String.format(Locale.ROOT, "%d,%d,%.9g,%.9g,%.9g,%s", k % nIn, k / nIn, f.x0()[k], a, b, same(a, b)));
            if (ng != null) {
                double c = ng.circuit().states()[k] - f.x0()[k];
                sb.append(String.format(Locale.ROOT, ",%.9g,%s", c, same(a, c)));
            }
            sb.append('\n');
        }
        AtomicFiles.writeText(dir.resolve("synapses.csv"), sb.toString());
    }

    /** 1 same sign, 0 opposite, empty when neither moved by more than {@link CircuitCheck#MOVED}. */
    private static String same(double a, double b) {
        if (Math.abs(a) <= CircuitCheck.MOVED && Math.abs(b) <= CircuitCheck.MOVED) {
            return "";
        }
        return Math.signum(a) == Math.signum(b) ? "1" : "0";
    }

    /** The circuit's soma membranes and output lines, each series cut to at most 3,000 min/max pairs. */
    private void drawWaveforms(Waveforms w, CircuitCheck.Setup setup) throws IOException {
        int nOut = setup.task().network().outputs();
        double[] t = w.scale();
        XYSeries[] soma = new XYSeries[nOut];
        XYSeries[] line = new XYSeries[nOut];
        for (int j = 0; j < nOut; j++) {
            soma[j] = decimated("soma n" + j, t, w.vector("v(vs" + j + ")"));
            line[j] = decimated("output line n" + j, t, w.vector("v(out" + j + ")"));
        }
        XYPlot a = Charts.panel("soma membrane (mV)", false, soma);
        XYPlot b = Charts.panel("output line (mV)", false, line);
        Charts.save(Charts.stacked(String.format(Locale.ROOT, "The %d x %d network learning as a circuit (memspice engine), %d"
                + " presentations", setup.task().network().inputs(), nOut, setup.presentations()), Charts.linear("time (s)"), a, b),
                dir.resolve("circuit.png"), 1200, 750);
    }

    private static XYSeries decimated(String name, double[] t, double[] v) {
        XYSeries s = new XYSeries(name, false, true);
        int buckets = 3000;
        int per = Math.max(1, (t.length + buckets - 1) / buckets);
        for (int a = 0; a < t.length; a += per) {
            int b = Math.min(t.length, a + per);
            int lo = a;
            int hi = a;
            for (int k = a; k < b; k++) {
                lo = v[k] < v[lo] ? k : lo;
                hi = v[k] > v[hi] ? k : hi;
            }
            int first = Math.min(lo, hi);
            int second = Math.max(lo, hi);
            s.add(t[first], 1e3 * v[first], false);
            if (second != first) {
                s.add(t[second], 1e3 * v[second], false);
            }
        }
        return s;
    }

    private void drawChanges(CircuitCheck.Outcome o, CircuitCheck.Outcome ng) throws IOException {
        CircuitCheck.Fast f = o.fast();
        int n = f.x0().length;
        double[] fast = new double[n];
        double[] circuit = new double[n];
        double[] ngs = new double[n];
        double lo = 0;
        double hi = 0;
        for (int k = 0; k < n; k++) {
            fast[k] = f.states()[k] - f.x0()[k];
            circuit[k] = o.circuit().states()[k] - f.x0()[k];
            ngs[k] = ng == null ? 0 : ng.circuit().states()[k] - f.x0()[k];
            lo = Math.min(lo, Math.min(fast[k], circuit[k]));
            hi = Math.max(hi, Math.max(fast[k], circuit[k]));
        }
        XYSeries diagonal = Charts.series("equal", new double[] {lo, hi}, new double[] {lo, hi}, 1, 1);
        XYSeries memspice = Charts.series("memspice engine", fast, circuit, 1, 1);
        XYPlot p = ng == null ? Charts.panel("circuit: change of device state", true, diagonal, memspice)
                : Charts.panel("circuit: change of device state", true, diagonal, memspice, Charts.series("ngspice", fast, ngs, 1, 1));
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) p.getRenderer();
        r.setSeriesShapesVisible(0, false);
        for (int k = 1; k < p.getDataset().getSeriesCount(); k++) {
            r.setSeriesLinesVisible(k, false);
        }
        Charts.save(Charts.stacked("Every synapse's change: circuit against the fast network", Charts.linear(
                "fast network: change of device state"), p), dir.resolve("changes.png"), 800, 700);
    }
}
