package org.memspice.dse.sweep;

import org.memspice.spice.analysis.SimulationException;

/**
 * Computes one point's result. Implementations are deterministic in the point (same point, same
 * result, on any machine and thread) and may be called from several threads at once. One that
 * is also {@link java.io.Serializable} can be sent to the members of a cluster.
 */
public interface PointEvaluator {
    PointResult evaluate(SweepPoint point);

    /**
     * {@code e.evaluate(p)}, with a simulation that cannot finish recorded as the point's failed
     * result (the sweep goes on) instead of thrown. What every sweep runner calls.
     */
    static PointResult run(PointEvaluator e, SweepPoint p) {
        long start = System.nanoTime();
        try {
            return e.evaluate(p);
        } catch (SimulationException x) {
            return PointResult.failed(x.getMessage(), (System.nanoTime() - start) / 1e9);
        }
    }
}
