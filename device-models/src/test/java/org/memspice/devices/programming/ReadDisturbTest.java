package org.memspice.devices.programming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModels;

/** The quiet voltage is a threshold model's threshold, a drifting model's tolerance point, and 0 for a volatile one. */
class ReadDisturbTest {
    @Test
    void thresholdModelsAreQuietUpToTheirThresholds() {
        MemristorModel yak = MemristorModels.create("yakopcic", Map.of());
        assertEquals(0.16, ReadDisturb.quietVoltage(yak, 1, 0.01, 1e-4), 1e-5);
        assertEquals(0.15, ReadDisturb.quietVoltage(yak, -1, 0.01, 1e-4), 1e-5);
        MemristorModel vteam = MemristorModels.create("vteam", Map.of());
        assertEquals(0.02, ReadDisturb.quietVoltage(vteam, 1, 0.01, 1e-4), 1e-6);
        assertEquals(0.2, ReadDisturb.quietVoltage(vteam, -1, 0.01, 1e-4), 1e-4, "just past VON the power-law rate is still within tolerance");
    }

    @Test
    void aModelWithoutThresholdIsQuietWhereItsDriftMeetsTheTolerance() {
        MemristorModel hp = MemristorModels.create("hp", Map.of());
        double v = ReadDisturb.quietVoltage(hp, 1, 0.01, 1e-4);
        assertTrue(v > 1e-4 && v < 0.1, "HP quiet voltage " + v);
        assertFalse(ReadDisturb.disturbs(hp, 0.99 * v, 0.01, 1e-4));
        assertTrue(ReadDisturb.disturbs(hp, 1.01 * v, 0.01, 1e-4));
        // twice as long a read halves the quiet voltage of a device whose drift is linear in V
        assertEquals(v / 2, ReadDisturb.quietVoltage(hp, 1, 0.02, 1e-4), 0.01 * v);
    }

    @Test
    void aVolatileDeviceIsNeverQuiet() {
        assertEquals(0, ReadDisturb.quietVoltage(MemristorModels.create("threshold", Map.of()), 1, 0.01, 1e-4));
    }
}
