package org.memspice.cli.stdp;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.jfree.chart.plot.XYPlot;
import org.memspice.cli.ExitCodes;
import org.memspice.cli.ProgressReporter;
import org.memspice.cli.UserInputException;
import org.memspice.cli.mif.Charts;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.spice.output.AtomicFiles;
import org.memspice.stdp.StdpTable;
import org.memspice.stdp.SynapseSettings;
import org.memspice.stdp.net.PatternTask;
import org.memspice.stdp.net.Patterns;
import org.memspice.stdp.net.StdpNetwork;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code memspice stdp patterns}: the 4-pattern recognition task over several seeds. */
@Command(name = "patterns", mixinStandardHelpOptions = true,
        description = {"The 4-pattern recognition task over several seeds.",
            "Unsupervised STDP on four noisy 5x5 letters (T, L, X, J): train, label each output neuron by the",
            "pattern it answers most, test; repeated for --seeds seeds (run in parallel; results do not depend on the",
            "number of threads). Writes patterns.csv, confusion.csv, accuracy.png and weights.png (first seed) into DIR;",
            "the last line is 'accuracy mean M %% sd S %% over N seeds'."})
public final class PatternsCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, defaultValue = "stdp-patterns", paramLabel = "DIR",
            description = "folder for the results (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--seeds", defaultValue = "10", description = "number of seeds (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--seed", defaultValue = "1", description = "first seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--train", defaultValue = "500", description = "training presentations (default ${DEFAULT-VALUE})")
    int train;

    @Option(names = "--test", defaultValue = "100", description = "test presentations (default ${DEFAULT-VALUE})")
    int test;

    @Mixin
    PatternOptions pattern;

    @Mixin
    SynapseOptions synapse;

    @Mixin
    NetworkOptions network;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (seeds < 1 || seeds > 10_000) {
            throw new UserInputException("--seeds must be 1..10000, got " + seeds);
        }
        pattern.check();
        if (train < 0 || train > 1_000_000) {
            throw new UserInputException("--train must be 0..1000000, got " + train);
        }
        if (test < 1 || test > 1_000_000) {
            throw new UserInputException("--test must be 1..1000000, got " + test);
        }
        SynapseSettings s = synapse.settings(SynapseSettings.defaults().step());
        PatternTask.Setup d = PatternTask.defaults(s, pattern.neurons);
        PatternTask.Setup setup = new PatternTask.Setup(d.network(), train, d.labelPresentations(), test,
                network.code(0.24, 0), pattern.noise, d.pause());
        Files.createDirectories(dir);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        StdpTable table = StdpTable.forNetworks(s);
        out.printf(Locale.ROOT, "%s from the waveform simulation in %.1f s%n", table, (System.nanoTime() - start) / 1e9);
        long total = (long) seeds * (train + setup.labelPresentations() + test);
        AtomicLong done = new AtomicLong();
        ProgressReporter progress = new ProgressReporter(err, pattern.quiet);
        Runnable tick = () -> {
            long k = done.incrementAndGet();
            synchronized (progress) {
                progress.update("stdp patterns", (double) k / total);
            }
        };
        StdpNetwork[] first = new StdpNetwork[1];
        PatternTask.Outcome[] results = LongStream.range(0, seeds).parallel()
                .mapToObj(k -> PatternTask.run(setup, table, seed + k, k == 0 ? first : null, tick))
                .toArray(PatternTask.Outcome[]::new);
        double[] acc = new double[seeds];
        int[][] confusion = new int[Patterns.count()][Patterns.count() + 1];
        StringBuilder csv = new StringBuilder("seed,accuracy,correct,tested,labels\n");
        for (int k = 0; k < seeds; k++) {
            PatternTask.Outcome o = results[k];
            acc[k] = 100 * o.accuracy();
            for (int p = 0; p < confusion.length; p++) {
                for (int q = 0; q <= Patterns.count(); q++) {
                    confusion[p][q] += o.confusion()[p][q];
                }
            }
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%d,%d,%s%n", o.seed(), o.accuracy(), o.correct(), o.tested(),
                    labelText(o.labels()).replace(',', ' ')));
            out.printf(Locale.ROOT, "seed %d: accuracy %.1f %% (%d/%d), neurons labelled %s%n", o.seed(), acc[k], o.correct(),
                    o.tested(), labelText(o.labels()));
        }
        AtomicFiles.writeText(dir.resolve("patterns.csv"), csv.toString());
        writeConfusion(confusion);
        double mean = Arrays.stream(acc).average().orElse(0);
        double sd = seeds > 1 ? Math.sqrt(Arrays.stream(acc).map(a -> (a - mean) * (a - mean)).sum() / (seeds - 1)) : 0;
        double[] seedAxis = new double[seeds];
        double[] meanLine = new double[seeds];
        for (int k = 0; k < seeds; k++) {
            seedAxis[k] = seed + k;
            meanLine[k] = mean;
        }
        XYPlot plot = Charts.panel("test accuracy (%)", true, Charts.series("accuracy", seedAxis, acc, 1, 1),
                Charts.series(String.format(Locale.ROOT, "mean %.1f %%", mean), seedAxis, meanLine, 1, 1));
        Charts.save(Charts.stacked(String.format(Locale.ROOT, "4-pattern recognition by device-derived STDP, %d neurons, %.0f %% pixel"
                + " noise", pattern.neurons, 100 * pattern.noise), Charts.linear("seed"), plot), dir.resolve("accuracy.png"), 900, 500);
        MemristorModel m = s.device();
        double[] g = first[0].states().clone();
        for (int k = 0; k < g.length; k++) {
            g[k] = SynapseSettings.conductance(m, g[k]);
        }
        String[] captions = new String[pattern.neurons];
        for (int j = 0; j < pattern.neurons; j++) {
            int l = results[0].labels()[j];
            captions[j] = "n" + j + ": " + (l < 0 ? "-" : Patterns.NAMES[l]);
        }
        WeightMaps.write(g, Patterns.pixels(), pattern.neurons, Patterns.SIDE, SynapseSettings.conductance(m, m.minState()),
                SynapseSettings.conductance(m, m.maxState()), captions, "Learned synapses, seed " + seed, dir.resolve("weights.png"));
        out.printf(Locale.ROOT, "wrote %s, confusion.csv, accuracy.png and weights.png; %.1f s%n", dir.resolve("patterns.csv"),
                (System.nanoTime() - start) / 1e9);
        out.printf(Locale.ROOT, "accuracy mean %.1f %% sd %.1f %% over %d seeds%n", mean, sd, seeds);
        return ExitCodes.OK;
    }

    static String labelText(int[] labels) {
        StringBuilder sb = new StringBuilder();
        for (int l : labels) {
            sb.append(sb.length() == 0 ? "" : ",").append(l < 0 ? "-" : Patterns.NAMES[l]);
        }
        return sb.toString();
    }

    private void writeConfusion(int[][] c) throws IOException {
        StringBuilder sb = new StringBuilder("shown\\answered");
        for (String n : Patterns.NAMES) {
            sb.append(',').append(n);
        }
        sb.append(",none\n");
        for (int p = 0; p < c.length; p++) {
            sb.append(Patterns.NAMES[p]);
            for (int v : c[p]) {
                sb.append(',').append(v);
            }
            sb.append('\n');
        }
        AtomicFiles.writeText(dir.resolve("confusion.csv"), sb.toString());
    }
}
