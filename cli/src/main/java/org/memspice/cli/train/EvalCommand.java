package org.memspice.cli.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.memspice.cli.UserInputException;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import org.memspice.memprop.net.Network;
import org.memspice.memprop.train.Checkpoint;
import org.memspice.memprop.train.Evaluation;
import org.memspice.memprop.train.Evaluator;
import org.memspice.memprop.train.Trainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memspice eval}: test accuracy of a trained network (a checkpoint, or a training run's folder). */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Test a trained network: accuracy, mean loss and confusion matrix on the test set.",
            "The last line reads 'test accuracy P % (correct/total)'."})
public final class EvalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CHECKPOINT_OR_DIR", description = "checkpoint.msp, or the folder of a training run")
    Path checkpoint;

    @Option(names = "--dataset", description = "mnist or fashion (default: the data set the network was trained on)")
    String dataset;

    @CommandLine.Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--limit", defaultValue = "0", description = "test on this many images, class-balanced (0 = all 10,000)")
    int limit;

    @Option(names = "--threads", description = "worker threads (default: the number of cores)")
    Integer threads;

    @Option(names = "--confusion", paramLabel = "FILE.png", description = "also draw the confusion matrix (and FILE.csv beside it)")
    Path confusion;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (limit < 0) {
            throw new UserInputException("--limit must be >= 0 (0 = all), got " + limit);
        }
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1 || threadCount > 1024) {
            throw new UserInputException("--threads must be 1-1024, got " + threadCount);
        }
        Path file = Checkpoint.locate(checkpoint);
        Checkpoint.Contents c = Checkpoint.read(file);
        Datasets.Kind trained = Datasets.Kind.parse(c.training().dataset());
        Datasets.Kind kind;
        try {
            kind = dataset == null ? trained : Datasets.Kind.parse(dataset);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--dataset: " + e.getMessage());
        }
        if (kind != trained) {
            throw new UserInputException("--dataset " + kind.option + ": " + file + " was trained on " + trained.option
                    + "; evaluate it on that data set (omit --dataset)");
        }
        Dataset test = data.load(kind, false, err);
        if (limit > test.size()) {
            throw new UserInputException("--limit " + limit + ": the test set has " + test.size() + " images");
        }
        Network net = c.network();
        out.printf(Locale.ROOT, "%s, trained %d epochs on %s%n", net.spec.describe(), c.epochsDone(), trained.folder);
        long t0 = System.nanoTime();
        try (Evaluator evaluator = Evaluator.create(net, Math.max(c.training().chunk(), 8), threadCount)) {
            Evaluation ev = evaluator.evaluate(test, Evaluator.order(test, limit, Trainer.TEST_SUBSET_SEED),
                    new org.memspice.memprop.train.TrainingListener() {
                private long last = System.nanoTime();

                @Override
                public void evaluating(long done, long total) {
                    long now = System.nanoTime();
                    if (!quiet && done < total && now - last > 5_000_000_000L) {
                        last = now;
                        double s = (now - t0) / 1e9;
                        err.printf(Locale.ROOT, "testing %,d/%,d, %.0f samples/s, about %s left%n", done, total, done / s,
                                TrainingProgress.duration((total - done) * s / done));
                        err.flush();
                    }
                }
            });
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (confusion != null) {
                String name = confusion.getFileName().toString();
                Path csv = confusion.resolveSibling(name.replaceFirst("(\\.png)?$", ".csv"));
                TrainingPlots.confusionPng(ev.confusion(), TrainCommand.classNames(kind), net.spec.model().option() + " "
                        + kind.folder, confusion);
                TrainingPlots.confusionCsv(ev.confusion(), csv);
            }
            out.printf(Locale.ROOT, "test loss %.4f, %.1f s (%.0f samples/s)%n", ev.loss(), seconds, ev.count() / seconds);
            out.printf(Locale.ROOT, "test accuracy %.2f %% (%d/%d)%n", 100 * ev.accuracy(), ev.correct(), ev.count());
        }
        return 0;
    }
}
