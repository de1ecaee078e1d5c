package org.memspice.spice.elements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.netlist.NetlistException;
import org.memspice.spice.output.Waveforms;

/** Resistors as ngspice has them: models, geometry, temperature, behavioural values. */
class ResistorTest {
    /** Current through a resistor named r1 driven by 1 V. */
    private static double current(String resistorAndModels) {
        return Netlists.op("r\nV1 a 0 1\n" + resistorAndModels + "\n.print i(r1)\n.op\n", "i(r1)");
    }

    @Test
    void modelGivesGeometryOrADefaultResistance() {
        // RSH (L - 2 SHORT) / (W - 2 NARROW) = 100 * (22u - 2u) / (3u - 1u) = 1 kOhm
        assertEquals(1e-3, current("R1 a 0 poly L=22u W=3u\n.model poly R(RSH=100 SHORT=1u NARROW=0.5u)"), 1e-15);
        // no geometry given: the model's R (ngspice's instance default on a model card)
        assertEquals(0.5e-3, current("R1 a 0 rdef\n.model rdef R(R=2k)"), 1e-15);
        // M resistors in parallel, SCALE multiplies the resistance
        assertEquals(4e-3, current("R1 a 0 1k m=8 scale=2"), 1e-15);
        // a zero effective width is an open circuit (ngspice), a negative one an error
        assertEquals(0, current("R1 a 0 poly W=2u\n.model poly R(RSH=100 NARROW=1u)"), 0);
        NetlistException e = assertThrows(NetlistException.class,
                () -> current("R1 a 0 poly W=1u\n.model poly R(RSH=100 NARROW=1u)"));
        assertTrue(e.getMessage().contains("must not be negative"), e.getMessage());
        assertTrue(assertThrows(NetlistException.class, () -> current("R1 a 0 nomodel")).getMessage()
                .contains("unknown parameter 'nomodel'"));
    }

    @Test
    void valueModelAndROrderAsBefore() {
        // the plain number is read in place; a model named like a number still takes precedence
        assertEquals(0.1, current("R1 a 0 5\n.model 5 R(R=10)\n.model other R(R=1)"), 1e-15);
        assertEquals(1e-3, current("R1 a 0 1k"), 1e-15);
        assertEquals(1e-3, current("R1 a 0 1K"), 1e-15);
        // r= after the value replaces it; a value after r= is one value too many
        assertEquals(0.5e-3, current("R1 a 0 1k r=2k"), 1e-15);
        assertEquals("test.cir:3:13: r1: unexpected '1k' (a resistor takes one value and one model)",
                assertThrows(NetlistException.class, () -> current("R1 a 0 r=2k 1k")).getMessage());
        assertEquals("test.cir:3:11: r1: unexpected '2k' (a resistor takes one value and one model)",
                assertThrows(NetlistException.class, () -> current("R1 a 0 1k 2k")).getMessage());
        // a number key of a key=value pair is not a value
        assertEquals("test.cir:3:8: r1: unknown resistor parameter '1k' (known: ac dtemp l m noisy r resistance scale"
                + " tc1 tc2 tce temp w)", assertThrows(NetlistException.class, () -> current("R1 a 0 1k=2")).getMessage());
    }

    @Test
    void temperatureCoefficientsFromInstanceOrModel() {
        // 1k at 27 C with TC1 = 2m, TC2 = 30u at 77 C: factor 1 + 0.1 + 0.075
        assertEquals(1e-3 / 1.175, Netlists.op("t\n.temp 77\nV1 a 0 1\nR1 a 0 1k tc1=2m tc2=30u\n.print i(r1)\n.op\n",
                "i(r1)"), 1e-15);
        // TCE (exponential, per cent per degree) overrides; the model's TNOM sets the reference
        assertEquals(1e-3 / Math.pow(1.01, 0.7 * 40), Netlists.op("t\n.temp 77\nV1 a 0 1\nR1 a 0 rt\n"
                + ".model rt R(R=1k TC1=2m TCE=0.7 TNOM=37)\n.print i(r1)\n.op\n", "i(r1)"), 1e-15);
        // an instance temperature replaces the circuit's
        assertEquals(1e-3 / 1.1, Netlists.op("t\nV1 a 0 1\nR1 a 0 1k tc1=2m temp=77\n.print i(r1)\n.op\n", "i(r1)"),
                1e-15);
    }

    @Test
    void dcTemperatureSweep() {
        Waveforms w = Netlists.run("t\nV1 a 0 1\nR1 a 0 1k tc1=2m\n.print i(r1)\n.dc TEMP -23 77 50\n");
        assertEquals("temp-sweep", w.scaleName());
        double[] t = w.scale();
        double[] i = w.vector("i(r1)");
        for (int k = 0; k < t.length; k++) {
            assertEquals(1e-3 / (1 + 2e-3 * (t[k] - 27)), i[k], 1e-15, "at " + t[k] + " C");
        }
        // temper in a behavioural source follows the sweep
        Waveforms b = Netlists.run("t\nB1 a 0 V=temper\nR1 a 0 1\n.dc TEMP 0 100 50\n");
        assertEquals(100, b.vector("v(a)")[2], 1e-12);
        // and the temperature is back to .temp afterwards
        var results = Netlists.runAll("t\nB1 a 0 V=temper\nR1 a 0 1\n.dc TEMP 0 100 50\n.op\n");
        assertEquals(27, results.get(1).waveforms().vector("v(a)")[0], 1e-12);
    }

    @Test
    void behaviouralResistanceFollowsTheCircuit() {
        // R = V(c) ohm: a 2 V control gives 2 ohm, so 1 V drives 0.5 A
        assertEquals(0.5, Netlists.op("r\nV1 a 0 1\nVc c 0 2\nR1 a 0 r={V(c)}\n.print i(r1)\n.op\n", "i(r1)"), 1e-12);
        // a braced constant is still a plain resistor
        assertEquals(0.25, Netlists.op("r\n.param k=2\nV1 a 0 1\nR1 a 0 {k*2}\n.print i(r1)\n.op\n", "i(r1)"), 1e-12);
    }

    @Test
    void behaviouralSourceTemperatureCoefficients() {
        // ngspice's asrc tc1: the value times 1 + tc1 (T - Tnom)
        assertEquals(100 * 1.1, Netlists.op("b\n.temp 127\nV1 a 0 100\nB1 o 0 V=v(a) tc1=1m\nR1 o 0 1\n.op\n", "v(o)"),
                1e-9);
        Waveforms w = Netlists.run("b\nV1 a 0 3\nB1 a 0 I=v(a)*1m\n.print i(b1)\n.op\n");
        assertEquals(3e-3, w.vector("i(b1)")[0], 1e-15);
    }
}
