package org.memspice.mif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Backpropagation through time with the stepped model's step Jacobians: the gradient of a loss
 * over a whole spike with respect to the input's strength, chained backwards through 800 steps,
 * equals finite differences of the forward simulation.
 */
class BackpropagationTest {
    private static final double H = 10e-6;
    private static final int STEPS = 800;
    private final MifParameters p = MifParameters.prototype();

    /** Loss: the membrane voltage summed over the steps (its time integral over h), after an input of peak q. */
    private double loss(double q, double[][] jacobians) {
        MifNeuronBatch b = new MifNeuronBatch(p, 1);
        b.spike(0, q);
        double sum = 0;
        for (int s = 0; s < STEPS; s++) {
            b.step(H);
            if (jacobians != null) {
                jacobians[s] = b.stepJacobian(0, H);
            }
            sum += b.v[0];
        }
        return sum;
    }

    @Test
    void chainedStepJacobiansGiveTheGradientOfTheInputStrength() {
        double q = 20e-6;
        double[][] jac = new double[STEPS][];
        loss(q, jac);
        int n = MifNeuronBatch.STATE_SIZE;
        // adjoint: lambda = dL/d(state after step s); the loss adds v after every step
        double[] lambda = new double[n];
        for (int s = STEPS - 1; s >= 0; s--) {
            lambda[0] += 1; // dL/dv after step s
            double[] back = new double[n];
            for (int c = 0; c < n; c++) {
                for (int r = 0; r < n; r++) {
                    back[c] += jac[s][n * r + c] * lambda[r];
                }
            }
            lambda = back; // dL/d(state before step s)
        }
        double gradient = Math.E * lambda[3]; // the input adds e·q to a
        double dq = 1e-9;
        double fd = (loss(q + dq, null) - loss(q - dq, null)) / (2 * dq);
        System.out.printf("MIF BPTT over %d steps: dL/dq %.6e by adjoints, %.6e by finite differences%n", STEPS, gradient,
                fd);
        assertTrue(Math.abs(fd) > 1, "the loss depends on the input: " + fd);
        assertEquals(fd, gradient, 1e-4 * Math.abs(fd));
    }
}
