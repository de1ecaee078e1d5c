package org.memspice.devices.programming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModels;

/**
 * Open-loop pulse programming follows the device model: the calibrated number of pulses crosses
 * the conductance range, the tabulated pulse equals direct integration, the change per pulse
 * depends on the state and on the direction, and variation is seeded.
 */
class PulseProgrammerTest {
    private static final double READ = 0.1;

    private static double gAt(MemristorModel m, double x) {
        return m.readConductance(x, READ);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yakopcic", "hp", "vteam", "stanford_pku"})
    void calibratedPulsesCrossTheRangeAndFollowTheModel(String kind) {
        MemristorModel m = MemristorModels.create(kind, Map.of());
        PulseProgrammer p = new PulseProgrammer(m, READ, 1.0, 50);
        double g0 = gAt(m, m.minState());
        double g1 = gAt(m, m.maxState());
        double gMin = Math.min(g0, g1);
        double range = Math.abs(g1 - g0);
        // 50 pulses up from the 2 % state end near 98 %; 50 down from 98 % end near 2 %
        double x = m.stateForReadConductance(gMin + 0.02 * range, READ);
        double up = p.apply(x, 50, 1, 0, null);
        assertEquals(0.98, (gAt(m, up) - gMin) / range, 0.02, kind + ": 50 pulses up");
        double xHigh = m.stateForReadConductance(gMin + 0.98 * range, READ);
        double down = p.apply(xHigh, -50, 1, 0, null);
        assertEquals(0.02, (gAt(m, down) - gMin) / range, 0.02, kind + ": 50 pulses down");
        // the table equals integrating the pulse directly
        PulseIntegrator direct = new PulseIntegrator(m);
        double span = m.maxState() - m.minState();
        for (double f : new double[] {0.13, 0.41, 0.77}) {
            double s = m.minState() + f * span;
            assertEquals(direct.apply(s, p.pulseVoltage(true), p.pulseWidth(true)), p.afterPulse(s, true), 2e-4 * span);
            assertEquals(direct.apply(s, p.pulseVoltage(false), p.pulseWidth(false)), p.afterPulse(s, false), 2e-4 * span);
        }
        // nonlinear: the conductance change of one pulse up differs between 20 % and 80 % of the range
        double lowX = m.stateForReadConductance(gMin + 0.2 * range, READ);
        double highX = m.stateForReadConductance(gMin + 0.8 * range, READ);
        double stepLow = gAt(m, p.afterPulse(lowX, true)) - gAt(m, lowX);
        double stepHigh = gAt(m, p.afterPulse(highX, true)) - gAt(m, highX);
        assertTrue(stepLow > 0 && stepHigh > 0, kind + ": pulses up raise G");
        assertTrue(Math.abs(stepLow / stepHigh - 1) > 0.1, kind + ": state-dependent step " + stepLow + " vs " + stepHigh);
    }

    @Test
    void asymmetricDevicesStepDifferentlyUpAndDown() {
        MemristorModel m = MemristorModels.create("yakopcic", Map.of());
        PulseProgrammer p = new PulseProgrammer(m, READ, 1.0, 100);
        double x = 0.5;
        double up = gAt(m, p.afterPulse(x, true)) - gAt(m, x);
        double down = gAt(m, x) - gAt(m, p.afterPulse(x, false));
        assertTrue(up > 0 && down > 0);
        assertTrue(Math.abs(up / down - 1) > 0.5, "Yakopcic's windows differ up and down: " + up + " vs " + down);
    }

    @Test
    void variationIsSeededAndScalesTheChange() {
        MemristorModel m = MemristorModels.create("hp", Map.of());
        PulseProgrammer p = new PulseProgrammer(m, READ, 1.0, 100);
        double nominal = p.apply(0.4, 3, 1, 0, null) - 0.4;
        assertEquals(0.0, p.apply(0.4, 3, 0, 0, null) - 0.4, 0, "a device that does not switch stays");
        double a = p.apply(0.4, 3, 1, 0.1, new SplittableRandom(7));
        double b = p.apply(0.4, 3, 1, 0.1, new SplittableRandom(7));
        assertEquals(a, b, 0, "same seed, same device history");
        // the mean over many noisy programs is the nominal change
        SplittableRandom r = new SplittableRandom(11);
        double sum = 0;
        int n = 4000;
        for (int k = 0; k < n; k++) {
            sum += p.apply(0.4, 1, 1, 0.2, r) - 0.4;
        }
        assertEquals(p.afterPulse(0.4, true) - 0.4, sum / n, 0.02 * Math.abs(nominal));
        double[] f = new double[10000];
        DeviceSpread.factors(0.05, new SplittableRandom(3), f);
        double mean = 0;
        double sq = 0;
        for (double v : f) {
            mean += v / f.length;
            sq += v * v / f.length;
        }
        assertEquals(1, mean, 0.003);
        assertEquals(0.05, Math.sqrt(sq - mean * mean), 0.003);
    }

    @Test
    void aPulseBelowThresholdIsRefusedByName() {
        MemristorModel m = MemristorModels.create("yakopcic", Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PulseProgrammer(m, READ, 0.1, 100));
        assertTrue(e.getMessage().contains("yakopcic") && e.getMessage().contains("threshold"), e.getMessage());
    }
}
