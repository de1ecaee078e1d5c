package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.output.Waveforms;

/** Stanford-PKU cycle-to-cycle gap variation: seeded, repeatable, and it spreads the switched gaps. */
class CycleVariationTest {
    private static final String NET = "c2c\nV1 in 0 SIN(0 1.2 2e3)\nR1 in a 100\nymemristor m a 0 rr\n"
            + ".model rr memristor (model=stanford_pku %s)\n.tran 0.25u 5m uic\n.print tran x(m)\n";

    /** The smallest gap of each SET half period and the largest of each RESET half period. */
    private static double[][] extremes(Waveforms w) {
        double[] t = w.scale();
        double[] g = w.vector("x(m)");
        int cycles = 10;
        double[][] out = new double[2][cycles];
        for (int c = 0; c < cycles; c++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < t.length; k++) {
                double phase = t[k] * 2e3 - c;
                if (phase >= 0 && phase < 0.5) {
                    min = Math.min(min, g[k]);
                } else if (phase >= 0.5 && phase < 1) {
                    max = Math.max(max, g[k]);
                }
            }
            out[0][c] = min;
            out[1][c] = max;
        }
        return out;
    }

    @Test
    void switchedGapsSpreadWithVariationAndRepeatWithTheSeed() {
        double[][] nominal = extremes(Netlists.run(String.format(NET, "")));
        for (double g : nominal[0]) {
            assertEquals(0.2e-9, g, 1e-15, "without variation SET reaches the nominal smallest gap");
        }
        double[][] a = extremes(Netlists.run(String.format(NET, "deltag=0.2 seed=3")));
        double[][] b = extremes(Netlists.run(String.format(NET, "deltag=0.2 seed=3")));
        double[][] c = extremes(Netlists.run(String.format(NET, "deltag=0.2 seed=4")));
        assertArrayEquals(a[0], b[0], 0, "same seed, same gaps");
        assertTrue(!java.util.Arrays.equals(a[0], c[0]), "another seed, other gaps");
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double g : a[0]) {
            lo = Math.min(lo, g);
            hi = Math.max(hi, g);
            assertTrue(g >= 0.2e-9 && g <= 0.3e-9 + 1e-15, "within the model range and 1.5x nominal: " + g);
        }
        assertTrue(hi - lo > 0.01e-9, "the SET gaps vary from cycle to cycle: " + lo + " .. " + hi);
    }
}
