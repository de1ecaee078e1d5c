package org.memspice.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The STDP window is an output of the waveform simulation: pre-before-post potentiates,
 * post-before-pre depresses, and far-apart spikes change nothing beyond their lone effects.
 */
class WindowTest {
    private final SynapseSettings s = SynapseSettings.defaults().withStep(1e-5);
    private final WaveformSynapse w = new WaveformSynapse(s);
    private final double[] x0 = {0.2, 0.5, 0.8};

    @Test
    void causalPairsPotentiateAndAntiCausalPairsDepress() {
        double[] post = w.single(false, x0);
        double[] pre = w.single(true, x0);
        double[] causal = w.pair(7e-3, x0);
        double[] anti = w.pair(-7e-3, x0);
        for (int q = 0; q < x0.length; q++) {
            double ltp = causal[q] - post[q] - pre[q];
            double ltd = anti[q] - post[q] - pre[q];
            System.out.printf("x0 %.1f: lone pre %+.2e, lone post %+.2e, pair +7 ms %+.4f, pair -7 ms %+.4f%n", x0[q], pre[q],
                    post[q], ltp, ltd);
            assertTrue(ltp > 1e-3, "pre 7 ms before post potentiates at x0 = " + x0[q] + ": " + ltp);
            assertTrue(ltd < -1e-3, "post 7 ms before pre depresses at x0 = " + x0[q] + ": " + ltd);
            assertTrue(causal[q] > 0, "the pair's whole change is up");
            assertTrue(anti[q] < 0, "the pair's whole change is down");
        }
    }

    @Test
    void farApartSpikesOnlyAddTheirLoneEffects() {
        double[] post = w.single(false, x0);
        double[] pre = w.single(true, x0);
        for (double dt : new double[] {-40e-3, -30e-3, 30e-3, 45e-3}) {
            double[] d = w.pair(dt, x0);
            for (int q = 0; q < x0.length; q++) {
                assertEquals(pre[q] + post[q], d[q], 1e-9, "spikes " + dt + " s apart interact");
            }
        }
        for (int q = 0; q < x0.length; q++) {
            assertEquals(0, pre[q], 0, "a lone row pulse stays below both thresholds");
            assertTrue(post[q] <= 0, "a lone post-synaptic undershoot can only depress");
        }
    }

    @Test
    void theDeviceSitsStillBetweenItsThresholds() {
        DeviceDrift d = new DeviceDrift(s.device(), 1e-6);
        double[] band = d.quietBand();
        assertEquals(0.18, band[0], 1e-3);
        assertEquals(0.12, band[1], 1e-3);
        assertEquals(0.4, d.step(0.4, 0.17, -0.11, 1e-3), 0);
        assertTrue(d.step(0.4, 0.25, 0.25, 1e-4) > 0.4);
        assertTrue(d.step(0.4, -0.2, -0.2, 1e-4) < 0.4);
    }
}
