package org.memspice.cli.dse;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.memspice.cli.UserInputException;
import org.memspice.dse.DesignParameters;
import org.memspice.dse.DesignPoint;
import org.memspice.dse.infer.Inference;
import org.memspice.dse.infer.InferenceResult;
import org.memspice.dse.infer.MappedNetwork;
import org.memspice.dse.infer.MappingReport;
import org.memspice.dse.infer.SpikingMapping;
import org.memspice.dse.infer.Si;
import org.memspice.dse.infer.Tally;
import org.memspice.dse.net.NetworkFiles;
import org.memspice.dse.net.PlainNetwork;
import org.memspice.dse.net.ReferenceTrainer;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import org.memspice.memprop.net.Network;
import org.memspice.memprop.train.Checkpoint;
import org.memspice.memprop.train.Evaluation;
import org.memspice.memprop.train.Evaluator;
import org.memspice.memprop.train.TrainingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.memspice.memprop.train.Pools;

/**
 * {@code memspice dse infer}: maps a network onto tiles at one design point and runs the test
 * images through them: the software baseline, the mapping's tiles, utilization and converters,
 * energy and latency per inference, the ADC overflow rate, and as the last line
 * {@code test accuracy X % (n/N), Y images/s} (Y over everything after loading: tile solves,
 * calibration and inference).
 */
@Command(name = "infer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Map a network onto crossbar tiles and run the test images through them.",
            "Last line: test accuracy X %% (n/N), Y images/s (tile solves, calibration and inference included)."})
public final class InferCommand implements Callable<Integer> {
    @Option(names = "--network", paramLabel = "NETDIR", required = true,
            description = "a plain network folder (network.txt, from dse train-reference or your own) or a memprop"
                    + " training folder or checkpoint.msp")
    Path network;

    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist or fashion (default ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--limit", defaultValue = "0", description = "a balanced subset of this many test images (0: all)")
    int limit;

    @Option(names = "--power-trace", paramLabel = "FILE", description = "write every read's power of the first --trace-images images (CSV)")
    Path powerTrace;

    @Option(names = "--trace-images", defaultValue = "100", description = "images the power trace covers (default ${DEFAULT-VALUE})")
    int traceImages;

    @Mixin
    DesignOptions design;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DesignPoint p = design.point();
        int threadCount = common.threads(null);
        if (traceImages < 1) {
            throw new UserInputException("--trace-images must be at least 1, got " + traceImages);
        }
        Datasets.Kind kind = CommonOptions.kind(dataset, "--dataset");
        if (isCheckpoint(network)) {
            return spiking(p, kind, threadCount, out, err);
        }
        PlainNetwork net = NetworkFiles.read(network);
        Path folder = Datasets.dataFolder(common.data);
        Dataset test = Datasets.load(folder, kind, false);
        Dataset train = Datasets.load(folder, kind, true);
        if (net.input().size() != test.pixels() || net.classes() != test.classes()) {
            throw new UserInputException(network + ": the network takes " + net.input().size() + " inputs and gives " + net.classes()
                    + " classes; " + test.name() + " has " + test.pixels() + " pixels and " + test.classes() + " classes");
        }
        if (limit < 0 || limit > test.size()) {
            throw new UserInputException("--limit must be 0-" + test.size() + ", got " + limit);
        }
        int[] images = limit == 0 ? range(test.size()) : Datasets.balancedSubset(test, limit, 1);
        if (p.calibrationImages > train.size()) {
            throw new UserInputException("calibration_images " + p.calibrationImages + " exceeds the " + train.size()
                    + " training images");
        }
        int[] calibration = Datasets.balancedSubset(train, p.calibrationImages, 1);
        ExecutorService pool = Pools.daemon(threadCount, "dse-infer");
        try {
            out.printf(Locale.ROOT, "network %s (%s) on %s, %,d test images, %d threads%n", net.describe(), network, test.name(),
                    images.length, threadCount);
            out.println("design point: " + DesignParameters.canonical(p).replace("\n", " ").trim());
            Dataset subset = test.subset(images, "");
            double software = ReferenceTrainer.accuracy(net, subset, pool);
            out.printf(Locale.ROOT, "software baseline: test accuracy %.2f %% (%d/%d)%n", 100 * software,
                    Math.round(software * images.length), images.length);
            long start = System.nanoTime();
            MappedNetwork mn = MappedNetwork.build(net, p, train, calibration, pool);
            out.print(mn.report().table());
            out.printf(Locale.ROOT, "tiles programmed and solved in %.2f s (%s, %s)%n", mn.buildSeconds(), mn.point().linearCells()
                    ? (p.idealLines ? "ideal lines" : switch (p.tileSolver) {
                        case TRANSFER -> "exact transfer matrices";
                        case ITERATIVE -> "linear cells: crossbar solver per read";
                        case LU -> "linear cells: nodal system factorized by sparse LU, a substitution per read";
                    })
                    : "nonlinear cells: crossbar solver per read",
                    p.idealLines ? "no line resistance" : DesignParameters.num(p.wire) + " ohm per segment");
            Progress progress = new Progress(err, common.quiet);
            TraceFile trace = powerTrace == null ? null : new TraceFile();
            InferenceResult r = Inference.run(mn, subset, range(images.length), pool,
                    (done, total) -> progress.update("inference", done, total, "images", null), trace, traceImages);
            double total = (System.nanoTime() - start) / 1e9;
            Tally e = r.perImage();
            out.printf(Locale.ROOT, "energy per inference: array %s, DACs %s, ADCs %s, shift-add %s, total %s; latency %s%n",
                    Si.format(e.arrayEnergy, "J"), Si.format(e.dacEnergy, "J"), Si.format(e.adcEnergy, "J"),
                    Si.format(e.addEnergy, "J"), Si.format(e.totalEnergy(), "J"), Si.format(mn.report().latency(), "s"));
            out.printf(Locale.ROOT, "reads per inference %d, ADC conversions %d, ADC overflow rate %.4f %%, DAC clipping %.4f %%%n",
                    e.reads, e.conversions, 100 * r.overflowRate(), 100 * r.dacClipRate());
            if (trace != null) {
                double corr = trace.write(powerTrace, p.readTime);
                out.printf(Locale.ROOT, "power trace of %d images written to %s; layer-1 supply energy vs input voltage sum:"
                        + " correlation %.3f%n", Math.min(traceImages, images.length), powerTrace, corr);
            }
            out.printf(Locale.ROOT, "time: tiles and calibration %.2f s, inference %.2f s, total %.2f s%n", mn.buildSeconds(),
                    r.seconds(), total);
            out.printf(Locale.ROOT, "test accuracy %.2f %% (%d/%d), %.1f images/s%n", 100 * r.accuracy(), r.correct(), r.count(),
                    r.count() / total);
            return 0;
        } finally {
            pool.shutdownNow();
        }
    }

