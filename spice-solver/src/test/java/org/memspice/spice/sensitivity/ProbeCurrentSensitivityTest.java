package org.memspice.spice.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.circuit.Circuit;

/** Objectives on currents: a source's branch current i(v1) and a resistor's probe current i(r1). */
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
        assertTrue(e.getMessage().contains("c1 has no branch current and is not a resistor"), e.getMessage());
    }
}
