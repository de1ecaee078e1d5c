package org.memspice.cli.dse;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import org.memspice.cli.ExitCodes;
import org.memspice.cli.UserInputException;
import org.memspice.dse.net.NetworkFiles;
import org.memspice.dse.net.PlainNetwork;
import org.memspice.dse.net.ReferenceTrainer;
import org.memspice.dse.sweep.InferenceEvaluator;
import org.memspice.dse.sweep.PointStore;
import org.memspice.dse.sweep.SweepConfig;
import org.memspice.dse.sweep.SweepCsv;
import org.memspice.dse.sweep.SweepPoint;
import org.memspice.dse.sweep.SweepRunner;
import org.memspice.cli.cluster.ClusterBackEnd;
import org.memspice.cli.cluster.ClusterOptions;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.memspice.memprop.train.Pools;

/**
 * {@code memspice dse run --config sweep.yaml}: runs a sweep's points on all cores, or on a
 * Hazelcast cluster with {@code --cluster}/{@code --members} (this process a member too), storing
 * each finished point at once (a rerun skips them), and writes results.csv, the PNG figures and
 * report.html into the output folder. The table is rewritten as points arrive, at most once a
 * second, and at the end.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a design-space sweep (grid, one-at-a-time and Monte Carlo) from a YAML or JSON configuration.",
            "Resumable: finished points are kept in OUT/points/ and skipped by a rerun.",
            "On a Hazelcast cluster with --cluster FILE or --members HOST:PORT,... (secret from $MEMSPICE_CLUSTER_SECRET).",
            "Writes OUT/results.csv, OUT/*.png and OUT/report.html (self-contained)."})
public final class RunCommand implements java.util.concurrent.Callable<Integer> {
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
        if (c.network == null) {
            throw new UserInputException(config + ": a training sweep (task: train): run it with memspice train sweep");
        }
        PlainNetwork net = NetworkFiles.read(c.network);
        List<SweepPoint> points = c.points(NetworkFiles.digest(c.network));
        int workers = common.threads(c.threads);
        Path dir = SweepRuns.outputFolder(config, out);
        return SweepRuns.onBackEnd(cluster, workers, outW, err,
                (runner, backEnd) -> sweep(c, net, points, workers, dir, runner, backEnd));
    }

    private int sweep(SweepConfig c, PlainNetwork net, List<SweepPoint> points, int workers, Path dir, SweepRunner runner,
            ClusterBackEnd backEnd) throws IOException {
        PrintWriter outW = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Datasets.Kind kind = CommonOptions.kind(c.dataset, config + ": dataset");
        Path folder = Datasets.dataFolder(c.data != null ? c.data : common.data);
        Dataset test = Datasets.load(folder, kind, false);
        Dataset train = Datasets.load(folder, kind, true);
        if (net.input().size() != test.pixels() || net.classes() != test.classes()) {
            throw new UserInputException(c.network + ": the network takes " + net.input().size() + " inputs and gives " + net.classes()
                    + " classes; " + test.name() + " has " + test.pixels() + " pixels and " + test.classes() + " classes");
        }
        int[] images = c.images == 0 ? InferCommand.range(test.size()) : Datasets.balancedSubset(test, c.images, 1);
        if (c.calibrationImages() > train.size()) {
            throw new UserInputException(config + ": calibration_images " + c.calibrationImages() + " exceeds the "
                    + train.size() + " training images");
        }
        for (SweepPoint p : points) {
            try {
                org.memspice.dse.hw.TileCircuits.forCells(p.point());
            } catch (org.memspice.dse.DseInputException e) {
                throw new UserInputException(config + ": point " + (p.index() + 1) + ": " + e.getMessage());
            }
        }
        int[] calibration = Datasets.balancedSubset(train, c.calibrationImages(), 1);
        Dataset subset = test.subset(images, "");
        double software;
        ExecutorService pool = Pools.daemon(workers, "dse-run");
        try {
            software = ReferenceTrainer.accuracy(net, subset, pool);
        } finally {
            pool.shutdownNow();
        }
        outW.printf(Locale.ROOT, "sweep %s: %d points of %s on %s (%,d images each), %s; software baseline %.2f %%%n",
                config, points.size(), net.describe(), test.name(), images.length,
                backEnd != null ? "on the cluster's members" : workers + " at a time", 100 * software);
        outW.flush();
        PointStore store = new PointStore(dir);
        Path csv = dir.resolve("results.csv");
        Progress progress = new Progress(err, common.quiet);
        long start = System.nanoTime();
        // the network from its folder's files and only the images used: what cluster members receive
        InferenceEvaluator evaluator = InferenceEvaluator.forFolder(c.network, train, calibration, subset,
                InferCommand.range(images.length));
        SweepRuns.Outcome run = SweepRuns.run(runner, points, evaluator, store, csv, c.axes, err, progress, "simulated");
        int computed = run.computed();
        int[] failed = {run.failed()};
        double seconds = (System.nanoTime() - start) / 1e9;
        int rows = SweepCsv.write(csv, points, c.axes, store);
        SweepReport report = new SweepReport(c, points, store, c.gridAxes());
        report.figures(dir);
        report.html(dir.resolve("report.html"), "Design-space sweep: " + config.getFileName(), software,
                (int) Math.round(software * images.length), images.length, test.name() + " from " + folder, seconds, failed[0]);
        int fromMap = backEnd != null ? backEnd.fromMap() : 0;
        outW.printf(Locale.ROOT, "%d points computed now, %d found finished%s; %d rows in %s; report %s (%.1f s)%n", computed,
                points.size() - computed, fromMap > 0 ? " (" + fromMap + " in the cluster's map)" : "", rows, csv,
                dir.resolve("report.html"), seconds);
        return failed[0] > 0 ? ExitCodes.SIMULATION : ExitCodes.OK;
    }
}
