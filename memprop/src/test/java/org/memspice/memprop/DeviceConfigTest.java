package org.memspice.memprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memspice.memprop.net.DeviceConfig;

/** MEMprop's devices are read below the voltage that would move their state, or refused by name. */
class DeviceConfigTest {
    @Test
    void theReadLimitSitsInsideTheQuietWindow() {
        DeviceConfig yak = DeviceConfig.resolve("yakopcic", Map.of(), null, 0.3, 1, 100, DeviceConfig.Update.STATE_AWARE, 0, 0, 4, 0.01);
        assertEquals(0.9 * 0.15, yak.readLimit(), 1e-5);
        assertEquals(yak.readLimit(), yak.readVoltage(), 0);
        DeviceConfig vteam = DeviceConfig.resolve("vteam", Map.of(), 0.01, 0.3, 1, 100, DeviceConfig.Update.STATE_AWARE, 0, 0, 4, 0.01);
        assertEquals(0.018, vteam.readLimit(), 1e-6);
        assertEquals(0.01, vteam.readVoltage(), 0);
    }

    @Test
    void aDisturbingReadOrAVolatileDeviceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceConfig.resolve("vteam", Map.of(), 0.1, 0.3, 1, 100, DeviceConfig.Update.STATE_AWARE, 0, 0, 4, 0.01));
        assertTrue(e.getMessage().contains("--read-voltage 0.1") && e.getMessage().contains("0.018"), e.getMessage());
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
                () -> DeviceConfig.resolve("threshold", Map.of(), null, 0.3, 1, 100, DeviceConfig.Update.STATE_AWARE, 0, 0, 4, 0.01));
        assertTrue(v.getMessage().contains("volatile"), v.getMessage());
    }
}
