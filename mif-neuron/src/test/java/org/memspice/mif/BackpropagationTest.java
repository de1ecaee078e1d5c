package org.memspice.mif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Backpropagation through time with the stepped model's tape: adjoints carried backwards through
 * hundreds of steps by {@link MifTape#vjp} equal central finite differences of the forward
 * simulation, for an input spike's strength and for external currents.
 */
class BackpropagationTest {
    private final MifParameters p = MifParameters.prototype();

    /** Loss: the membrane voltage summed over the steps, after an input of peak q. */
    private double spikeLoss(double q, int steps, double h, MifTape tape) {
        MifNeuronBatch b = new MifNeuronBatch(p, 1);
        b.spike(0, q);
        double sum = 0;
        for (int s = 0; s < steps; s++) {
            b.step(h, null, null, tape, s);
            sum += b.v[0];
        }
        return sum;
    }

    @Test
    void adjointsThroughTheTapeGiveTheGradientOfTheInputStrength() {
        int steps = 800;
        double h = 10e-6;
        double q = 20e-6;
        MifTape tape = new MifTape(1, steps);
        spikeLoss(q, steps, h, tape);
        double[] lv = new double[1];
        double[] lx1 = new double[1];
        double[] lx2 = new double[1];
        double[] la = new double[1];
        double[] li = new double[1];
        for (int s = steps - 1; s >= 0; s--) {
            lv[0] += 1; // the loss adds v after step s
            tape.vjp(s, p.synapseTau(), lv, lx1, lx2, la, li, null, null, 0, 1);
        }
        double gradient = Math.E * la[0]; // the input adds e·q to a
        double dq = 1e-9;
        double fd = (spikeLoss(q + dq, steps, h, null) - spikeLoss(q - dq, steps, h, null)) / (2 * dq);
        System.out.printf("MIF BPTT over %d steps: dL/dq %.6e by adjoints, %.6e by finite differences%n", steps, gradient, fd);
        assertTrue(Math.abs(fd) > 1, "the loss depends on the input: " + fd);
        assertEquals(fd, gradient, 1e-4 * Math.abs(fd));
    }

    /**
     * Two neurons under external currents that change every step (a ramp into a spike and a
     * negative current), 100 steps of 0.1 ms; the loss weighs v after every step.
     */
    private double currentLoss(double[][] current, int steps, double h, MifTape tape) {
        MifNeuronBatch b = new MifNeuronBatch(p, 2, MifNeuronBatch.Threads.SINGLE);
        double sum = 0;
        for (int s = 0; s < steps; s++) {
            b.step(h, current[s], current[s + 1], tape, s);
            sum += (1 + 0.01 * s) * (b.v[0] + 2 * b.v[1]);
        }
        return sum;
    }

    @Test
    void adjointsGiveTheGradientOfEveryExternalCurrentSample() {
        int steps = 100;
        double h = 100e-6;
        double[][] current = new double[steps + 1][2];
        for (int s = 0; s <= steps; s++) {
            current[s][0] = s < 30 ? 1e-6 * s : 5e-6 * Math.exp(-(s - 30) / 20.0);
            current[s][1] = -2e-6 + 1e-7 * s;
        }
        MifTape tape = new MifTape(2, steps);
        currentLoss(current, steps, h, tape);
        double[] lv = new double[2];
        double[] lx1 = new double[2];
        double[] lx2 = new double[2];
        double[] gStart = new double[2];
        double[] gEnd = new double[2];
        double[][] grad = new double[steps + 1][2];
        for (int s = steps - 1; s >= 0; s--) {
            lv[0] += 1 + 0.01 * s;
            lv[1] += 2 * (1 + 0.01 * s);
            tape.vjp(s, p.synapseTau(), lv, lx1, lx2, null, null, gStart, gEnd, 0, 2);
            for (int k = 0; k < 2; k++) {
                grad[s][k] += gStart[k];
                grad[s + 1][k] += gEnd[k];
            }
        }
        int checked = 0;
        for (int s : new int[] {0, 10, 29, 30, 31, 55, 100}) {
            for (int k = 0; k < 2; k++) {
                double saved = current[s][k];
                double d = 1e-10;
                current[s][k] = saved + d;
                double plus = currentLoss(current, steps, h, null);
                current[s][k] = saved - d;
                double minus = currentLoss(current, steps, h, null);
                current[s][k] = saved;
                double fd = (plus - minus) / (2 * d);
                assertEquals(fd, grad[s][k], 1e-4 * Math.abs(fd) + 1e-6, "dL/di_ext(step " + s + ", neuron " + k + ")");
                checked++;
            }
        }
        assertEquals(14, checked);
        assertTrue(Math.abs(grad[10][0]) > 1e3, "the loss depends on the current: " + grad[10][0]);
    }

    @Test
    void aStepNewtonCannotTakeWholeIsSplitAndItsSensitivityStaysExact() {
        double h = 1e-3; // the memristors' time constant, over a whole spike's rise: one trapezoid fails
        MifNeuronBatch probe = new MifNeuronBatch(p, 1);
        probe.spike(0, 100e-6);
        MifTape tape = new MifTape(1, 1);
        MifNeuronBatch b = probe.copy();
        b.step(h, new double[] {3e-5}, new double[] {-1e-5}, tape, 0);
        assertTrue(b.splitSteps() > 0, "the step was split");
        for (int col = 0; col < 7; col++) {
            double d = col < 1 ? 1e-7 : col < 3 ? 1e-8 : 1e-10;
            double[] plus = endAfterNudge(probe, h, col, d);
            double[] minus = endAfterNudge(probe, h, col, -d);
            for (int r = 0; r < 3; r++) {
                double fd = (plus[r] - minus[r]) / (2 * d);
                assertEquals(fd, tape.sensitivity(0, 0, r, col), 1e-5 * Math.max(1, Math.abs(fd)), "d z" + r + "/d col " + col);
            }
        }
    }

    private double[] endAfterNudge(MifNeuronBatch start, double h, int col, double d) {
        MifNeuronBatch b = start.copy();
        double[] iS = {3e-5};
        double[] iE = {-1e-5};
        switch (col) {
            case 0 -> b.v[0] += d;
            case 1 -> b.x1[0] += d;
            case 2 -> b.x2[0] += d;
            case 3 -> b.a[0] += d;
            case 4 -> b.i[0] += d;
            case 5 -> iS[0] += d;
            default -> iE[0] += d;
        }
        b.step(h, iS, iE, null, 0);
        return new double[] {b.v[0], b.x1[0], b.x2[0]};
    }

}
