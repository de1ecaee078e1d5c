package org.memspice.cli.sc;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.memspice.cli.UserInputException;
import org.memspice.cli.dse.CommonOptions;
import org.memspice.cli.dse.Progress;
import org.memspice.dse.infer.Si;
import org.memspice.dse.net.NetworkFiles;
import org.memspice.dse.stochastic.CostModel;
import org.memspice.dse.stochastic.StochasticProduct;
import org.memspice.dse.stochastic.StochasticTraining;
import org.memspice.memprop.data.Dataset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memspice sc train}: trains an MLP or a small CNN whose weight updates are computed with
 * CBRAM bit streams (or in floating point with --float), and writes the network, the epoch log
 * and the cost table into DIR. Last line: test accuracy X % (n/N).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train with weight updates from CBRAM stochastic bit streams (forward and backward in floating point).",
            "Writes DIR/network.txt (+ weights), DIR/log.csv and DIR/cost.csv; last line: test accuracy X %% (n/N)."})
public final class ScTrainCommand implements Callable<Integer> {
    @Option(names = "--stream-length", paramLabel = "L", description = "bits per stream, 1-65536 (required unless --float)")
    Integer length;

    @Option(names = "--float", description = "floating-point updates: the baseline")
    boolean floating;

    @Option(names = "--variation", defaultValue = "0", description = "device-to-device spread sigma of tau0 and V0, 0-1 (default ${DEFAULT-VALUE})")
    double variation;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "output folder (created if missing)")
    Path out;

    @CommandLine.Mixin
    TrainingOptions training;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter outW = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (floating == (length != null)) {
            throw new UserInputException(floating ? "--float and --stream-length: choose one" : "--stream-length L (or --float) is required");
        }
        training.refuseUnused(spec.commandLine().getParseResult(), floating);
        if (floating && spec.commandLine().getParseResult().hasMatchedOption("--variation")) {
            throw new UserInputException("--variation applies to stream devices, not to --float");
        }
        if (!floating && (length < 1 || length > StochasticProduct.MAX_LENGTH)) {
            throw new UserInputException("--stream-length must be 1-" + StochasticProduct.MAX_LENGTH + ", got " + length);
        }
        StochasticTraining.Setup s = training.setup(floating ? 0 : length, variation, common.threads(null));
        Dataset[] d = ScRuns.data(common.data, training.dataset, training.limit, training.seed);
        Files.createDirectories(out);
        outW.printf(Locale.ROOT, "training %s on %s (%,d images), %d epochs of SGD batches of %d, lr %g, seed %d; %s%n",
                training.model().word(), d[0].name(), d[0].size(), s.trainer().epochs(), s.trainer().batch(), s.trainer().learningRate(),
                s.trainer().seed(), TrainingOptions.updates(s));
        outW.flush();
        StochasticTraining.Result r = ScRuns.run(s, d[0], d[1], outW, new Progress(err, common.quiet), "");
        NetworkFiles.write(out, r.net(), List.of("memspice sc train: " + r.net().describe() + " on " + d[0].name(),
                TrainingOptions.updates(s), String.format(Locale.ROOT, "test accuracy %.2f %% on %s", 100 * r.testAccuracy(), d[1].name())));
        ScRuns.writeLog(out.resolve("log.csv"), r);
        int costLength = floating ? 64 : length;
        List<CostModel.Row> cost = ScRuns.cost(r, costLength, s.trainer().batch());
        ScRuns.writeCost(out.resolve("cost.csv"), cost);
        if (r.bank() != null) {
            long samples = Math.max(1, r.stats().samples());
            outW.printf(Locale.ROOT, "devices: %,d CBRAM stream generators%s; measured per sample's update: %.4g streams, %.4g bits,"
                    + " %.4g switching events, device energy %s (mean stream probability %.4f)%n", r.bank().size(),
                    s.calibrate() ? String.format(Locale.ROOT, ", calibrated in %.1f s", r.calibrationSeconds()) : "",
                    r.stats().streams() / (double) samples, r.stats().bits() / (double) samples,
                    r.stats().switchingEvents() / (double) samples, Si.format(r.stats().energy() / samples, "J"), ScRuns.meanProbability(r));
        }
        outW.println((floating ? "(at 64-bit streams, p = 1/2, every operand streamed) " : "") + ScRuns.costSummary(cost.get(cost.size() - 1),
                CostModel.Technology.DEFAULT));
        outW.printf(Locale.ROOT, "time: training %.1f s (%.1f s per epoch)%n", r.trainSeconds(), r.trainSeconds() / s.trainer().epochs());
        outW.printf(Locale.ROOT, "wrote %s, log.csv, cost.csv in %s%n", NetworkFiles.FILE, out);
        outW.printf(Locale.ROOT, "test accuracy %.2f %% (%d/%d)%n", 100 * r.testAccuracy(), r.correct(), r.testSize());
        return 0;
    }
}
