package org.memspice.spice.elements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.netlist.NetlistException;
import org.memspice.spice.output.Waveforms;

/** B sources and the value= forms of E and G in circuits. */
class BehavioralSourceTest {
    @Test
    void nonlinearCurrentSourceSolvesByNewton() {
        // I = 1e-3 * V(a)^2 from a to ground, fed by 1 mA through... a 1 kOhm from 2 V: (2 - v)/1k = 1e-3 v^2
        double v = Netlists.op("b\nV1 s 0 2\nR1 s a 1k\nB1 a 0 I = 1m * V(a) ^ 2\n.op\n", "v(a)");
        assertEquals((-1 + Math.sqrt(1 + 8)) / 2, v, 1e-9);
    }

    @Test
    void voltageSourceWithTwoNodeVoltageAndBranchCurrent() {
        Waveforms w = Netlists.run("b\nV1 a 0 3\nR1 a 0 1k\nVs c 0 1\nB1 o 0 V = V(a, c) * 2 + I(V1) * 1k\nR2 o 0 1k\n"
                + ".print dc v(o) i(b1)\n.op\n");
        // V(a,c) = 2, I(V1) = -3 mA
        assertEquals(2 * 2 - 3, w.vector("v(o)")[0], 1e-9);
        assertEquals(-1e-3, w.vector("i(b1)")[0], 1e-12); // SPICE sign: into the + terminal
    }

    @Test
    void eAndGValueForms() {
        assertEquals(6.25, Netlists.op("e\nV1 a 0 2.5\nE1 o 0 value={V(a)*V(a)}\nR1 o 0 1k\n.op\n", "v(o)"), 1e-9);
        // G pushes V(a)*1m from node 0 into node o through 1 kOhm
        assertEquals(3.0, Netlists.op("g\nV1 a 0 3\nG1 0 o value = {V(a) * 1m}\nR1 o 0 1k\n.op\n", "v(o)"), 1e-9);
        assertEquals(3.0, Netlists.op("g\nV1 a 0 3\nG1 0 o cur={V(a) * 1m}\nR1 o 0 1k\n.op\n", "v(o)"), 1e-9);
    }

    @Test
    void timeDependentSourceMatchesSinSource() {
        Waveforms w = Netlists.run("t\nB1 a 0 V = 2 * sin(2 * pi * 1k * time)\nR1 a 0 1k\nV2 b 0 SIN(0 2 1k)\nR2 b 0 1k\n"
                + ".tran 1u 2m\n");
        for (double t = 0.1e-3; t < 2e-3; t += 0.13e-3) {
            assertEquals(w.interpolate("v(b)", t), w.interpolate("v(a)", t), 2e-3);
        }
    }

    @Test
    void funcBodiesMayUseCircuitQuantities() {
        double v = Netlists.op("f\n.func sq(n) = {n * n}\n.func vin() = {V(a)}\nV1 a 0 3\nB1 o 0 V = sq(vin()) + temper\n"
                + "R1 o 0 1\n.op\n", "v(o)");
        assertEquals(9 + 27, v, 1e-9);
    }

    @Test
    void kinksAndStepsDoNotStallNewton() {
        // a piecewise-linear conductor (slope jumps from 1 mS to 10 mS at 1 V, written with a ternary)
        // plus a u() step in time, swept by a ramp: Newton crosses the kink without stalling
        Waveforms w = Netlists.run("kink\nV1 s 0 PWL(0 0 1m 5)\nR1 s a 100\n"
                + "B1 a 0 I = V(a) > 1 ? 1m + (V(a) - 1) * 10m : V(a) * 1m\n"
                + "B2 a 0 I = 0.1m * u(time - 0.5m) * V(a)\n.tran 1u 1m\n");
        double[] t = w.scale();
        double[] s = new double[t.length];
        double[] a = w.vector("v(a)");
        for (int i = 0; i < t.length; i++) {
            s[i] = 5 * t[i] / 1e-3;
            double extra = t[i] > 0.5e-3 ? 0.1e-3 : 0;
            // KCL at a: (s - a)/100 = I1(a) + extra*a
            double i1 = a[i] > 1 ? 1e-3 + (a[i] - 1) * 10e-3 : a[i] * 1e-3;
            assertEquals((s[i] - a[i]) / 100, i1 + extra * a[i], 1e-9, "KCL at t=" + t[i]);
        }
        assertTrue(a[a.length - 1] > 1, "the kink was crossed");
    }

    @Test
    void infiniteSlopeAtTheStartingPointIsSurvived() {
        assertEquals(2.0, Netlists.op("e\nV1 a 0 4\nE1 o 0 vol='sqrt(V(a))'\nR1 o 0 1k\n.op\n", "v(o)"), 1e-9);
    }

    @Test
    void subcircuitBehaviouralSourcesMapPortsAndParameters() {
        double v = Netlists.op("s\n.subckt sq in out params: k=1\nB1 out 0 V = {k} * V(in) * V(in)\n.ends\n"
                + "V1 a 0 3\nX1 a b sq k=2\nR1 b 0 1k\n.op\n", "v(b)");
        assertEquals(18, v, 1e-9);
    }

