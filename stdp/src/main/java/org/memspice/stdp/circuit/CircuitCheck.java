package org.memspice.stdp.circuit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.memspice.spice.analysis.Progress;
import org.memspice.spice.analysis.Simulator;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.measure.MeasureResult;
import org.memspice.spice.netlist.CircuitBuilder;
import org.memspice.spice.output.WaveformReader;
import org.memspice.spice.output.Waveforms;
import org.memspice.stdp.StdpTable;
import org.memspice.stdp.net.PatternTask;
import org.memspice.stdp.net.Patterns;
import org.memspice.stdp.net.Schedule;
import org.memspice.stdp.net.StdpNetwork;

/**
 * The circuit check: the 4-pattern network learning in the fast model ({@link StdpNetwork}, the
 * device-derived table applied event by event) and the same network as a circuit
 * ({@link CircuitNetlist}) in a circuit simulator, from the same devices, on the same input
 * spikes: which neuron wins each presentation, and the change of every synapse.
 */
public final class CircuitCheck {
    /** Silence before the first presentation (s): the reset switch closes 20 ms before it. */
    public static final double LEAD = 25e-3;

    /**
     * What to run: the task's network, input code and pause (at least 30 ms: the circuit's reset
     * switch holds the neurons at rest for the last 20 ms of it), how many presentations (patterns
     * in random order), the engine's largest step.
     */
    public record Setup(PatternTask.Setup task, int presentations, double tmax) {
        public Setup {
            if (presentations < 1 || presentations > 10_000) {
                throw new IllegalArgumentException("presentations must be 1..10000, got " + presentations);
            }
            if (!(tmax > 0) || tmax > 1e-3) {
                throw new IllegalArgumentException("largest step must be in (0, 1 ms], got " + tmax);
            }
            if (!(task.pause() >= 30e-3)) {
                throw new IllegalArgumentException("the circuit check needs a pause of at least 30 ms, got " + task.pause());
            }
        }

        /** Length of one presentation with its pause (s). */
        public double period() {
            return task.code().duration() + task.pause();
        }

        /** End of the transient (s). */
        public double stop() {
            return LEAD + presentations * period();
        }
    }

    /** The fast network's run and what the circuit needs to repeat it. */
    public record Fast(Setup setup, int[] shown, int[][] counts, double[][] first, int[] winner, double[] x0, double[] states,
            List<CircuitNetlist.Presentation> presentations) {
        /** The circuit as a netlist of the given flavour. */
        public String netlist(CircuitNetlist.Flavour flavour) {
            int nOut = setup.task().network().outputs();
            return CircuitNetlist.write(setup.task().network(), x0, new double[nOut], presentations, setup.stop(), setup.tmax(),
                    flavour);
        }
    }

    /** The circuit's run: per presentation each output's spikes and first-spike time (from the presentation's start), the final device states. */
    public record Circuit(int[][] counts, double[][] first, int[] winner, double[] states, double seconds, Waveforms waveforms) {
    }

    /** Both, compared. */
    public record Outcome(Fast fast, Circuit circuit) {
        /** Presentations whose winner is the same in both (no spike in both counts as the same). */
        public int sameWinners() {
            int n = 0;
            for (int k = 0; k < fast.winner().length; k++) {
                n += fast.winner()[k] == circuit.winner()[k] ? 1 : 0;
            }
            return n;
        }

        /**
         * Synapses whose change has the same sign in both, among those that either moved by more
         * than {@code tol} (state units); returns {same, moved}.
         */
        public int[] sameSigns(double tol) {
            int same = 0;
            int moved = 0;
            double[] x0 = fast.x0();
            for (int k = 0; k < x0.length; k++) {
                double a = fast.states()[k] - x0[k];
                double b = circuit.states()[k] - x0[k];
                if (Math.abs(a) > tol || Math.abs(b) > tol) {
                    moved++;
                    same += Math.signum(a) == Math.signum(b) ? 1 : 0;
                }
            }
            return new int[] {same, moved};
        }

