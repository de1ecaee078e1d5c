package org.memspice.cli.stdp;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.jfree.chart.plot.XYPlot;
import org.memspice.cli.ExitCodes;
import org.memspice.cli.ProgressReporter;
import org.memspice.cli.UserInputException;
import org.memspice.cli.mif.Charts;
import org.memspice.spice.output.AtomicFiles;
import org.memspice.stdp.StdpTable;
import org.memspice.stdp.SynapseSettings;
import org.memspice.stdp.net.PatternTask;
import org.memspice.stdp.net.RecallTask;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code memspice stdp recall}: retrieval of the learned patterns from partial cues. */
@Command(name = "recall", mixinStandardHelpOptions = true,
        description = {"Retrieval of the learned patterns from partial cues.",
            "Associative memory: train the 4-pattern network, then cue it with each pattern missing a fraction of",
            "its on pixels; plot retrieval (the right pattern's neurons answer) and the recalled image's correct pixels",
            "against the fraction removed. Writes recall.csv and recall.png into DIR; the last line is the headline."})
public final class RecallCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, defaultValue = "stdp-recall", paramLabel = "DIR",
            description = "folder for the results (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--seed", defaultValue = "1", description = "seed of training and cues (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--trials", defaultValue = "25", description = "cues per pattern and fraction (default ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--points", defaultValue = "11", description = "removed fractions, from 0 to 1 (default ${DEFAULT-VALUE})")
    int points;

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
        pattern.check();
        if (trials < 1 || trials > 100_000) {
            throw new UserInputException("--trials must be 1..100000, got " + trials);
        }
        if (points < 2 || points > 101) {
            throw new UserInputException("--points must be 2..101, got " + points);
        }
        SynapseSettings s = synapse.settings(SynapseSettings.defaults().step());
        PatternTask.Setup d = PatternTask.defaults(s, pattern.neurons);
        PatternTask.Setup setup = new PatternTask.Setup(d.network(), d.trainPresentations(), d.labelPresentations(),
                d.testPresentations(), network.code(0.24, 0), pattern.noise, d.pause());
        Files.createDirectories(dir);
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        StdpTable table = StdpTable.forNetworks(s);
        double[] removed = new double[points];
        for (int k = 0; k < points; k++) {
            removed[k] = (double) k / (points - 1);
        }
        long total = setup.trainPresentations() + setup.labelPresentations() + setup.testPresentations() + 4L * trials * points;
        AtomicLong done = new AtomicLong();
        ProgressReporter progress = new ProgressReporter(spec.commandLine().getErr(), pattern.quiet);
        RecallTask rt = RecallTask.run(setup, table, seed, removed, trials,
                () -> progress.update("stdp recall", (double) done.incrementAndGet() / total));
        StringBuilder csv = new StringBuilder("removed_fraction,retrieved,pixels_correct,silent,retrieved_of_answered\n");
        for (int k = 0; k < points; k++) {
            csv.append(String.format(Locale.ROOT, "%.4f,%.6f,%.6f,%.6f,%s%n", removed[k], rt.retrieved()[k], rt.pixels()[k],
                    rt.silent()[k], rt.silent()[k] < 1 ? String.format(Locale.ROOT, "%.6f", rt.retrieved()[k] / (1 - rt.silent()[k]))
                            : ""));
        }
        AtomicFiles.writeText(dir.resolve("recall.csv"), csv.toString());
        XYPlot a = Charts.panel("fraction of cues (%)", true, Charts.series("retrieved (right pattern answers)", removed,
                rt.retrieved(), 100, 100), Charts.series("no neuron spiked", removed, rt.silent(), 100, 100));
        XYPlot b = Charts.panel("recalled pixels correct (%)", true, Charts.series("recalled image", removed, rt.pixels(), 100, 100));
        Charts.save(Charts.stacked(String.format(Locale.ROOT, "Retrieval from partial cues after STDP learning (test accuracy"
                + " %.0f %% on full noisy patterns)", 100 * rt.trained().accuracy()), Charts.linear("on pixels removed from the cue (%)"),
                a, b), dir.resolve("recall.png"), 1000, 700);
        for (int k = 0; k < points; k++) {
            out.printf(Locale.ROOT, "%3.0f %% removed: retrieved %5.1f %%, pixels %5.1f %% correct, silent %5.1f %%%n",
                    100 * removed[k], 100 * rt.retrieved()[k], 100 * rt.pixels()[k], 100 * rt.silent()[k]);
        }
        out.printf(Locale.ROOT, "wrote %s and recall.png; %.1f s%n", dir.resolve("recall.csv"), (System.nanoTime() - start) / 1e9);
        int half = nearest(removed, 0.5);
        int last = -1;
        for (int k = 0; k < points; k++) {
            if (rt.retrieved()[k] >= 0.9) {
                last = k;
            } else {
                break;
            }
        }
        double answered = 0;
        double right = 0;
        for (int k = 0; k < points; k++) {
            answered += 1 - rt.silent()[k];
            right += rt.retrieved()[k];
        }
        out.printf(Locale.ROOT, "recall: at least 90 %% retrieved up to %s of the cue removed; %.1f %% retrieved and %.1f %% of"
                + " pixels recalled at %.0f %% removed; %.1f %% of the cues that made a neuron spike retrieved the right pattern%n",
                last < 0 ? "none" : String.format(Locale.ROOT, "%.0f %%", 100 * removed[last]), 100 * rt.retrieved()[half],
                100 * rt.pixels()[half], 100 * removed[half], answered > 0 ? 100 * right / answered : 0);
        return ExitCodes.OK;
    }

    private static int nearest(double[] v, double t) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (Math.abs(v[k] - t) < Math.abs(v[best] - t)) {
                best = k;
            }
        }
        return best;
    }
}
