package org.memspice.memprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memspice.memprop.encode.Encoding;
import org.memspice.memprop.encode.SpikeRaster;

/** Input encodings do what they say: rates, first-spike times, gates, seeds and ranges. */
class EncodingTest {
    @Test
    void poissonSpikesAtTheRateOfTheIntensityAndRepeatsWithTheSeed() {
        Encoding e = new Encoding(Encoding.Kind.POISSON, 0.1, 1, 500, 1, 0.1);
        float[] image = {0f, 0.25f, 1f};
        int steps = 20000;
        SpikeRaster r = new SpikeRaster(steps);
        e.spikes(image, 0, 3, steps, 1e-4, 42, r);
        int[] count = new int[3];
        for (int k = 0; k < r.total(); k++) {
            count[r.pixel(k)]++;
        }
        assertEquals(0, count[0], "a black pixel never spikes");
        // expected 0.25*500*2 s = 250 and 1000 spikes; 5 sigma bounds
        assertEquals(250, count[1], 5 * Math.sqrt(250));
        assertEquals(1000, count[2], 5 * Math.sqrt(1000));
        SpikeRaster again = new SpikeRaster(steps);
        e.spikes(image, 0, 3, steps, 1e-4, 42, again);
        assertEquals(r.total(), again.total());
        SpikeRaster other = new SpikeRaster(steps);
        e.spikes(image, 0, 3, steps, 1e-4, 43, other);
        assertTrue(other.total() != r.total() || other.from(500) != r.from(500), "another seed, other spikes");
    }

    @Test
    void latencyCodingFiresBrightPixelsFirstAndDimOnesNever() {
        Encoding e = new Encoding(Encoding.Kind.LATENCY, 0.1, 1, 1000, 0.5, 0.2);
        float[] image = {1f, 0.6f, 0.3f, 0.1f};
        SpikeRaster r = new SpikeRaster(100);
        e.spikes(image, 0, 4, 100, 1e-4, 1, r);
        int[] at = {-1, -1, -1, -1};
        for (int n = 0; n < 100; n++) {
            for (int q = r.from(n); q < r.to(n); q++) {
                assertEquals(-1, at[r.pixel(q)], "one spike per pixel");
                at[r.pixel(q)] = n;
            }
        }
        assertEquals(0, at[0]);
        assertTrue(at[0] < at[1] && at[1] < at[2], "brighter first: " + java.util.Arrays.toString(at));
        assertEquals(Math.round(0.7 * 0.5 * 99), at[2]);
        assertEquals(-1, at[3], "below the threshold: no spike");
    }

    @Test
    void gatedDriveStopsAtItsFractionOfTheRun() {
        Encoding gated = new Encoding(Encoding.Kind.GATED, 0.1, 0.3, 1000, 1, 0.1);
        assertTrue(gated.driven(30, 100));
        assertFalse(gated.driven(31, 100));
        assertTrue(Encoding.direct(0.1).driven(100, 100));
        assertFalse(gated.spiking());
        assertThrows(IllegalArgumentException.class, () -> new Encoding(Encoding.Kind.GATED, 0.1, 0, 1000, 1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Encoding(Encoding.Kind.POISSON, 0.1, 1, Double.NaN, 1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> Encoding.direct(-0.1));
    }
}
