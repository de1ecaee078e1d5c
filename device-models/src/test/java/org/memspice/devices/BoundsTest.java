package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.netlist.NetlistException;
import org.memspice.spice.output.Waveforms;

/** Hard state bounds hold exactly even with large steps; netlist errors name the model. */
class BoundsTest {
    @Test
    void stateNeverOvershootsItsBoundsAtLargeSteps() {
        // an HP device without a window, driven hard with a 1 ms maximum step: x would run far past 1
        Waveforms w = Netlists.run("hard\nV1 in 0 PWL(0 0 1m 5 20m 5 21m -5 40m -5)\nymemristor m in 0 hp\n"
                + ".model hp memristor (model=hp wt=0 uv=1e-11 x0=0.5)\n.tran 1m 40m 0 1m uic\n");
        double[] x = w.vector("x(m)");
        double max = 0;
        double min = 1;
        for (double s : x) {
            assertTrue(s >= 0 && s <= 1, "x=" + s);
            max = Math.max(max, s);
            min = Math.min(min, s);
        }
        assertEquals(1.0, max, 0, "reaches the upper bound exactly");
        assertEquals(0.0, min, 0, "reaches the lower bound exactly");
    }

    @Test
    void dcAnalysisKeepsTheStateAndSeesTheResistance() {
        // x0 = 0.25: R = 100*0.25 + 16k*0.75 = 12025 ohm
        double i = Netlists.op("dc\nV1 in 0 1\nymemristor m in 0 hp x0=0.25\n.model hp memristor (level=1)\n.op\n", "i(v1)");
        assertEquals(-1 / 12025.0, i, 1e-15);
    }

    @Test
    void modelErrorsNameTheLine() {
        NetlistException e = assertThrows(NetlistException.class, () -> Netlists.circuit(
                "bad\nV1 in 0 1\nymemristor m in 0 mm\n.model mm memristor (model=yakopcic alpahp=2)\n.op\n"));
        assertTrue(e.getMessage().startsWith("test.cir:4: model mm: memristor model yakopcic has no parameter 'alpahp'"),
                e.getMessage());
        e = assertThrows(NetlistException.class, () -> Netlists.circuit(
                "bad\nV1 in 0 1\nymemristor m in 0 mm\n.model mm memristor (level=9)\n.op\n"));
        assertTrue(e.getMessage().contains("no memristor LEVEL=9"), e.getMessage());
        e = assertThrows(NetlistException.class, () -> Netlists.circuit(
                "bad\nV1 in 0 1\nymemristor m in 0 mm x0=2\n.model mm memristor (model=hp)\n.op\n"));
        assertTrue(e.getMessage().contains("x0=2.0 lies outside [0.0, 1.0]"), e.getMessage());
    }
}
