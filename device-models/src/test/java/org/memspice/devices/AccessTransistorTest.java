package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memspice.devices.cell.AccessTransistor;
import org.memspice.devices.cell.OneTransistorOneMemristor;

class AccessTransistorTest {
    @Test
    void onConductanceIsTheTriodeSlopeAndSetsTheSmallSignalCellCurrent() {
        AccessTransistor t = AccessTransistor.typical();
        double beta = t.kp() * t.w() / t.l();
        assertEquals(beta * (1.8 - t.vto()), t.onConductance(1.8), 1e-12 * beta);
        assertEquals(0, t.onConductance(0.3), 0);
        // an ohmic memristor in series: at 1 mV the cell passes V/(R_mem + 1/g_on) to 1e-3 relative
        OneTransistorOneMemristor cell = new OneTransistorOneMemristor(t, "hp", Map.of());
        double x = 0.5;
        double gMem = cell.memristor().readConductance(x, 1e-3);
        double series = 1 / (1 / gMem + 1 / t.onConductance(1.8));
        OneTransistorOneMemristor.OperatingPoint op = cell.solve(1.8, 1e-3, 0, x, new OneTransistorOneMemristor.OperatingPoint());
        assertEquals(series * 1e-3, op.current, 1e-3 * series * 1e-3);
    }
}
