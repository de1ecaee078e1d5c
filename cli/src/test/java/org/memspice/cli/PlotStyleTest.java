package org.memspice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import org.junit.jupiter.api.Test;

/** Plots people read at a glance: engineering tick labels, a perceptually uniform heat-map scale. */
class PlotStyleTest {
    @Test
    void ticksReadInEngineeringNotationWithSiPrefixes() throws Exception {
        assertEquals("50 µs", EngineeringFormat.format(5e-5, "s"));
        assertEquals("2 mA", EngineeringFormat.format(2e-3, "A"));
        assertEquals("-1.5 V", EngineeringFormat.format(-1.5, "V"));
        assertEquals("0 s", EngineeringFormat.format(0, "s"));
        assertEquals("1 kV", EngineeringFormat.format(999.99999, "V"));
        assertEquals("250 nA", EngineeringFormat.format(2.5e-7, "A"));
        assertEquals("750 m", EngineeringFormat.format(0.75, "")); // a state without a unit keeps the prefix
        assertEquals("12", EngineeringFormat.format(12, ""));
        assertEquals(5e-5, new EngineeringFormat("s").parse("50 µs").doubleValue(), 1e-20);
    }

    /** Relative luminance of a colour (ITU-R BT.709 weights on the sRGB channels). */
    private static double luminance(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }

    @Test
    void heatMapColoursGetLighterAlongTheWholeRange() {
        double previous = -1;
        for (int i = 0; i <= 100; i++) {
            double l = luminance(Viridis.at(i / 100.0));
            assertTrue(l > previous, "luminance rises at " + i + " %: " + l);
            previous = l;
        }
        assertEquals(new Color(68, 1, 84), Viridis.at(0));
        assertEquals(new Color(253, 231, 37), Viridis.at(1));
    }
}
