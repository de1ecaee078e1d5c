package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.memspice.devices.stochastic.StochasticCbram;

/** Switching probability against amplitude and width, and seeded draws against it. */
class StochasticCbramTest {
    private final StochasticCbram cbram = new StochasticCbram(Map.of());

    @Test
    void probabilityRisesWithAmplitudeAndWidth() {
        double last = 0;
        for (double v = 1.0; v <= 3.0; v += 0.25) {
            double p = cbram.switchingProbability(false, v, 1e-6);
            assertTrue(p >= last && p <= 1, "v=" + v);
            last = p;
        }
        assertTrue(last > 0.99, "a 3 V, 1 us pulse almost surely sets");
        assertTrue(cbram.switchingProbability(false, 2.0, 1e-5) > cbram.switchingProbability(false, 2.0, 1e-6));
        assertEquals(0, cbram.switchingProbability(false, -2.0, 1e-6), 0, "a negative pulse cannot set");
        assertEquals(0, cbram.switchingProbability(true, 2.0, 1e-6), 0, "a positive pulse cannot reset");
        // Poisson law: P = 1 - exp(-t / (tau0 exp(-V/V0)))
        assertEquals(-Math.expm1(-1e-6 / Math.exp(-2.2 / 0.156)), cbram.switchingProbability(false, 2.2, 1e-6), 1e-15);
    }

    @Test
    void drawsFollowTheProbabilityAndRepeatWithTheSeed() {
        double v = cbram.amplitudeForProbability(0.3, 1e-6);
        assertEquals(0.3, cbram.switchingProbability(false, v, 1e-6), 1e-12);
        int n = 20000;
        boolean[] a = new boolean[n];
        int switched = cbram.applyPulse(a, n, v, 1e-6, new SplittableRandom(7));
        // binomial(20000, 0.3): standard deviation 65; 5 sigma
        assertEquals(0.3 * n, switched, 5 * Math.sqrt(n * 0.3 * 0.7));
        boolean[] b = new boolean[n];
        cbram.applyPulse(b, n, v, 1e-6, new SplittableRandom(7));
        assertArrayEquals(a, b, "same seed, same outcome");
        boolean[] c = new boolean[n];
        cbram.applyPulse(c, n, v, 1e-6, new SplittableRandom(8));
        assertTrue(!java.util.Arrays.equals(a, c), "another seed, another outcome");
    }
}
