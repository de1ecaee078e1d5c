package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memspice.devices.programming.ConductanceLevels;

class ConductanceLevelsTest {
    @Test
    void everyConductanceMapsOntoAState() {
        ConductanceLevels l = ConductanceLevels.even(1e-6, 20e-6, 4);
        assertEquals(1e-6, l.nearest(-5), 0);
        assertEquals(20e-6, l.nearest(1), 0);
        assertEquals(7.333333333333333e-6, l.nearest(6e-6), 1e-18);
        for (double g = 0; g < 25e-6; g += 0.37e-6) {
            assertTrue(l.contains(l.nearest(g)), "state of " + g);
        }
        ConductanceLevels list = ConductanceLevels.of(new double[] {5e-6, 1e-6, 2e-6});
        assertEquals(2e-6, list.nearest(3.4e-6), 0);
        assertEquals(5e-6, list.nearest(3.6e-6), 0);
        assertThrows(IllegalArgumentException.class, () -> ConductanceLevels.of(new double[] {1e-6}));
        assertThrows(IllegalArgumentException.class, () -> ConductanceLevels.even(1, 1, 3));
    }
}
