package org.memspice.memprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memspice.memprop.net.DeviceConfig;
import org.memspice.memprop.net.DevicePairs;
import org.memspice.memprop.net.Shape;
import org.memspice.memprop.net.DenseSynapse;

/**
 * Memristor pairs hold bounded weights and take updates through the device model: with
 * state-aware pulse counts the realized change is the wanted one on average; open-loop counts
 * give the model's raw, asymmetric response.
 */
class DevicePairsTest {
    private static DevicePairs pairs(DeviceConfig.Update update, int weights) {
        DenseSynapse s = new DenseSynapse(new Shape(weights, 1, 1), 1);
        DeviceConfig dev = DeviceConfig.resolve("yakopcic", Map.of(), null, 0.3, 1.0, 1000, update, 0, 0, 4, 0.01);
        return new DevicePairs(s, dev, 1e-5, 3);
    }

    /** Mean realized change of many weights after one wanted change d, from zero. */
    private static double meanChange(DeviceConfig.Update update, double d) {
        int n = 2000;
        DevicePairs p = pairs(update, n);
        double[] dw = new double[n];
        java.util.Arrays.fill(dw, d);
        double[] w0 = p.weights().clone();
        p.apply(dw, new double[1], 0);
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += p.weights()[k] - w0[k];
        }
        return sum / n;
    }

    @Test
    void stateAwareUpdatesRealizeTheWantedChangeAndOpenLoopOnesDoNot() {
        double d = 2e-7; // 2 % of the initial bound, about 3 nominal pulses per device
        double up = meanChange(DeviceConfig.Update.STATE_AWARE, d);
        double down = meanChange(DeviceConfig.Update.STATE_AWARE, -d);
        assertEquals(d, up, 0.1 * d, "state-aware, up");
        assertEquals(-d, down, 0.1 * d, "state-aware, down");
        double rawUp = meanChange(DeviceConfig.Update.OPEN_LOOP, d);
        System.out.printf("yakopcic pairs at mid-range, wanted %.3g: state-aware %+.3g / %+.3g, open-loop %+.3g%n", d, up, down,
                rawUp);
        assertTrue(rawUp > 3 * d, "open-loop: Yakopcic's steps at mid-range are several nominal steps: " + rawUp);
    }

    /** Mean conductance of both devices of every pair after cycles of +d and −d. */
    private static double commonModeAfterCycles(DeviceConfig.Update update, double d) {
        int n = 500;
        DevicePairs p = pairs(update, n);
        double[] up = new double[n];
        double[] down = new double[n];
        java.util.Arrays.fill(up, d);
        java.util.Arrays.fill(down, -d);
        for (int c = 0; c < 50; c++) {
            p.apply(up, new double[1], 2 * c);
            p.apply(down, new double[1], 2 * c + 1);
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 0.5 * (p.conductance(k, true) + p.conductance(k, false));
        }
        return (sum / n - p.minConductance()) / (p.maxConductance() - p.minConductance());
    }

    @Test
    void openLoopUpdatesDragBothDevicesDownAndStateAwareOnesDoNot() {
        double aware = commonModeAfterCycles(DeviceConfig.Update.STATE_AWARE, 2e-7);
        double open = commonModeAfterCycles(DeviceConfig.Update.OPEN_LOOP, 2e-7);
        System.out.printf("yakopcic pairs after 50 cycles of +/- updates: mean device at %.1f %% of its range (state-aware),"
                + " %.1f %% (open-loop); both started at 50 %%%n", 100 * aware, 100 * open);
        assertEquals(0.5, aware, 0.03);
        assertTrue(open < 0.4, "open-loop's larger RESET steps pull the devices down: " + open);
    }

    @Test
    void weightsStayWithinTheirPairsRange() {
        DevicePairs p = pairs(DeviceConfig.Update.STATE_AWARE, 10);
        double bound = p.columnGain() * (p.maxConductance() - p.minConductance());
        double[] dw = new double[10];
        java.util.Arrays.fill(dw, 1e-3); // far beyond the range
        for (int k = 0; k < 20; k++) {
            p.apply(dw, new double[1], k);
        }
        for (double w : p.weights()) {
            assertTrue(w <= bound * 1.0000001 && w > 0.9 * bound, "weight " + w + " against the bound " + bound);
        }
        assertTrue(p.blockedPulses() > 0, "the bound stopped pulses");
    }
}
