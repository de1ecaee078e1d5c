package org.memspice.mif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memspice.mif.characterize.MifCharacterization;
import org.memspice.mif.characterize.RefractoryCurve;
import org.memspice.mif.characterize.ResponseCurve;
import org.memspice.mif.characterize.SpikeShape;

/** The qualitative physics of the MIF neuron that the networks built on it rely on. */
class MifPhysicsTest {
    private final MifParameters p = MifParameters.prototype();
    private final MifCharacterization c = new MifCharacterization(p, 2e-6, 25e-3);

    @Test
    void restIsAnEquilibriumBetweenTheTwoSources() {
        MifNeuronBatch b = new MifNeuronBatch(p, 1);
        double rest = b.restVoltage();
        assertTrue(rest > p.e1() && rest < p.e2(), "rest " + rest + " lies between E1 and E2");
        b.advance(0.2, 1e-5, 1e-9);
        assertEquals(rest, b.v[0], 1e-9, "200 ms without input stay at rest");
    }

    @Test
    void noSpikeBelowThresholdInputAndResponseRisesWithInput() {
        double[] q = {1e-6, 2e-6, 3e-6, 5e-6, 10e-6, 20e-6, 50e-6, 100e-6};
        ResponseCurve r = c.response(q);
        assertTrue(r.thresholdInput() > 3e-6 && r.thresholdInput() < 5e-6, "threshold input " + r.thresholdInput());
        for (int k = 0; k < q.length; k++) {
            assertEquals(q[k] >= r.thresholdInput(), r.spiked()[k], "spike iff the input reaches threshold, at " + q[k]);
            if (k > 0) {
                assertTrue(r.peak()[k] > r.peak()[k - 1], "peak rises with input at " + q[k]);
                assertTrue(r.latency()[k] < r.latency()[k - 1], "latency falls with input at " + q[k]);
            }
        }
        assertTrue(c.spikeShape(0.99 * r.thresholdInput()).peak() < p.spikeThreshold(), "just below threshold: no spike");
    }

    @Test
    void eachSpikeIsFollowedByAHyperpolarizationUndershootAndRepolarizes() {
        SpikeShape s = c.spikeShape(20e-6);
        assertTrue(s.amplitude() > 0.08, "a spike: " + s.amplitude());
        assertTrue(s.undershoot() > 0.005, "undershoot below rest: " + s.undershoot());
        assertTrue(s.troughTime() > s.peakTime() && s.recoveredTime() > s.troughTime(), "phases in order: " + s);
        // and after every spike of a train
        InputTrain train = InputTrain.regular(1e-3, 20e-3, 8, 20e-6);
        Trace t = SteppedRun.run(p, train, 161e-3, 2e-6);
        double rest = t.v()[0];
        assertEquals(8, t.upwardCrossings(p.spikeThreshold()).length);
        for (int k = 0; k < 8; k++) {
            double from = train.times()[k];
            int peak = t.argMax(from, from + 20e-3);
            assertTrue(t.min(t.time()[peak], from + 20e-3) < rest - 0.005, "undershoot after spike " + k);
            assertEquals(rest, t.v()[t.argMax(from, from + 20e-3) + 9000], 0.0015, "repolarized 18 ms after spike " + k);
        }
    }

    @Test
    void aSecondInputInsideTheRefractoryPeriodGetsAWeakerResponse() {
        RefractoryCurve r = c.refractory(20e-6, new double[] {3e-3, 5e-3, 40e-3});
        assertTrue(r.relative(0) < 0.7, "3 ms after a spike: " + r.relative(0));
        assertTrue(r.relative(1) > r.relative(0) && r.relative(1) < 0.9, "5 ms: " + r.relative(1));
        assertEquals(1, r.relative(2), 0.01, "40 ms later the neuron has recovered");
    }
}
