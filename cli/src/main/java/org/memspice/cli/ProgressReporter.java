package org.memspice.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.memspice.spice.analysis.Progress;

/**
 * Prints a progress line (fraction, elapsed, rate, estimated time left) on stderr every few
 * seconds of a long analysis; short runs print nothing.
 */
public final class ProgressReporter implements Progress {
    private static final long FIRST_NANOS = 3_000_000_000L;
    private static final long EVERY_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final boolean quiet;
    private final java.util.function.LongSupplier clock;
    private final long start;
    private long next;
    /** The fraction done when this process started (a run going on from a checkpoint). */
    private double startFraction;

    public ProgressReporter(PrintWriter err, boolean quiet) {
        this(err, quiet, System::nanoTime);
    }

    ProgressReporter(PrintWriter err, boolean quiet, java.util.function.LongSupplier nanoClock) {
        this.err = err;
        this.quiet = quiet;
        this.clock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.next = start + FIRST_NANOS;
    }

    /** The run goes on from {@code fraction} done: rate and time left count only the work of this process. */
    public void resumedAt(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("resumed fraction must be in [0, 1), got " + fraction);
        }
        startFraction = fraction;
    }

    @Override
    public void update(String analysis, double fraction) {
        long now = clock.getAsLong();
        if (quiet || now < next || fraction <= startFraction) {
            return;
        }
        next = now + EVERY_NANOS;
        double elapsed = (now - start) / 1e9;
        double left = elapsed * (1 - fraction) / (fraction - startFraction);
        err.printf(Locale.ROOT, "%s: %5.1f %% done, %.1f s elapsed, about %.0f s left%n", analysis, 100 * fraction,
                elapsed, left);
        err.flush();
    }
}
