package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModels;
import org.memspice.devices.memristor.MemristorPoint;
import org.memspice.spice.Netlists;
import org.memspice.spice.output.Waveforms;

/**
 * TEAM as Xyce has it: XSCALING carries the state in scaled units (1e9: nanometres) without
 * changing the circuit, the state starts from 0, and with Kvatinsky's window a steep switching
 * event (ALPHAON 8) converges and may carry the state past XON by at most 5 WC (Xyce has no stop
 * there: its window ends the event a few WC past XON).
 */
class TeamXscalingTest {
    private static Waveforms run(String scaling) {
        return Netlists.run("team through a series resistor\n"
                + "V1 a 0 SIN(0 0.8 2k)\n"
                + "ymemristor m a b tm\n"
                + "R1 b 0 80\n"
                + ".model tm memristor level=2 ron=40 roff=2k kon=-2e-20 koff=3e-18 alphaon=8 alphaoff=8"
                + " ioff=100u ion=-10u wc=1e-12 wt=4 " + scaling + "\n"
                + ".tran 5u 1m\n.print tran v(b) x(m)\n");
    }

    @Test
    void scalingChangesTheStateUnitsOnly() {
        java.util.Map<String, Double> p = new java.util.HashMap<>(java.util.Map.of("alphaon", 8.0, "alphaoff", 8.0,
                "kon", -2e-20, "koff", 3e-18, "ion", -10e-6, "ioff", 100e-6, "wc", 1e-12, "wt", 4.0));
        MemristorModel metres = MemristorModels.create("team", p);
        p.put("xscaling", 1e9);
        MemristorModel nano = MemristorModels.create("team", p);
        assertEquals("nm", nano.stateUnit());
        assertEquals(metres.maxState() * 1e9, nano.maxState(), 1e-9 * nano.maxState());
        assertEquals(metres.minState() * 1e9, nano.minState(), 1e-9 * nano.maxState());
        MemristorPoint a = new MemristorPoint();
        MemristorPoint b = new MemristorPoint();
        for (double v : new double[] {-0.8, -0.05, 0.01, 0.3, 0.9}) {
            for (double x : new double[] {0, 0.4e-9, 1.5e-9, 2.9e-9, 3e-9}) {
                metres.evaluate(v, x, a);
                nano.evaluate(v, x * 1e9, b);
                String at = "v=" + v + " x=" + x;
                assertEquals(a.current, b.current, 1e-12 * Math.abs(a.current), "current " + at);
                assertEquals(a.rate * 1e9, b.rate, 1e-9 * Math.abs(b.rate) + 1e-300, "rate in nm/s " + at);
                assertEquals(a.dCurrentDx / 1e9, b.dCurrentDx, 1e-9 * Math.abs(b.dCurrentDx) + 1e-300, "dI/dx " + at);
            }
        }
    }

    @Test
    void startsFromZeroAndSwitchesInTheCircuit() {
        Waveforms w = run("xscaling=1e9");
        double[] x = w.vector("x(m)");
        assertEquals(0, x[0], 0, "TEAM starts from x = 0 as in Xyce");
        double xmax = 0;
        for (double s : x) {
            xmax = Math.max(xmax, s);
        }
        assertTrue(xmax > 0.1, "the drive switches the device: largest x " + xmax + " nm");
    }

    @Test
    void windowEndsTheResetJustPastXon() {
        Waveforms w = run("xscaling=1e9");
        double[] x = w.vector("x(m)");
        double min = Double.POSITIVE_INFINITY;
        for (double s : x) {
            min = Math.min(min, s);
        }
        // the window factor exp(-exp(-(x - AON)/WC)) is below 1e-64 five WC (here 5e-3 nm) below XON
        assertTrue(min < 0 && min >= -5e-3 * (1 + 1e-12), "lowest state " + min + " nm");
    }

    @Test
    void aStateTooFastForTheMinimumStepIsNamedWithTheTruncationError() {
        // no window: the steep reset (ALPHAON 10) runs into the hard stop at XON, faster than any step
        String net = "steep reset without a window\n"
                + "V1 a 0 SIN(0 1 1k)\n"
                + "ymemristor m1 a b tm x0=3\n"
                + "R1 b 0 50\n"
                + ".model tm memristor level=2 ron=50 roff=1k koff=1.46e-18 kon=-4.68e-22 alphaoff=10 alphaon=10"
                + " ioff=115u ion=-8.9u wt=0 xscaling=1e9\n"
                + ".tran 10u 2m\n";
        org.memspice.spice.analysis.SimulationException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.memspice.spice.analysis.SimulationException.class, () -> Netlists.run(net));
        String m = e.getMessage();
        assertTrue(m.contains("truncation error of m1's state") && m.contains("below the minimum"), m);
        assertTrue(m.matches("(?s).*at t = [0-9.e-]+ s.*"), m);
    }
}
