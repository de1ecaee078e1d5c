package org.memspice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
    @Test
    void silentForShortRunsThenEveryFewSecondsWithAnEstimate() {
        long[] now = {0};
        StringWriter out = new StringWriter();
        ProgressReporter p = new ProgressReporter(new PrintWriter(out, true), false, () -> now[0]);
        now[0] = 1_000_000_000L;
        p.update("tran", 0.2);
        assertEquals("", out.toString(), "nothing in the first seconds");
        now[0] = 4_000_000_000L;
        p.update("tran", 0.5);
        assertTrue(out.toString().contains("tran:  50.0 % done, 4.0 s elapsed, about 4 s left"), out.toString());
        now[0] = 5_000_000_000L;
        p.update("tran", 0.6);
        assertEquals(1, out.toString().lines().count(), "not again within five seconds");
        StringWriter quiet = new StringWriter();
        ProgressReporter q = new ProgressReporter(new PrintWriter(quiet, true), true, () -> now[0]);
        now[0] = 20_000_000_000L;
        q.update("tran", 0.9);
        assertEquals("", quiet.toString());
    }

    @Test
    void aResumedRunEstimatesFromThisProcesssWorkOnly() {
        long[] now = {0};
        StringWriter out = new StringWriter();
        ProgressReporter p = new ProgressReporter(new PrintWriter(out, true), false, () -> now[0]);
        p.resumedAt(0.5);
        now[0] = 4_000_000_000L;
        p.update("stdp mnist", 0.6);
        // 10 % in 4 s: 40 % more takes 16 s (not 4 s x 0.4 / 0.6)
        assertTrue(out.toString().contains("stdp mnist:  60.0 % done, 4.0 s elapsed, about 16 s left"), out.toString());
    }
}
