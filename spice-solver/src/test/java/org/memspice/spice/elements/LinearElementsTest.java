package org.memspice.spice.elements;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.output.Waveforms;

/** Linear elements against hand-computed operating points and closed-form transients. */
class LinearElementsTest {
    @Test
    void dividerAndSourceCurrentSign() {
        String n = "divider\nV1 in 0 DC 10\nR1 in out 3k\nR2 out 0 2k\n.op\n";
        assertEquals(4.0, Netlists.op(n, "v(out)"), 1e-12);
        // SPICE sign: current flows into the + terminal, so a source delivering power reads negative
        assertEquals(-2e-3, Netlists.op(n, "i(v1)"), 1e-15);
    }

    @Test
    void currentSourceDirection() {
        // I1 pushes 1 mA from node 0 through itself into node a
        assertEquals(1.0, Netlists.op("i\nI1 0 a 1m\nR1 a 0 1k\n.op\n", "v(a)"), 1e-12);
    }

    @Test
    void controlledSources() {
        String e = "e\nV1 c 0 2\nE1 o 0 c 0 3\nR1 o 0 1k\n.op\n";
        assertEquals(6.0, Netlists.op(e, "v(o)"), 1e-12);
        String g = "g\nV1 c 0 2\nG1 0 o c 0 1m\nR1 o 0 1k\n.op\n";
        assertEquals(2.0, Netlists.op(g, "v(o)"), 1e-12);
        // F: 5 * I(Vs) with I(Vs) = -1 mA (Vs delivers 1 mA into R)
        String f = "f\nVs a 0 1\nR1 a 0 1k\nF1 0 o Vs 5\nR2 o 0 1k\n.op\n";
        assertEquals(-5.0, Netlists.op(f, "v(o)"), 1e-12);
        String h = "h\nVs a 0 1\nR1 a 0 1k\nH1 o 0 Vs 2k\nR2 o 0 1k\n.op\n";
        assertEquals(-2.0, Netlists.op(h, "v(o)"), 1e-12);
    }

    @Test
    void inductorIsShortAtDc() {
        String n = "l\nV1 a 0 1\nR1 a b 1k\nL1 b 0 1m\n.op\n";
        assertEquals(0.0, Netlists.op(n, "v(b)"), 1e-12);
        assertEquals(1e-3, Netlists.op(n, "i(l1)"), 1e-15);
    }

    @Test
    void rcChargingMatchesExponential() {
        Waveforms w = Netlists.run("rc\nV1 in 0 PULSE(0 1 0 1n 1n 1 2)\nR1 in out 1k\nC1 out 0 1u\n.tran 10u 5m\n");
        double tau = 1e-3;
        for (double t = 0.2e-3; t < 5e-3; t += 0.3e-3) {
            double expected = 1 - Math.exp(-(t - 0.5e-9) / tau);
            assertEquals(expected, w.interpolate("v(out)", t), 2e-3, "t=" + t);
        }
    }

    @Test
    void gearIntegrationAlsoMatches() {
        Waveforms w = Netlists.run("rc\n.options method=gear\nV1 in 0 PULSE(0 1 0 1n 1n 1 2)\nR1 in out 1k\nC1 out 0 1u\n"
                + ".tran 10u 5m\n");
        for (double t = 0.2e-3; t < 5e-3; t += 0.3e-3) {
            assertEquals(1 - Math.exp(-t / 1e-3), w.interpolate("v(out)", t), 2e-3, "t=" + t);
        }
    }

    @Test
    void lcTankKeepsItsEnergyWithTrapezoidalRule() {
        // L = 1 mH, C = 1 uF, initial 1 V on C: v(t) = cos(t / sqrt(LC)); the trapezoidal rule does not damp
        Waveforms w = Netlists.run("lc\nL1 a 0 1m\nC1 a 0 1u IC=1\n.tran 1u 2m uic\n");
        double omega = 1 / Math.sqrt(1e-3 * 1e-6);
        double peakLate = 0;
        for (double t = 1.5e-3; t < 2e-3; t += 1e-6) {
            peakLate = Math.max(peakLate, Math.abs(w.interpolate("v(a)", t)));
        }
        assertEquals(1.0, peakLate, 0.01);
        assertEquals(Math.cos(omega * 1e-3), w.interpolate("v(a)", 1e-3), 0.02);
    }

    @Test
    void coupledInductorsTransformVoltageByTurnsRatio() {
        // L2 = 4 L1, k = 1 (nearly): open-circuit secondary voltage = 2 x primary
        Waveforms w = Netlists.run("xfmr\nV1 in 0 SIN(0 1 10k)\nR0 in p 0.01\nL1 p 0 1m\nL2 s 0 4m\nK1 L1 L2 0.999999\nR2 s 0 1meg\n"
                + ".tran 1u 300u\n");
        double maxP = 0;
        double maxS = 0;
        for (double t = 100e-6; t < 300e-6; t += 1e-6) {
            maxP = Math.max(maxP, Math.abs(w.interpolate("v(p)", t)));
            maxS = Math.max(maxS, Math.abs(w.interpolate("v(s)", t)));
        }
        assertEquals(2.0, maxS / maxP, 0.01);
    }

    @Test
    void nestedDcSweep() {
        Waveforms w = Netlists.run("sweep\nV1 a 0 0\nV2 b 0 0\nR1 a o 1k\nR2 b o 1k\nR3 o 0 1k\n.dc V1 0 3 1 V2 0 1 1\n"
                + ".print dc v(o)\n");
        assertEquals("v-sweep", w.scaleName());
        assertEquals(8, w.rows());
        double[] s = w.scale();
        double[] v2 = w.vector("v-sweep2");
        double[] o = w.vector("v(o)");
        for (int i = 0; i < 8; i++) {
            assertEquals((s[i] + v2[i]) / 3, o[i], 1e-12);
        }
    }

    @Test
    void subcircuitWithParametersAndFunctions() {
        String n = "sub\n.param rtop=1k\n.func half(x) = {x/2}\n"
                + ".subckt div in out params: ra=1k rb=1k\nR1 in out {ra}\nR2 out 0 {rb}\n.ends\n"
                + "V1 a 0 DC {half(8)}\nX1 a m div ra={rtop*3}\nX2 a n div\n.op\n";
        assertEquals(1.0, Netlists.op(n, "v(m)"), 1e-12);
        assertEquals(2.0, Netlists.op(n, "v(n)"), 1e-12);
    }

    @Test
    void internalSubcircuitNodesAreNamedByInstance() {
        String n = "sub\n.subckt two a\nR1 a mid 1k\nR2 mid 0 1k\n.ends\nV1 a 0 2\nX7 a two\n.op\n";
        assertEquals(1.0, Netlists.op(n, "v(x7.mid)"), 1e-12);
    }

    @Test
    void resistorTemperatureCoefficients() {
        // at 77 C, 50 K above tnom: R = 1k (1 + 0.002*50 + 1e-5*2500) = 1125 ohm
        String n = "tc\n.temp 77\nV1 a 0 1\nR1 a 0 1k tc1=0.002 tc2=1e-5\n.op\n";
        assertEquals(-1 / 1125.0, Netlists.op(n, "i(v1)"), 1e-15);
    }
}
