package org.memspice.mif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.output.Waveforms;

/** The compiled stepped model and the netlist run by the general engine are the same neuron. */
class SteppedVersusNetlistTest {
    private final MifParameters p = MifParameters.prototype();

    private static MifNeuronBatch runStepped(MifParameters p, double[] spikes, double peak, double tstop, double h) {
        MifNeuronBatch b = new MifNeuronBatch(p, 1);
        int next = 0;
        int steps = (int) Math.round(tstop / h);
        for (int s = 0; s < steps; s++) {
            while (next < spikes.length && Math.abs(b.time() - spikes[next]) < h / 2) {
                b.spike(0, peak);
                next++;
            }
            b.step(h);
        }
        return b;
    }

    @Test
    void waveformsAgreeWithinTwoPercentOfTheResponse() {
        double[] spikes = {1e-3, 11e-3, 13e-3, 30e-3};
        double peak = 5e-3;
        Waveforms net = Netlists.run(MifNetlist.driven(p, spikes, peak, 40e-3, 10e-6));
        MifNeuronBatch b = new MifNeuronBatch(p, 1);
        double h = 2e-6;
        int next = 0;
        double maxDiff = 0;
        double amplitude = 0;
        for (int s = 0; s < Math.round(40e-3 / h); s++) {
            while (next < spikes.length && Math.abs(b.time() - spikes[next]) < h / 2) {
                b.spike(0, peak);
                next++;
            }
            b.step(h);
            amplitude = Math.max(amplitude, Math.abs(b.v[0]));
            maxDiff = Math.max(maxDiff, Math.abs(b.v[0] - net.interpolate("v(v)", b.time())));
            assertEquals(net.interpolate("x(xn.m1)", b.time()), b.x1[0], 0.02, "memristor 1 state");
        }
        assertTrue(amplitude > 0.1, "a real response: " + amplitude);
        assertTrue(maxDiff < 0.02 * amplitude, "max difference " + maxDiff + " V of " + amplitude + " V");
    }

    @Test
    void stepJacobianMatchesFiniteDifferences() {
        MifNeuronBatch base = runStepped(p, new double[] {0}, 20e-3, 6e-3, 1e-5);
        double h = 1e-5;
        MifNeuronBatch b = copy(base);
        b.step(h);
        double[] j = b.stepJacobian(0, h);
        double[] delta = {1e-6, 1e-7, 1e-7};
        for (int c = 0; c < 3; c++) {
            MifNeuronBatch plus = copy(base);
            MifNeuronBatch minus = copy(base);
            nudge(plus, c, delta[c]);
            nudge(minus, c, -delta[c]);
            plus.step(h);
            minus.step(h);
            double[] dPlus = {plus.v[0], plus.x1[0], plus.x2[0]};
            double[] dMinus = {minus.v[0], minus.x1[0], minus.x2[0]};
            for (int r = 0; r < 3; r++) {
                double fd = (dPlus[r] - dMinus[r]) / (2 * delta[c]);
                assertEquals(fd, j[3 * r + c], 1e-5 * Math.max(1, Math.abs(fd)), "d state " + r + " / d state " + c);
            }
        }
    }

    private static void nudge(MifNeuronBatch b, int c, double d) {
        if (c == 0) {
            b.v[0] += d;
        } else if (c == 1) {
            b.x1[0] += d;
        } else {
            b.x2[0] += d;
        }
    }

    private MifNeuronBatch copy(MifNeuronBatch src) {
        MifNeuronBatch b = new MifNeuronBatch(p, 1);
        b.v[0] = src.v[0];
        b.x1[0] = src.x1[0];
        b.x2[0] = src.x2[0];
        b.a[0] = src.a[0];
        b.i[0] = src.i[0];
        return b;
    }

    @Test
    void adaptiveStepsAgreeWithFineFixedSteps() {
        MifNeuronBatch fine = runStepped(p, new double[] {0}, 10e-3, 10e-3, 1e-6);
        MifNeuronBatch adaptive = new MifNeuronBatch(p, 1);
        adaptive.spike(0, 10e-3);
        adaptive.advance(10e-3, 1e-5, 1e-6);
        assertEquals(fine.v[0], adaptive.v[0], 1e-4);
        assertEquals(fine.x1[0], adaptive.x1[0], 1e-3);
    }

    @Test
    void batchNeuronsAreIndependent() {
        MifNeuronBatch b = new MifNeuronBatch(p, 3);
        b.spike(1, 5e-3);
        b.spike(2, 10e-3);
        for (int s = 0; s < 500; s++) {
            b.step(1e-5);
        }
        MifNeuronBatch alone = new MifNeuronBatch(p, 1);
        alone.spike(0, 10e-3);
        for (int s = 0; s < 500; s++) {
            alone.step(1e-5);
        }
        assertEquals(alone.v[0], b.v[2], 0, "a neuron in a batch evolves as it does alone");
        assertTrue(Math.abs(b.v[0]) < 1e-4, "without input only the memristors' relaxation moves the membrane");
        assertTrue(b.v[2] > 1.9 * b.v[1] && b.v[2] < 2.1 * b.v[1], "twice the input, about twice the response");
    }
}
