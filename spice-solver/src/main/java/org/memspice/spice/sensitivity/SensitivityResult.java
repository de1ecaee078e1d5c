package org.memspice.spice.sensitivity;

import java.util.List;

/**
 * The value of an objective and its derivative with respect to each parameter.
 *
 * @param forwardSeconds time of the forward analysis (operating point or transient run)
 * @param sensitivitySeconds time of the sensitivity pass after it (direct solves or the adjoint)
 * @param steps accepted time steps of a transient (0 for an operating point)
 * @param recomputedSteps steps the adjoint re-solved from checkpoints (0 when it kept every point)
 */
public record SensitivityResult(Objective objective, double value, List<SensParameter> parameters, double[] gradient,
        double forwardSeconds, double sensitivitySeconds, int steps, int recomputedSteps) {
    /** p/f·df/dp of parameter k (NaN where the objective is 0). */
    public double normalized(int k) {
        return value == 0 ? Double.NaN : parameters.get(k).value() / value * gradient[k];
    }
}
