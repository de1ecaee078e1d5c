package org.memspice.spice.sensitivity;

import java.util.List;

/**
 * The value of an objective and its derivative with respect to each parameter.
 *
 * @param forwardSeconds time of the forward analysis (operating point or transient run)
 * @param sensitivitySeconds time of the sensitivity pass after it (direct solves or the adjoint)
 * @param steps accepted time steps of a transient (0 for an operating point)
 * @param recomputedSteps steps the adjoint re-solved from checkpoints (0 when it kept every point)
 * @param swept for a {@code .dc} sweep, the swept sources (or {@code temp}), inner first; else empty
 * @param sweep for a {@code .dc} sweep, the value and gradient at every point (value and gradient
 *     above are the last point's); else empty
 */
public record SensitivityResult(Objective objective, double value, List<SensParameter> parameters, double[] gradient,
        double forwardSeconds, double sensitivitySeconds, int steps, int recomputedSteps, List<String> swept,
        List<SweepPoint> sweep) {
    /** One sweep point: the swept values (inner first), the objective and its gradient there. */
    public record SweepPoint(double[] at, double value, double[] gradient) {
    }

    /** A result without a sweep (operating point or transient). */
    public SensitivityResult(Objective objective, double value, List<SensParameter> parameters, double[] gradient,
            double forwardSeconds, double sensitivitySeconds, int steps, int recomputedSteps) {
        this(objective, value, parameters, gradient, forwardSeconds, sensitivitySeconds, steps, recomputedSteps,
                List.of(), List.of());
    }

    /** p/f·df/dp of parameter k (NaN where the objective is 0). */
    public double normalized(int k) {
        return normalized(value, gradient, k);
    }

    /** p/f·df/dp of parameter k at a sweep point. */
    public double normalized(SweepPoint point, int k) {
        return normalized(point.value(), point.gradient(), k);
    }

    private double normalized(double f, double[] g, int k) {
        return f == 0 ? Double.NaN : parameters.get(k).value() / f * g[k];
    }
}