    @Test
    void errorsNameLineAndColumn() {
        NetlistException e = assertThrows(NetlistException.class,
                () -> Netlists.circuit("e\nV1 a 0 1\nB1 a 0 I = 2 * foo(V(a))\n.op\n"));
        assertTrue(e.getMessage().startsWith("test.cir:3:16: b1: unknown function 'foo'"), e.getMessage());
        e = assertThrows(NetlistException.class, () -> Netlists.circuit("e\nV1 a 0 1\nB1 a 0 I = V(a) * nope\n.op\n"));
        assertTrue(e.getMessage().startsWith("test.cir:3:19: b1: unknown parameter 'nope'"), e.getMessage());
        e = assertThrows(NetlistException.class, () -> Netlists.circuit("e\nV1 a 0 1\nB1 a 0 I = (V(a) + \n.op\n"));
        assertTrue(e.getMessage().startsWith("test.cir:3:"), e.getMessage());
        e = assertThrows(NetlistException.class, () -> Netlists.circuit("e\nV1 a 0 1\nB1 a 0 X = 1\n.op\n"));
        assertTrue(e.getMessage().contains("expected V=expression or I=expression"), e.getMessage());
        e = assertThrows(NetlistException.class, () -> Netlists.run("e\nV1 a 0 1\nB1 a 0 I = V(ghost)\n.op\n"));
        assertTrue(e.getMessage().startsWith("test.cir:3:") && e.getMessage().contains("V(ghost)"), e.getMessage());
        e = assertThrows(NetlistException.class, () -> Netlists.run("e\nV1 a 0 1\nR1 a 0 1\nB1 a 0 I = I(R1)\n.op\n"));
        assertTrue(e.getMessage().contains("I(r1) needs an element with a branch current"), e.getMessage());
    }

    @Test
    void logarithmOfANodeThatStartsAtZeroStillSolves() {
        // at the all-zero first estimate ln(v(a)) is -infinity; ngspice solves this, so must we
        assertEquals(Math.log(2.7), Netlists.op("ln\nV1 a 0 2.7\nB1 o 0 V=ln(v(a))\nR1 o 0 1k\n.op\n", "v(o)"), 1e-9);
        assertEquals(Math.log10(50), Netlists.op("lg\nV1 a 0 50\nB1 o 0 V=log10(v(a))\nR1 o 0 1k\n.op\n", "v(o)"),
                1e-9);
    }

    @Test
    void ratioOfTwoComputedNodesFromZero() {
        // v(q) = v(s) / v(c) with v(c) = cos(v(x)) is 0/0 at the start of every sweep point search
        Waveforms w = Netlists.run("ratio\nV1 x 0 0\nB1 s 0 V=sin(v(x))\nB2 c 0 V=cos(v(x))\nB3 q 0 V=v(s)/v(c)\n"
                + "R1 q 0 1\n.dc V1 0 1.2 0.3\n");
        double[] x = w.scale();
        double[] q = w.vector("v(q)");
        for (int i = 0; i < x.length; i++) {
            assertEquals(Math.tan(x[i]), q[i], 1e-6, "tan at " + x[i]);
        }
    }

    @Test
    void anExpressionThatStaysUndefinedIsNamedInTheFailure() {
        org.memspice.spice.analysis.ConvergenceException e = assertThrows(
                org.memspice.spice.analysis.ConvergenceException.class,
                () -> Netlists.run("neg\nV2 b 0 -1\nB1 a 0 V=ln(v(b))\nR1 a 0 1k\n.op\n"));
        assertTrue(e.getMessage().contains("device b1 ('ln(v(b))' is NaN at v(b) = -1.000)"), e.getMessage());
    }

    @Test
    void ddtIsNgspicesBackwardDifferenceOfTheTwoPreviousPoints() {
        Waveforms w = Netlists.run("ddt\nV1 in 0 SIN(0 1 1k)\nR1 in c 1k\nC1 c 0 1u\nB1 i 0 V=1u*ddt(v(c))\nR2 i 0 1\n"
                + ".tran 2u 3m\n");
        double[] t = w.scale();
        double[] vc = w.vector("v(c)");
        double[] vi = w.vector("v(i)");
        assertEquals(0, vi[0], 0, "0 at t = 0");
        assertEquals(0, vi[1], 0, "0 at the first step");
        assertEquals(0, vi[2], 0, "0 at the second step");
        for (int n = 3; n < t.length; n++) {
            double slope = 1e-6 * (vc[n - 1] - vc[n - 2]) / (t[n - 1] - t[n - 2]);
            assertEquals(slope, vi[n], 1e-9 * Math.abs(slope) + 1e-15, "one step behind at t=" + t[n]);
        }
        // and so it approximates C dv/dt = the capacitor's current, late by about one step
        for (double at = 0.2e-3; at < 3e-3; at += 0.1e-3) {
            double current = (w.interpolate("v(in)", at) - w.interpolate("v(c)", at)) / 1e3;
            assertEquals(current, w.interpolate("v(i)", at), 2e-2 * 1e-3, "C dv/dt at " + at);
        }
        // an operating point has no time derivative
        assertEquals(0, Netlists.op("ddt\nV1 in 0 1\nB1 i 0 V=ddt(v(in))\nR2 i 0 1\n.op\n", "v(i)"), 0);
    }
}
