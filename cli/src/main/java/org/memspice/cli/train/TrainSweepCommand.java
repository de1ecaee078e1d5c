package org.memspice.cli.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.memspice.cli.ExitCodes;
import org.memspice.cli.UserInputException;
import org.memspice.cli.cluster.ClusterBackEnd;
import org.memspice.cli.cluster.ClusterOptions;
import org.memspice.cli.dse.CommonOptions;
import org.memspice.cli.dse.Progress;
import org.memspice.cli.dse.SweepRuns;
import org.memspice.cli.dse.SweepReport;
import org.memspice.dse.sweep.PointResult;
import org.memspice.dse.sweep.PointStore;
import org.memspice.dse.sweep.SweepConfig;
import org.memspice.dse.sweep.SweepCsv;
import org.memspice.dse.sweep.SweepPoint;
import org.memspice.dse.sweep.SweepRunner;
import org.memspice.dse.sweep.TrainingEvaluator;
import org.memspice.dse.sweep.TrainingParameters;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memspice train sweep --config sweep.yaml}: a training hyper-parameter sweep
 * ({@code task: train}), every point a memprop network trained on the configuration's training
 * subset and tested on its test subset, on this machine's cores or on a Hazelcast cluster (the
 * subsets travel with the job, so members need no data). The same runner, store and table as
 * {@code dse run}: resumable, results.csv rewritten as points arrive, and a figure of test
 * accuracy against every swept parameter.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a network at every point of a hyper-parameter sweep (task: train in a YAML or JSON configuration).",
            "Each point trains on one thread; points run side by side on all cores, or on a Hazelcast cluster with",
            "--cluster FILE or --members HOST:PORT,... (members receive the images: they need no --data).",
            "Resumable: finished points are kept in OUT/points/ and skipped by a rerun.",
            "Writes OUT/results.csv and OUT/accuracy-vs-PARAMETER.png."})
public final class TrainSweepCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", required = true, description = "sweep configuration (.yaml, .yml or .json)")
    Path config;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "output folder (default: the configuration's name beside it)")
    Path out;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Mixin
    ClusterOptions cluster;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter outW = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SweepConfig c = SweepConfig.read(config);
        if (c.space != TrainingParameters.SPACE) {
            throw new UserInputException(config + ": a design-space sweep (no 'task: train'): run it with memspice dse run");
        }
        int workers = common.threads(c.threads);
        Path dir = SweepRuns.outputFolder(config, out);
        return SweepRuns.onBackEnd(cluster, workers, outW, err, (runner, backEnd) -> sweep(c, workers, dir, runner, backEnd));
    }

    private int sweep(SweepConfig c, int workers, Path dir, SweepRunner runner, ClusterBackEnd backEnd) throws IOException {
        PrintWriter outW = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Datasets.Kind kind = CommonOptions.kind(c.dataset, config + ": dataset");
        Path folder = Datasets.dataFolder(c.data != null ? c.data : common.data);
        Dataset train = Datasets.load(folder, kind, true);
        Dataset test = Datasets.load(folder, kind, false);
        if (c.trainImages > train.size() || c.testImages > test.size()) {
            throw new UserInputException(String.format(Locale.ROOT, "%s: train_images %d and test_images %d: %s holds %,d training and"
                    + " %,d test images", config, c.trainImages, c.testImages, folder.resolve(kind.folder), train.size(), test.size()));
        }
        TrainingEvaluator evaluator = TrainingEvaluator.of(c, train, test);
        List<SweepPoint> points = c.points(evaluator.digest());
        outW.printf(Locale.ROOT, "training sweep %s: %d points on %s (%,d training and %,d test images each), %s%n", config,
                points.size(), kind.folder, evaluator.trainImages(), evaluator.testImages(),
                backEnd != null ? "on the cluster's members" : workers + " at a time");
        outW.flush();
        PointStore store = new PointStore(dir);
        Path csv = dir.resolve("results.csv");
        Progress progress = new Progress(err, common.quiet);
        long start = System.nanoTime();
        SweepRuns.Outcome run = SweepRuns.run(runner, points, evaluator, store, csv, c.axes, err, progress, "trained");
        int computed = run.computed();
        int[] failed = {run.failed()};
        double seconds = (System.nanoTime() - start) / 1e9;
        int rows = SweepCsv.write(csv, points, c.axes, store);
        List<String> figures = new SweepReport(c, points, store, c.gridAxes()).trainingFigures(dir);
        double training = 0;
        SweepPoint best = null;
        double bestAccuracy = -1;
        for (SweepPoint p : points) {
            PointResult r = store.finished(p.key());
            if (r != null) {
                training += r.seconds();
                if (r.metrics().get("accuracy") > bestAccuracy) {
                    bestAccuracy = r.metrics().get("accuracy");
                    best = p;
                }
            }
        }
        int fromMap = backEnd != null ? backEnd.fromMap() : 0;
        outW.printf(Locale.ROOT, "%d points computed now, %d found finished%s; %d rows in %s; figures %s (%.1f s; %s of training"
                + " summed over points)%n", computed, points.size() - computed, fromMap > 0 ? " (" + fromMap + " in the cluster's map)" : "",
                rows, csv, figures.isEmpty() ? "none (no swept parameter)" : String.join(", ", figures), seconds,
                Progress.duration(training));
        if (best != null) {
            outW.printf(Locale.ROOT, "best: point %d, test accuracy %.2f %% (%s)%n", best.index() + 1, 100 * bestAccuracy,
                    describe(best, c.axes));
        }
        return failed[0] > 0 ? ExitCodes.SIMULATION : ExitCodes.OK;
    }

    private static String describe(SweepPoint p, List<String> axes) {
        StringBuilder sb = new StringBuilder();
        for (String a : axes) {
            sb.append(a).append('=').append(p.value(a)).append(", ");
        }
        return sb.append("seed=").append(p.seed()).toString();
    }
}
