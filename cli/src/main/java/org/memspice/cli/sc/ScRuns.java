package org.memspice.cli.sc;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.memspice.cli.UserInputException;
import org.memspice.cli.dse.Progress;
import org.memspice.dse.infer.Si;
import org.memspice.dse.net.ReferenceTrainer;
import org.memspice.dse.stochastic.CostModel;
import org.memspice.dse.stochastic.StochasticTraining;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import org.memspice.spice.output.AtomicFiles;

/** Data loading, one training run with progress, and the files a run writes (shared by sc train and sc sweep). */
final class ScRuns {
    private ScRuns() {
    }

    /** The training (subset when limit &gt; 0) and test splits. */
    static Dataset[] data(Path dataOption, String dataset, int limit, long seed) {
        Datasets.Kind kind = org.memspice.cli.dse.CommonOptions.kind(dataset, "--dataset");
        Path folder = Datasets.dataFolder(dataOption);
        Dataset train = Datasets.load(folder, kind, true);
        Dataset test = Datasets.load(folder, kind, false);
        if (limit < 0 || limit > train.size()) {
            throw new UserInputException("--limit must be 0-" + train.size() + ", got " + limit);
        }
        if (limit > 0) {
            train = train.subset(Datasets.balancedSubset(train, limit, seed), "-" + limit);
        }
        return new Dataset[] {train, test};
    }

    /** Trains one setup, printing each epoch on {@code out} and progress on {@code err}. */
    static StochasticTraining.Result run(StochasticTraining.Setup s, Dataset train, Dataset test, PrintWriter out, Progress progress,
            String label) {
        try {
            return StochasticTraining.train(s, train, test, new ReferenceTrainer.Listener() {
                @Override
                public void progress(int epoch, long done, long total, double meanLoss) {
                    progress.update(label + "epoch " + epoch + "/" + s.trainer().epochs(), done, total, "images",
                            String.format(Locale.ROOT, "loss %.4f", meanLoss));
                }

                @Override
                public void epoch(int epoch, double meanLoss, double trainAccuracy, double testAccuracy) {
                    if (out != null) {
                        out.printf(Locale.ROOT, "%sepoch %d: loss %.4f, train accuracy %.2f %%, test accuracy %.2f %%%n", label, epoch,
                                meanLoss, 100 * trainAccuracy, 100 * testAccuracy);
                        out.flush();
                    }
                }
            });
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /** The mean probability of the run's streams (ones over bits), or 1/2 without streams. */
    static double meanProbability(StochasticTraining.Result r) {
        return r.stats().bits() > 0 ? r.stats().ones() / (double) r.stats().bits() : 0.5;
    }

    /** The cost table of a run at stream length {@code length}, with the run's measured probability and shares when it had streams. */
    static List<CostModel.Row> cost(StochasticTraining.Result r, int length, int batch) {
        double[] full = CostModel.fullCounts(r.net());
        long samples = r.stats().samples();
        double streamShare = samples > 0 ? Math.min(1, r.stats().streams() / (samples * full[0])) : 1;
        double productShare = samples > 0 ? Math.min(1, r.stats().products() / (samples * full[1])) : 1;
        return CostModel.table(r.net(), length, batch, meanProbability(r), streamShare, productShare, CostModel.nominal(),
                org.memspice.dse.stochastic.CbramBank.Pulses.DEFAULT, CostModel.Technology.DEFAULT);
    }

    static void writeLog(Path file, StochasticTraining.Result r) throws IOException {
        StringBuilder sb = new StringBuilder("epoch,loss,train_accuracy,test_accuracy,seconds\n");
        for (double[] e : r.epochs()) {
            sb.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.3f%n", (int) e[0], e[1], e[2], e[3], e[4]));
        }
        AtomicFiles.writeText(file, sb.toString());
    }

    /** The cost table as CSV (one row per layer and the total). */
    static void writeCost(Path file, List<CostModel.Row> rows) throws IOException {
        StringBuilder sb = new StringBuilder("layer,weights,devices,counter_bits,streams_per_sample,bits_per_sample,switching_events,"
                + "device_energy_j,gate_energy_j,counter_energy_j,sc_energy_j,fp_energy_j,sc_arithmetic_area_m2,device_area_m2,"
                + "fp_area_m2,sc_time_s\n");
        for (CostModel.Row c : rows) {
            sb.append(String.format(Locale.ROOT, "\"%s\",%d,%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g%n",
                    c.layer(), c.weights(), c.devices(), c.counterBits(), c.streamsPerSample(), c.bitsPerSample(), c.switchingEvents(),
                    c.deviceEnergy(), c.gateEnergy(), c.counterEnergy(), c.scEnergy(), c.fpEnergy(), c.scArithmeticArea(),
                    c.deviceArea(), c.fpArea(), c.scTime()));
        }
        AtomicFiles.writeText(file, sb.toString());
    }

    /** A few lines summarizing the cost table's total. */
    static String costSummary(CostModel.Row t, CostModel.Technology tech) {
        double areaSc = t.scArithmeticArea();
        return String.format(Locale.ROOT, "cost model per sample's update: %,d weights, %,d CBRAM devices, %.3g bits, %.3g switching events;"
                + " energy %s stochastic (devices %s, gates %s, counters %s) against %s for %,d FP32 multiply-adds;"
                + " arithmetic area %s (AND, XOR, %d-bit counters) against %s FP32 (%.1f orders of magnitude; multiplier alone %.1f);"
                + " devices and sense latches %s; stream time %s",
                t.weights(), t.devices(), t.bitsPerSample(), t.switchingEvents(), Si.format(t.scEnergy(), "J"), Si.format(t.deviceEnergy(), "J"),
                Si.format(t.gateEnergy(), "J"), Si.format(t.counterEnergy(), "J"), Si.format(t.fpEnergy(), "J"),
                Math.round(t.fpEnergy() / (tech.fpMulEnergy() + tech.fpAddEnergy())), area(areaSc), t.counterBits(), area(t.fpArea()),
                Math.log10(t.fpArea() / areaSc), Math.log10(CostModel.multiplierAreaRatio(tech)), area(t.deviceArea()),
                Si.format(t.scTime(), "s"));
    }

    /** An area in mm² or µm². */
    static String area(double m2) {
        return m2 >= 1e-6 ? String.format(Locale.ROOT, "%.4g mm²", m2 * 1e6) : String.format(Locale.ROOT, "%.4g µm²", m2 * 1e12);
    }
}
