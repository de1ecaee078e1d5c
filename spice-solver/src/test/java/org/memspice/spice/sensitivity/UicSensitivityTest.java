package org.memspice.spice.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transient sensitivities of runs that start from the initial conditions ({@code .tran ... uic}):
 * the adjoint closes at x₀ = what the IC=, x0 and .ic write, with the charges at t = 0 taken from
 * the IC= values; against central differences of the run replayed on its recorded steps.
 */
class UicSensitivityTest {
    /** An RC discharging from IC= while a pulse charges it again. */
    private static final String RC = "rc uic\nV1 in 0 PULSE(0 1 0.6m 1n 1n 10 20)\nR1 in out 1k\nC1 out 0 1u IC=0.7\n"
            + "R2 out 0 3k\n.tran 10u 2m uic\n";

    @ParameterizedTest
    @ValueSource(strings = {".options method=trap", ".options method=gear", ".options maxord=1"})
    void rcWithCapacitorIcMatchesFixedStepDifferences(String options) {
        TransientSensitivityTest.checkAgainstFixedSteps(RC + options + "\n",
                "integ(v(out)) * 1k + at(v(out), 0.4m) + max(v(out)) + v(out)", 1e-6, "r1", "c1", "c1:ic", "r2", "v1");
    }

    @Test
    void rcDischargeMatchesTheAnalyticDerivative() {
        // v(t) = IC·exp(−t/RC): dv/dIC = exp(−t/RC), dv/dC = IC·exp(−t/RC)·t/(R·C²)
        String netlist = "rc\nR1 out 0 1k\nC1 out 0 1u IC=0.7\n.tran 1u 2m uic\n"
                + ".options reltol=1e-7 abstol=1e-15 chgtol=1e-20\n";
        SensitivityResult r = TransientSensitivityTest.checkAgainstFixedSteps(netlist, "v(out)", 1e-6, "c1:ic", "c1",
                "r1");
        double e = Math.exp(-2);
        assertEquals(0.7 * e, r.value(), 1e-5);
        assertEquals(e, r.gradient()[0], 1e-3 * e);
        assertEquals(0.7 * e * 2e-3 / (1e3 * 1e-12), r.gradient()[1], 1e-3 * 0.7 * e * 2e3 / 1e-3);
        assertEquals(0.7 * e * 2e-3 / (1e6 * 1e-6), r.gradient()[2], 1e-3 * 0.7 * e * 2e-3 / 1);
    }

    @Test
    void chainedIcsAndIcNodesOverride() {
        // C2's IC is written first, then C1's on top of it (v(a) = 3 at t = 0); .ic v(c) overrides C3's IC=
        // for the node, not for C3's charge (C3·0.5); C4 has no IC= and starts from .ic v(d)
        String netlist = "chain\nC2 b 0 1n IC=2\nC1 a b 1n IC=1\nR1 a 0 1k\nR2 b 0 2k\nR3 a b 5k\nC3 c 0 2n IC=0.5\n"
                + "R4 c a 1k\nC4 d 0 1n\nR5 d b 3k\n.ic v(c)=0.2 v(d)=-0.4\n.tran 10n 8u uic\n";
        TransientSensitivityTest.checkAgainstFixedSteps(netlist,
                "max(v(a)) + integ(v(a)) * 1e6 + at(v(b), 1u) + integ(v(c), 0, 2u) * 1e6 + min(v(d))", 1e-6, "c1:ic",
                "c2:ic", "c3:ic", "c1", "c2", "c3", "c4", "r3", "r4");
    }

    @Test
    void coupledInductorsWithIc() {
        String netlist = "lk\nL1 a 0 1m IC=2m\nL2 b 0 2m IC=-1m\nK1 L1 L2 0.5\nR1 a 0 10\nR2 b 0 20\nC1 a 0 1u IC=0.1\n"
                + "L3 b c 1m\nR3 c 0 5\n.tran 1u 200u uic\n";
        TransientSensitivityTest.checkAgainstFixedSteps(netlist, "integ(v(a)) * 1e4 + integ(v(b)) * 1e4 + i(l1) * 10",
                1e-6, "l1", "l1:ic", "l2", "l2:ic", "l3", "c1:ic", "c1", "r1");
    }

    @Test
    void aParamSettingAnIcIsTheIcsDerivative(@TempDir Path dir) throws Exception {
        Path net = Files.writeString(dir.resolve("rc.cir"), RC.replace("IC=0.7", "IC={v0}").replace("rc uic\n",
                "rc uic\n.param v0=0.7\n"));
        SensitivityResult r = Sensitivity.compute(net, "integ(v(out)) * 1k", List.of("v0", "c1:ic"));
        assertTrue(r.gradient()[1] != 0);
        assertEquals(r.gradient()[1], r.gradient()[0], 1e-9 * Math.abs(r.gradient()[1]));
        Path ic = Files.writeString(dir.resolve("ic.cir"), RC.replace(" IC=0.7", "").replace("rc uic\n",
                "rc uic\n.param v0=0.7\n.ic v(out)={v0}\n"));
        String msg = assertThrows(IllegalArgumentException.class,
                () -> Sensitivity.compute(ic, "v(out)", List.of("v0"))).getMessage();
        assertTrue(msg.contains(".ic") && msg.contains("v0"), msg);
    }
}
