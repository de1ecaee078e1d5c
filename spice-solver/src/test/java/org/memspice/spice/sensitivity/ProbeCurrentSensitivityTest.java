package org.memspice.spice.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.netlist.CircuitBuilder;
import org.memspice.spice.netlist.NetlistException;

/**
 * Objectives on currents: a source's branch current i(v1), and the probe currents of elements
 * without a branch unknown: a resistor's i(r1), a behavioural resistor's (R with r={expression})
 * and a B current source's i(b1). (A memristor's i(ym1): device-models' MemristorProbeSensitivityTest.)
 */
class ProbeCurrentSensitivityTest {
    @Test
    void dividerCurrentHasTheAnalyticDerivatives() {
        Circuit c = Netlists.circuit("div\nV1 a 0 10\nR1 a b 1k\nR2 b 0 3k\n.op\n");
        MnaSystem s = new MnaSystem(c);
        SensitivityResult r = Sensitivity.compute(s, "i(r2)", List.of("r1", "r2", "v1"));
        assertEquals(10 / 4e3, r.value(), 1e-15);
        assertEquals(-10 / 16e6, r.gradient()[0], 1e-18);
        assertEquals(-10 / 16e6, r.gradient()[1], 1e-18); // the explicit ∂i/∂R2 = −i/R2 included
        assertEquals(1 / 4e3, r.gradient()[2], 1e-15);
        // the source's branch current is the same current, leaving its + terminal negative
        SensitivityResult b = Sensitivity.compute(s, "i(v1)", List.of("r1", "r2"));
        assertEquals(-r.value(), b.value(), 1e-15);
        assertEquals(-r.gradient()[1], b.gradient()[1], 1e-18);
    }

    @Test
    void transientProbeAndBranchCurrentsMatchDifferencesOfTheRun() {
        String net = "rlc\nV1 in 0 PULSE(0 1 0 1u 1u 20u 50u)\nR1 in a 50\nL1 a b 1m\nC1 b 0 100n\nR2 b 0 2k\n"
                + ".tran 0.5u 60u\n.options reltol=1e-6\n";
        TransientSensitivityTest.checkAgainstFixedSteps(net,
                "integ(i(r1)) * 1e4 + max(i(r2)) * 1e3 + at(i(v1), 30u) * 10 + at(i(r2), 40u)^2 * 1e5", 1e-6, "r1",
                "r2", "l1", "c1");
    }

