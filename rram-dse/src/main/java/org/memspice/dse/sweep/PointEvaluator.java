package org.memspice.dse.sweep;

/**
 * Computes one point's result. Implementations are deterministic in the point (same point, same
 * result, on any machine and thread) and may be called from several threads at once.
 */
public interface PointEvaluator {
    PointResult evaluate(SweepPoint point);
}
