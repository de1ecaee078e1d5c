package org.memspice.dse.sweep;

import java.util.List;

/**
 * Runs a sweep's points, skipping those the store already holds and storing each one as soon as
 * it finishes, so an interrupted sweep loses no finished point and a rerun continues where it
 * stopped. {@link LocalSweepRunner} uses a thread pool; a cluster back end (issue 17) implements
 * the same contract with the same keyed points and store.
 */
public interface SweepRunner {
    /** What a run reports as it goes. */
    interface Listener {
        /** {@code done} of {@code total} points finished ({@code skipped} of them found in the store). */
        void progress(int done, int total, int skipped, SweepPoint last, PointResult result);
    }

    /** Runs every point not in the store; returns how many were computed now. */
    int run(List<SweepPoint> points, PointEvaluator evaluator, PointStore store, Listener listener);
}
