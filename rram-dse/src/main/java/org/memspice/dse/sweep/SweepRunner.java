package org.memspice.dse.sweep;

import java.util.List;

/**
 * Runs a sweep's points, skipping those the store already holds and storing each one as soon as
 * it finishes (in whatever order they finish), so an interrupted sweep loses no finished point
 * and a rerun continues where it stopped. {@link LocalSweepRunner} uses a thread pool; the
 * {@code cluster} module's {@code ClusterSweepRunner} the members of a Hazelcast cluster, with
 * the same keyed points and store (and an evaluator that is also {@link java.io.Serializable}).
 * Every back end computes a point the same way, so the table does not depend on the one used.
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