        /** The largest difference between the two changes of a synapse and the largest change in the fast run (state units). */
        public double[] differences() {
            double worst = 0;
            double largest = 0;
            double[] x0 = fast.x0();
            for (int k = 0; k < x0.length; k++) {
                worst = Math.max(worst, Math.abs(fast.states()[k] - circuit.states()[k]));
                largest = Math.max(largest, Math.abs(fast.states()[k] - x0[k]));
            }
            return new double[] {worst, largest};
        }
    }

    /** Changes smaller than this (state units) count as none in {@link Outcome#sameSigns}: the circuit leaves ~1e-13 where the table leaves 0. */
    public static final double MOVED = 1e-6;

    private CircuitCheck() {
    }

    /** The input spikes of presentation k: the pattern from the order stream, noise and spikes from their own. */
    static Schedule schedule(PatternTask.Setup task, long seed, int k, int pattern) {
        SplittableRandom r = new SplittableRandom(PatternTask.mix(seed, 2, k));
        double[] intensity = Patterns.intensity(Patterns.noisy(pattern, task.noise(), r));
        return task.code().encode(intensity, task.network().synapse().deadTime(), task.network().step(), r);
    }

    /** Runs the fast network over the presentations (devices from seed, patterns in random order). */
    public static Fast fast(Setup s, StdpTable table, long seed) {
        PatternTask.Setup task = s.task();
        int n = s.presentations();
        StdpNetwork net = new StdpNetwork(task.network(), table, PatternTask.mix(seed, 0, 0));
        double[] x0 = net.states().clone();
        SplittableRandom order = new SplittableRandom(PatternTask.mix(seed, 1, 0));
        int[] shown = new int[n];
        int[][] counts = new int[n][];
        double[][] first = new double[n][];
        int[] winner = new int[n];
        List<CircuitNetlist.Presentation> ps = new ArrayList<>();
        double period = s.period();
        for (int k = 0; k < n; k++) {
            shown[k] = order.nextInt(Patterns.count());
            Schedule in = schedule(task, seed, k, shown[k]);
            StdpNetwork.Response r = net.present(in, period);
            counts[k] = r.counts();
            first[k] = r.firstSpike();
            winner[k] = r.winner();
            ps.add(new CircuitNetlist.Presentation(in, LEAD + k * period));
        }
        return new Fast(s, shown, counts, first, winner, x0, net.states().clone(), List.copyOf(ps));
    }

    /** The fast run, then its circuit ({@link CircuitNetlist.Flavour#NATIVE}) in memspice's engine. */
    public static Outcome run(Setup s, StdpTable table, long seed, Progress progress) {
        Fast f = fast(s, table, seed);
        return new Outcome(f, memspice(f, CircuitNetlist.Flavour.NATIVE, progress));
    }

    /** Runs the fast run's circuit of the given flavour in memspice's engine. */
    public static Circuit memspice(Fast f, CircuitNetlist.Flavour flavour, Progress progress) {
        String text = f.netlist(flavour);
        long t0 = System.nanoTime();
        org.memspice.spice.circuit.Circuit c = new CircuitBuilder(ElementRegistry.loadDefault()).build(text,
                Path.of("stdp-circuit.cir"));
        Simulator.Result r = Simulator.run(c, progress == null ? Progress.NONE : progress).get(0);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> measured = new HashMap<>();
        for (MeasureResult m : r.measures()) {
            measured.put(m.name().toLowerCase(Locale.ROOT), m.value());
        }
        return evaluate(f, r.waveforms(), flavour, measured, seconds);
    }

