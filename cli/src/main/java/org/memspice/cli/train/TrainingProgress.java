package org.memspice.cli.train;

import java.io.PrintWriter;
import java.util.Locale;
import org.memspice.memprop.train.EpochRecord;
import org.memspice.memprop.train.Evaluation;
import org.memspice.memprop.train.TrainingListener;

/**
 * A progress bar on stderr while a network trains: epoch, bar, samples, running loss and
 * accuracy, samples per second, time left in the epoch and in the run. On a terminal the line is
 * redrawn in place every half second; otherwise (a log file) one line is printed every 10 s.
 */
final class TrainingProgress implements TrainingListener {
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private final int firstEpoch;
    private final int epochs;
    private final long perEpoch;
    private long last;
    private long evalLast;

    TrainingProgress(PrintWriter err, boolean quiet, int firstEpoch, int epochs, long perEpoch) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = System.console() != null;
        this.firstEpoch = firstEpoch;
        this.epochs = epochs;
        this.perEpoch = perEpoch;
    }

    @Override
    public void batch(int epoch, int total, long done, long count, double loss, double accuracy, double rate) {
        long now = System.nanoTime();
        boolean finished = done == count;
        if (quiet || (!finished && now - last < (terminal ? 500_000_000L : 10_000_000_000L))) {
            return;
        }
        last = now;
        double epochLeft = (count - done) / Math.max(1e-9, rate);
        long samplesLeft = (count - done) + (long) (total - epoch) * perEpoch;
        double runLeft = samplesLeft / Math.max(1e-9, rate);
        int width = 24;
        int filled = (int) Math.round(width * done / (double) count);
        String bar = "=".repeat(filled) + (filled < width ? ">" : "") + " ".repeat(Math.max(0, width - filled - 1));
        String line = String.format(Locale.ROOT, "epoch %d/%d [%s] %5.1f %% %,d/%,d  loss %.4f  acc %.2f %%  %.0f samples/s"
                + "  epoch ETA %s  run ETA %s", epoch, total, bar, 100.0 * done / count, done, count, loss, 100 * accuracy, rate,
                duration(epochLeft), duration(runLeft));
        if (terminal) {
            err.print("\r" + line + (finished ? "\n" : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }

    @Override
    public void evaluating(long done, long total) {
        long now = System.nanoTime();
        if (quiet || (done < total && now - evalLast < 10_000_000_000L)) {
            return;
        }
        evalLast = now;
        if (done < total) {
            err.printf(Locale.ROOT, "testing %,d/%,d%n", done, total);
            err.flush();
        }
    }

    @Override
    public void epoch(EpochRecord r, Evaluation test) {
        if (quiet) {
            return;
        }
        err.printf(Locale.ROOT, "epoch %d/%d: train loss %.4f acc %.2f %%, test loss %.4f acc %.2f %% (%d/%d), %.0f s, %.0f samples/s%n",
                r.epoch(), epochs, r.trainLoss(), 100 * r.trainAccuracy(), r.testLoss(), 100 * r.testAccuracy(), r.testCorrect(),
                r.testCount(), r.seconds(), r.samplesPerSecond());
        err.flush();
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
