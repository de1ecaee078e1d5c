package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.memspice.devices.stochastic.StochasticCbram;

/** The SET law fitted to switching counts, a device's parameters scaled, and the expected pulse energy against sampled switching times. */
class CbramLawFitTest {
    private final StochasticCbram nominal = new StochasticCbram(Map.of());

    @Test
    void theFitRecoversTau0AndV0FromCounts() {
        StochasticCbram device = nominal.scaled(1.3, 0.85, 1, 1);
        double width = 1e-6;
        double[] v = new double[12];
        int[] counts = new int[12];
        int trials = 20000;
        SplittableRandom r = new SplittableRandom(4);
        for (int k = 0; k < v.length; k++) {
            v[k] = 1.5 + 0.05 * k;
            for (int t = 0; t < trials; t++) {
                counts[k] += device.applyPulse(false, v[k], width, r) ? 1 : 0;
            }
        }
        StochasticCbram fit = nominal.fitSet(v, width, counts, trials);
        assertEquals(device.v0(), fit.v0(), 0.01 * device.v0());
        for (double p : new double[] {0.1, 0.5, 0.9}) {
            double a = fit.amplitudeForProbability(p, width);
            assertEquals(p, device.switchingProbability(false, a, width), 0.01, "p=" + p);
        }
        assertThrows(IllegalArgumentException.class, () -> nominal.fitSet(new double[] {1, 2}, width, new int[] {0, 10}, 10));
    }

    @Test
    void expectedPulseEnergyMatchesSampledSwitchingTimes() {
        double v = 2.1;
        double w = 1e-6;
        double tau = nominal.meanWaitingTime(v);
        SplittableRandom r = new SplittableRandom(2);
        int n = 200_000;
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double t = -tau * Math.log(1 - r.nextDouble());
            double before = Math.min(t, w);
            sum += v * v * (before * nominal.conductance(false) + (w - before) * nominal.conductance(true));
        }
        double expected = nominal.expectedPulseEnergy(false, v, w);
        assertEquals(sum / n, expected, 0.01 * expected);
        assertEquals(v * v / nominal.roff() * w, nominal.expectedPulseEnergy(false, -v, w), 1e-25, "a pulse that cannot switch");
    }
}