    @Test
    void aCurrentWithoutAProbeIsRefusedByName() {
        Circuit c = Netlists.circuit("rc\nV1 a 0 1\nR1 a b 1k\nC1 b 0 1n\n.op\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Objective.parse("i(c1)", c));
        assertTrue(e.getMessage().contains("c1 has no branch current and no probe current"), e.getMessage());
    }

    /**
     * A divider through a behavioural resistor R2 (its resistance a function of V(b), its constant
     * rk a .param) and a B current source B1 (tanh of V(b,c) with the .param k inside, plus a term in
     * V(a)), at the tightened tolerances of the reference sensitivity tests. The .params reach the
     * probe currents explicitly, through the expressions' constants.
     */
    private static final String BEHAVIOURAL = "probes\n.param k=3 rk=500\nR1 a b 1k\nR2 b 0 r={rk + 200*V(b)*V(b)}\n"
            + "B1 b c I=3e-4*tanh(k*v(b,c)) + 1e-4*v(a)\nR3 c 0 2k\n"
            + ".options reltol=1e-6 abstol=1e-15 vntol=1e-9\n";

    private static Circuit build(String netlist, String param, double value) {
        return new CircuitBuilder(ElementRegistry.loadDefault()).overrideParameter(param, value).build(netlist,
                Path.of("test.cir"));
    }

    private static double dcValue(Circuit c, String objective) {
        return DcSensitivity.compute(new MnaSystem(c), Objective.parse(objective, c), List.of()).value();
    }

    @Test
    void dcBehaviouralProbesMatchDifferencesOfReSolves() {
        String net = BEHAVIOURAL + "V1 a 0 2\n.op\n";
        String objective = "i(r2) * 1e3 + i(b1)^2 * 1e6 + i(r1) * i(b1) * 1e6";
        SensParameter.Rebuild rebuild = (name, value) -> build(net, name, value);
        Circuit c = Netlists.circuit(net);
        MnaSystem s = new MnaSystem(c);
        // the currents are the printed ones, in their direction: what R1 brings to b leaves by R2 and B1
        // (printed: the value of Newton's last load, within its reltol of the expression at the solution)
        SensitivityResult kcl = DcSensitivity.compute(s, Objective.parse("i(r1) - i(r2) - i(b1)", c), List.of());
        double ir1 = DcSensitivity.compute(s, Objective.parse("i(r1)", c), List.of()).value();
        assertEquals(0, kcl.value(), 1e-9 * Math.abs(ir1));
        assertEquals(Netlists.op(net + ".print i(r2) i(b1)\n", "i(r2)"),
                DcSensitivity.compute(s, Objective.parse("i(r2)", c), List.of()).value(), 1e-6 * Math.abs(ir1));
        assertEquals(Netlists.op(net + ".print i(r2) i(b1)\n", "i(b1)"),
                DcSensitivity.compute(s, Objective.parse("i(b1)", c), List.of()).value(), 1e-6 * Math.abs(ir1));
        Objective obj = Objective.parse(objective, c);
        String[] names = {"r1", "r3", "v1", "k", "rk"};
        List<SensParameter> ps = new java.util.ArrayList<>();
        for (String n : names) {
            ps.add(SensParameter.resolve(c, n, rebuild));
        }
        SensitivityResult r = DcSensitivity.compute(s, obj, ps);
        for (int k = 0; k < names.length; k++) {
            SensParameter p = ps.get(k);
            double fd;
            if (c.parameters().containsKey(names[k])) {
                double v = p.value();
                double h = 1e-5 * Math.abs(v);
                fd = (dcValue(build(net, names[k], v + h), objective) - dcValue(build(net, names[k], v - h), objective))
                        / (2 * h);
            } else {
                fd = DerivativeCheckTest.dcDifference(s, obj, p);
            }
            double ad = r.gradient()[k];
            assertTrue(ad != 0 && Math.abs(fd - ad) <= 1e-4 * Math.abs(fd), p.name() + ": direct " + ad
                    + " vs central difference of re-solves " + fd);
        }
    }

    @Test
    void transientBehaviouralProbesMatchDifferencesOfTheRun() {
        // B1's current also reads the time; the measurements at(), integ(), max(), min() and the last value
        String net = BEHAVIOURAL.replace("+ 1e-4*v(a)", "+ 1e-4*v(a)*cos(2*pi*3e4*time)")
                + "V1 a 0 SIN(0.5 2 20k)\nC1 b 0 2n\nC2 c 0 1n\n.tran 0.5u 100u\n";
        ReferenceSensitivityTest.checkWithParams(net,
                "integ(i(r2)) * 1e6 + at(i(b1), 37u) * 1e3 + max(i(r2)) * 1e3 + min(i(b1)) * 1e3 + i(b1)^2 * 1e6", 1e-4,
                1e-6, "r1", "c1", "r3", "c2", "k", "rk");
    }

    @Test
    void unsupportedProbesAreRefusedAtTheCardsLine() {
        String base = "refused\nV1 a 0 SIN(0 1 1k)\nR1 a b 1k\nC1 b 0 1n\nD1 b 0 dm\n.model dm D(IS=1e-14)\n"
                + "B2 b 0 I=1e-9*ddt(v(b))\n.tran 1u 1m\n";
        String[][] cases = {
            {".sens i(c1) r1", "c1 has no branch current and no probe current"},
            {".sens integ(i(d1)) r1", "d1 has no branch current and no probe current"},
            {".sens {at(i(b2), 1m) * 2} r1", "the current of b2 is printed but cannot be differentiated: its expression"
                    + " takes ddt()"},
        };
        for (String[] k : cases) {
            Circuit c = Netlists.circuit(base + k[0] + "\n");
            NetlistException e = assertThrows(NetlistException.class,
                    () -> Sensitivity.run(new MnaSystem(c), c.sensitivities().get(0)));
            assertTrue(e.getMessage().contains("test.cir:9") && e.getMessage().contains(k[1]), e.getMessage());
        }
    }
}
