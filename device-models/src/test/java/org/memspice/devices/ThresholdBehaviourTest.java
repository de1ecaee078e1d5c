package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModels;
import org.memspice.devices.memristor.MemristorPoint;

/** Threshold models do not move below threshold; parameter names are checked. */
class ThresholdBehaviourTest {
    private static double rate(MemristorModel m, double v, double x) {
        MemristorPoint p = new MemristorPoint();
        m.evaluate(v, x, p);
        return p.rate;
    }

    @Test
    void vteamStillBetweenItsVoltageThresholds() {
        MemristorModel m = MemristorModels.create("vteam", Map.of());
        for (double v = -0.199; v < 0.02; v += 0.01) {
            assertEquals(0, rate(m, v, 1.5e-9), 0, "v=" + v);
        }
        assertTrue(rate(m, 0.5, 1.5e-9) > 0, "above VOFF the state moves toward XOFF");
        assertTrue(rate(m, -0.5, 1.5e-9) < 0, "below VON the state moves toward XON");
    }

    @Test
    void teamStillBetweenItsCurrentThresholds() {
        MemristorModel m = MemristorModels.create("team", Map.of());
        // at x = 1.5 nm, R = 525 ohm: |v| < 8.9 uA * 525 ohm keeps the current inside both thresholds
        for (double v = -4.6e-3; v < 0.06; v += 1e-3) {
            assertEquals(0, rate(m, v, 1.5e-9), 0, "v=" + v);
        }
        assertTrue(rate(m, 1.0, 1.5e-9) > 0);
        assertTrue(rate(m, -0.1, 1.5e-9) < 0);
    }

    @Test
    void yakopcicStillBelowVpAndVn() {
        MemristorModel m = MemristorModels.create("yakopcic", Map.of());
        for (double v = -0.149; v <= 0.16; v += 0.01) {
            assertEquals(0, rate(m, v, 0.5), 0, "v=" + v);
        }
    }

    @Test
    void volatileSwitchRelaxesWhenTheVoltageIsRemoved() {
        MemristorModel m = MemristorModels.create("threshold", Map.of());
        assertTrue(rate(m, 0, 0.8) < 0, "an on device relaxes off at zero bias");
        assertTrue(rate(m, 0.3, 0.1) > 0, "above Von it turns on");
        // below threshold the equilibrium state stays low; well above it the device is nearly fully on
        assertTrue(rate(m, 0.02, 0.05) < 0, "at 20 mV the state settles below 0.05");
        assertTrue(rate(m, 0.3, 0.9) > 0, "at 300 mV the state settles above 0.9");
    }

    @Test
    void unknownParameterIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemristorModels.create("yakopcic", Map.of("alpahp", 1.0)));
        assertTrue(e.getMessage().contains("no parameter 'alpahp'"), e.getMessage());
    }
}
