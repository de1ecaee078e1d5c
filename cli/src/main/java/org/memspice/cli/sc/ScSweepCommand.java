package org.memspice.cli.sc;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.memspice.cli.UserInputException;
import org.memspice.cli.dse.CommonOptions;
import org.memspice.cli.dse.Progress;
import org.memspice.cli.dse.ReportSections;
import org.memspice.dse.stochastic.CostModel;
import org.memspice.dse.stochastic.StochasticProduct;
import org.memspice.dse.stochastic.StochasticTraining;
import org.memspice.memprop.data.Dataset;
import org.memspice.spice.output.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memspice sc sweep}: the floating-point baseline, then one training run per stream
 * length and variation level (same seeds, same data order); writes sweep.csv after every run,
 * accuracy-vs-length.png, energy-vs-length.png, report.html and the section for a DSE report.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Accuracy against stream length and device variation, against floating-point updates.",
            "Writes DIR/sweep.csv (after every run), DIR/accuracy-vs-length.png, DIR/energy-vs-length.png, DIR/report.html,",
            "and the section DIR/sections/stochastic-computing.html (with --report DSEDIR also into that DSE report)."})
public final class ScSweepCommand implements Callable<Integer> {
    /** The name of the section in a DSE report. */
    static final String SECTION = "stochastic-computing.html";

    @Option(names = "--lengths", split = ",", defaultValue = "8,16,32,64,128,256,512,1024", paramLabel = "L,L,...",
            description = "stream lengths, 1-65536 each (default ${DEFAULT-VALUE})")
    int[] lengths;

    @Option(names = "--variations", split = ",", defaultValue = "0,0.1", paramLabel = "S,S,...",
            description = "device variation levels sigma, 0-1 each (default ${DEFAULT-VALUE})")
    double[] variations;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "output folder")
    Path out;

    @Option(names = "--report", paramLabel = "DSEDIR", description = "also put the section into this DSE sweep folder's report")
    Path report;

    @CommandLine.Mixin
    TrainingOptions training;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (int l : lengths) {
            if (l < 1 || l > StochasticProduct.MAX_LENGTH) {
                throw new UserInputException("--lengths: every stream length must be 1-" + StochasticProduct.MAX_LENGTH + ", got " + l);
            }
        }
        for (double v : variations) {
            if (!Double.isFinite(v) || v < 0 || v > 1) {
                throw new UserInputException("--variations: every level must be a finite number in [0, 1], got " + v);
            }
        }
        if (report != null && !Files.isDirectory(report)) {
            throw new UserInputException("--report: " + report + " is not a folder");
        }
        training.refuseUnused(spec.commandLine().getParseResult(), false);
        int threads = common.threads(null);
        StochasticTraining.Setup base = training.setup(0, 0, threads);
        for (double v : variations) {
            training.setup(lengths[0], v, threads); // every point's settings checked before the first run
        }
        Dataset[] d = ScRuns.data(common.data, training.dataset, training.limit, training.seed);
        Files.createDirectories(out);
        Progress progress = new Progress(err, common.quiet);
        List<SweepRow> rows = new ArrayList<>();
        o.printf(Locale.ROOT, "sweep: %s on %s (%,d images), %d epochs, SGD lr %g, batch %d, seed %d; lengths %s, variations %s%n",
                training.model().word(), d[0].name(), d[0].size(), base.trainer().epochs(), base.trainer().learningRate(),
                base.trainer().batch(), base.trainer().seed(), java.util.Arrays.toString(lengths), java.util.Arrays.toString(variations));
        o.flush();
        long start = System.nanoTime();
        StochasticTraining.Result f = ScRuns.run(base, d[0], d[1], null, progress, "float ");
        rows.add(new SweepRow(0, 0, base.calibrate(), f));
        o.printf(Locale.ROOT, "float: test accuracy %.2f %% (%d/%d), %.1f s%n", 100 * f.testAccuracy(), f.correct(), f.testSize(),
                f.trainSeconds());
        o.flush();
        writeCsv(rows, f);
        for (double v : variations) {
            for (int l : lengths) {
                StochasticTraining.Setup s = training.setup(l, v, threads);
                String label = String.format(Locale.ROOT, "L=%d sigma=%.3g ", l, v);
                StochasticTraining.Result r = ScRuns.run(s, d[0], d[1], null, progress, label);
                rows.add(new SweepRow(l, v, s.calibrate(), r));
                o.printf(Locale.ROOT, "%s: test accuracy %.2f %% (%d/%d), %+.2f points against float, %.1f s%n", label.trim(),
                        100 * r.testAccuracy(), r.correct(), r.testSize(), 100 * (r.testAccuracy() - f.testAccuracy()), r.trainSeconds());
                o.flush();
                writeCsv(rows, f);
            }
        }
        ScSweepReport rep = new ScSweepReport(rows, training, d[0].name(), base.trainer().batch());
        rep.figures(out);
        String section = rep.section();
        ReportSections.publish(out, SECTION, section);
        AtomicFiles.writeText(out.resolve("report.html"), rep.page(section));
        boolean spliced = report != null && ReportSections.publish(report, SECTION, section);
        o.printf(Locale.ROOT, "%d runs in %.1f s; wrote sweep.csv, accuracy-vs-length.png, energy-vs-length.png, report.html in %s%s%n",
                rows.size(), (System.nanoTime() - start) / 1e9, out, report == null ? ""
                        : spliced ? "; section added to " + report.resolve("report.html")
                        : "; section left in " + report.resolve(ReportSections.FOLDER) + " for the next dse run");
        SweepRow best = rep.shortestWithin(0.01);
        o.println(best == null ? "no stream length came within 1 point of float"
                : String.format(Locale.ROOT, "shortest stream within 1 point of float: L = %d at variation %.3g (%.2f %% against %.2f %%)",
                        best.length(), best.variation(), 100 * best.result().testAccuracy(), 100 * f.testAccuracy()));
        return 0;
    }

    /** One run of the sweep (length 0: the floating-point baseline). */
    record SweepRow(int length, double variation, boolean calibrated, StochasticTraining.Result result) {
    }

    private void writeCsv(List<SweepRow> rows, StochasticTraining.Result f) throws IOException {
        StringBuilder sb = new StringBuilder("updates,stream_length,variation,calibrated,test_accuracy,correct,test_images,"
                + "difference_to_float,train_seconds,calibration_seconds,devices,streams_per_sample,bits_per_sample,"
                + "switching_events_per_sample,device_energy_per_sample_j,mean_stream_probability\n");
        for (SweepRow r : rows) {
            StochasticTraining.Result x = r.result();
            double n = Math.max(1, x.stats().samples());
            sb.append(String.format(Locale.ROOT, "%s,%d,%.4g,%s,%.6f,%d,%d,%.6f,%.3f,%.3f,%d,%.6g,%.6g,%.6g,%.6g,%.6f%n",
                    r.length() == 0 ? "float" : "cbram", r.length(), r.variation(), r.length() == 0 ? "" : r.calibrated(),
                    x.testAccuracy(), x.correct(), x.testSize(), x.testAccuracy() - f.testAccuracy(), x.trainSeconds(),
                    x.calibrationSeconds(), x.bank() == null ? 0 : x.bank().size(), x.stats().streams() / n, x.stats().bits() / n,
                    x.stats().switchingEvents() / n, x.stats().energy() / n, ScRuns.meanProbability(x)));
        }
        AtomicFiles.writeText(out.resolve("sweep.csv"), sb.toString());
    }
}
