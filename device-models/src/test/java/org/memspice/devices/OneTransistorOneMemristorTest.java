package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.memspice.devices.cell.AccessTransistor;
import org.memspice.devices.cell.OneTransistorOneMemristor;
import org.memspice.spice.Netlists;

/** The compiled 1T1R cell agrees with the general engine's solution of its netlist, and its derivatives with finite differences. */
class OneTransistorOneMemristorTest {
    private final OneTransistorOneMemristor cell = new OneTransistorOneMemristor(AccessTransistor.typical(), "yakopcic", Map.of());

    @ParameterizedTest(name = "wl={0} bl={1} sl={2} x={3}")
    @CsvSource({"1.8, 0.3, 0, 0.5", "0.9, 0.4, 0, 0.9", "1.2, 0.2, 0.05, 0.1", "0.3, 0.4, 0, 0.5", "1.8, -0.3, 0, 0.7"})
    void agreesWithTheCircuitEngine(double wl, double bl, double sl, double x) {
        OneTransistorOneMemristor.OperatingPoint p = cell.solve(wl, bl, sl, x, new OneTransistorOneMemristor.OperatingPoint());
        String netlist = "1t1r\nVwl wl 0 " + wl + "\nVbl bl 0 " + bl + "\nVsl sl 0 " + sl + "\n"
                + cell.netlist("c", "wl", "bl", "sl", x) + ".options reltol=1e-9 vntol=1e-12 abstol=1e-18\n.op\n";
        double engineCurrent = -Netlists.op(netlist, "i(vbl)");
        // the engine adds gmin and the transistor's bulk-junction leakage (about 1e-13 A), which the cell omits
        assertEquals(engineCurrent, p.current, 1e-6 * Math.abs(engineCurrent) + 1e-12, "cell current");
        assertEquals(Netlists.op(netlist, "v(c_m)"), p.internalNode, 1e-6);
    }

    @ParameterizedTest(name = "wl={0} bl={1} x={2}")
    @CsvSource({"1.8, 0.3, 0.5", "1.0, 0.35, 0.3", "0.8, 0.4, 0.8"})
    void partialDerivativesMatchFiniteDifferences(double wl, double bl, double x) {
        OneTransistorOneMemristor.OperatingPoint p = cell.solve(wl, bl, 0, x, new OneTransistorOneMemristor.OperatingPoint());
        OneTransistorOneMemristor.OperatingPoint q = new OneTransistorOneMemristor.OperatingPoint();
        double h = 1e-5;
        double dWl = (cell.solve(wl + h, bl, 0, x, q).current - cell.solve(wl - h, bl, 0, x, q).current) / (2 * h);
        double dBl = (cell.solve(wl, bl + h, 0, x, q).current - cell.solve(wl, bl - h, 0, x, q).current) / (2 * h);
        double dSl = (cell.solve(wl, bl, h, x, q).current - cell.solve(wl, bl, -h, x, q).current) / (2 * h);
        double hx = 1e-4; // a wider step than for voltages: the current moves little with the state
        double dX = (cell.solve(wl, bl, 0, x + hx, q).current - cell.solve(wl, bl, 0, x - hx, q).current) / (2 * hx);
        assertEquals(dWl, p.dCurrentDWordLine, 1e-5 * Math.abs(dWl) + 1e-12);
        assertEquals(dBl, p.dCurrentDBitLine, 1e-5 * Math.abs(dBl) + 1e-12);
        assertEquals(dSl, p.dCurrentDSourceLine, 1e-5 * Math.abs(dSl) + 1e-12);
        assertEquals(dX, p.dCurrentDState, 1e-5 * Math.abs(dX) + 1e-12);
        assertTrue(p.iterations < 50, "Newton converged quickly: " + p.iterations);
    }
}