    static boolean isCheckpoint(Path p) {
        return p.getFileName().toString().endsWith(".msp") || java.nio.file.Files.isRegularFile(p.resolve(Checkpoint.FILE));
    }

    /** A trained memprop network: its weights replaced by what the mapped tiles realize, run over time by memprop. */
    private int spiking(DesignPoint p, Datasets.Kind kind, int threadCount, PrintWriter out, PrintWriter err) {
        if (powerTrace != null) {
            throw new UserInputException("--power-trace: traces are of plain networks' reads; a memprop network's arrays are"
                    + " read at every time step of its neurons");
        }
        Path file = Checkpoint.locate(network);
        Network reference = Checkpoint.read(file).network();
        Network mapped = Checkpoint.read(file).network();
        Dataset test = Datasets.load(Datasets.dataFolder(common.data), kind, false);
        if (reference.spec.input().size() != test.pixels()) {
            throw new UserInputException(file + ": the network takes " + reference.spec.input().size() + " inputs; " + test.name()
                    + " has " + test.pixels() + " pixels");
        }
        if (limit < 0 || limit > test.size()) {
            throw new UserInputException("--limit must be 0-" + test.size() + ", got " + limit);
        }
        int[] order = Evaluator.order(test, limit, 1);
        ExecutorService pool = Pools.daemon(threadCount, "dse-infer");
        Progress progress = new Progress(err, common.quiet);
        try (Evaluator base = Evaluator.create(reference, 8, threadCount); Evaluator hw = Evaluator.create(mapped, 8, threadCount)) {
            out.printf(Locale.ROOT, "memprop network %s (%s) on %s, %,d test images%n", reference.spec.describe(), file, test.name(),
                    order.length);
            out.println("design point: " + DesignParameters.canonical(p).replace("\n", " ").trim());
            Evaluation software = base.evaluate(test, order, new TrainingListener() {
                @Override
                public void evaluating(long done, long total) {
                    progress.update("software", done, total, "images", null);
                }
            });
            out.printf(Locale.ROOT, "software baseline: test accuracy %.2f %% (%d/%d)%n", 100 * software.accuracy(), software.correct(),
                    software.count());
            long start = System.nanoTime();
            MappingReport report = SpikingMapping.apply(mapped, p, pool);
            out.print(report.cellTable());
            out.println("arrays read by row buffers and current mirrors into the neurons: no DACs or ADCs; energy is not"
                    + " estimated for spiking networks");
            Evaluation ev = hw.evaluate(test, order, new TrainingListener() {
                @Override
                public void evaluating(long done, long total) {
                    progress.update("inference", done, total, "images", null);
                }
            });
            double total = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "test accuracy %.2f %% (%d/%d), %.1f images/s%n", 100 * ev.accuracy(), ev.correct(), ev.count(),
                    ev.count() / total);
            return 0;
        } finally {
            pool.shutdownNow();
        }
    }

    static int[] range(int n) {
        int[] a = new int[n];
        for (int k = 0; k < n; k++) {
            a[k] = k;
        }
        return a;
    }
}
