package org.memspice.cli.dse;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress line on stderr: label, bar, count, rate and time left. Redrawn in place every half
 * second on a terminal; one line every 10 s into a log; nothing with --quiet.
 */
public final class Progress {
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal = System.console() != null;
    private long start = System.nanoTime();
    private long last;
    private String lastLabel;

    public Progress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    /** {@code done} of {@code total} {@code unit}s, with extra text after the rate. */
    public void update(String label, long done, long total, String unit, String extra) {
        long now = System.nanoTime();
        if (!label.equals(lastLabel)) {
            lastLabel = label;
            start = now;
        }
        boolean finished = done >= total;
        if (quiet || (!finished && now - last < (terminal ? 500_000_000L : 10_000_000_000L))) {
            return;
        }
        double elapsed = (now - start) / 1e9;
        if (!finished && elapsed < 0.5) {
            return; // too early for a rate
        }
        last = now;
        double rate = done / Math.max(1e-9, elapsed);
        double left = (total - done) / Math.max(1e-9, rate);
        int width = 24;
        int filled = (int) Math.round(width * done / (double) Math.max(1, total));
        String bar = "=".repeat(filled) + (filled < width ? ">" : "") + " ".repeat(Math.max(0, width - filled - 1));
        String line = String.format(Locale.ROOT, "%s [%s] %5.1f %% %,d/%,d %s  %.3g %s/s  ETA %s%s", label, bar,
                100.0 * done / Math.max(1, total), done, total, unit, rate, unit, duration(left), extra == null ? "" : "  " + extra);
        if (terminal) {
            err.print("\r" + line + (finished ? "\n" : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }

    public static String duration(double s) {
        if (!Double.isFinite(s)) {
            return "?";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