    /** Whether {@code ngspice} runs here. */
    public static boolean ngspiceAvailable() {
        try {
            Process p = new ProcessBuilder("ngspice", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs the fast run's behavioural netlist, written to {@code netlist}, unchanged in ngspice
     * ({@code ngspice -b} in the netlist's folder; its control section writes
     * {@link CircuitNetlist#NGSPICE_TABLE} there, its console output goes to a .log file beside
     * the netlist) and reads the saved waveforms and the measured final device states back.
     *
     * @throws IOException when ngspice cannot be started, fails or leaves no waveforms
     */
    public static Circuit ngspice(Fast f, Path netlist, long timeoutSeconds) throws IOException {
        Files.writeString(netlist, f.netlist(CircuitNetlist.Flavour.BEHAVIOURAL), StandardCharsets.UTF_8);
        Path folder = netlist.toAbsolutePath().getParent();
        Path table = folder.resolve(CircuitNetlist.NGSPICE_TABLE);
        Path log = folder.resolve(netlist.getFileName().toString().replaceFirst("\\.cir$", "") + ".log");
        Files.deleteIfExists(table);
        ProcessBuilder pb = new ProcessBuilder("ngspice", "-b", netlist.getFileName().toString()).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("ngspice did not finish within " + timeoutSeconds + " s (see " + log + ")");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ngspice ran", e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0 || !Files.exists(table)) {
            throw new IOException("ngspice failed (exit " + p.exitValue() + ", no " + table.getFileName() + "; see " + log + ")");
        }
        Map<String, Double> measured = new HashMap<>();
        Pattern line = Pattern.compile("^\\s*(xf\\d+_\\d+)\\s*=\\s*([-+0-9.eE]+)");
        for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = line.matcher(l);
            if (m.find()) {
                measured.put(m.group(1).toLowerCase(Locale.ROOT), Double.parseDouble(m.group(2)));
            }
        }
        return evaluate(f, WaveformReader.read(table), CircuitNetlist.Flavour.BEHAVIOURAL, measured, seconds);
    }

    /** Spike counts, first spikes and winners from the counters; final states from the waveforms or the measurements. */
    static Circuit evaluate(Fast f, Waveforms w, CircuitNetlist.Flavour flavour, Map<String, Double> measured, double seconds) {
        Setup s = f.setup();
        int n = s.presentations();
        int nIn = s.task().network().inputs();
        int nOut = s.task().network().outputs();
        double period = s.period();
        int[][] counts = new int[n][nOut];
        double[][] first = new double[n][nOut];
        int[] winner = new int[n];
        double[] time = w.scale();
        for (int j = 0; j < nOut; j++) {
            double[] cn = w.vector("v(" + CircuitNetlist.countNode(j) + ")");
            for (int k = 0; k < n; k++) {
                double a = LEAD + k * period;
                double base = interpolate(time, cn, a);
                counts[k][j] = (int) Math.round(interpolate(time, cn, a + period) - base);
                first[k][j] = crossing(time, cn, a, a + period, base + 0.5) - a;
            }
        }
        for (int k = 0; k < n; k++) {
            winner[k] = new StdpNetwork.Response(counts[k], first[k]).winner();
        }
        double[] states = new double[nIn * nOut];
        for (int j = 0; j < nOut; j++) {
            for (int i = 0; i < nIn; i++) {
                if (flavour == CircuitNetlist.Flavour.NATIVE) {
                    double[] v = w.vector(CircuitNetlist.stateVector(i, j, flavour));
                    states[j * nIn + i] = v[v.length - 1];
                } else {
                    Double v = measured.get(CircuitNetlist.finalStateMeasure(i, j));
                    if (v == null) {
                        throw new IllegalStateException("no measurement " + CircuitNetlist.finalStateMeasure(i, j) + " of the final state");
                    }
                    states[j * nIn + i] = v;
                }
            }
        }
        return new Circuit(counts, first, winner, states, seconds, w);
    }

    static double interpolate(double[] t, double[] y, double at) {
        int k = java.util.Arrays.binarySearch(t, at);
        if (k >= 0) {
            return y[k];
        }
        int hi = -k - 1;
        if (hi <= 0) {
            return y[0];
        }
        if (hi >= t.length) {
            return y[t.length - 1];
        }
        int lo = hi - 1;
        return y[lo] + (y[hi] - y[lo]) * (at - t[lo]) / (t[hi] - t[lo]);
    }

    /** First time in [a, b) where y rises through level (linear between points), NaN for none. */
    static double crossing(double[] t, double[] y, double a, double b, double level) {
        int k = Math.max(1, java.util.Arrays.binarySearch(t, a) < 0 ? -java.util.Arrays.binarySearch(t, a) - 1 : java.util.Arrays
                .binarySearch(t, a));
        for (; k < t.length && t[k - 1] < b; k++) {
            if (y[k - 1] < level && y[k] >= level) {
                return t[k - 1] + (t[k] - t[k - 1]) * (level - y[k - 1]) / (y[k] - y[k - 1]);
            }
        }
        return Double.NaN;
    }
}
