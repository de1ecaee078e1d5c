package org.memspice.spice.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.analysis.StepRecorder;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.circuit.Circuit;

/** The adjoint gradient equals central differences of the fixed-step run and, for RC, the analytic derivative. */
class TransientSensitivityTest {
    private static final String RC = "rc\nV1 in 0 PULSE(0 1 0 1n 1n 10 20)\nR1 in out 1k\nC1 out 0 1u\n"
            + ".tran 10u 2m\n";

    static Analysis.Tran tran(Circuit c) {
        return (Analysis.Tran) c.analyses().get(0);
    }

    static List<SensParameter> params(Circuit c, String... names) {
        List<SensParameter> out = new ArrayList<>();
        for (String n : names) {
            out.add(SensParameter.resolve(c, n));
        }
        return out;
    }

    /** Adjoint gradient of objective vs central differences at the recorded steps, each within tol relative. */
    static SensitivityResult checkAgainstFixedSteps(String netlist, String objective, double tol, String... names) {
        return checkAgainstFixedSteps(netlist, objective, tol, TransientSensitivity.DEFAULT_MEMORY, names);
    }

    static SensitivityResult checkAgainstFixedSteps(String netlist, String objective, double tol, long memory,
            String... names) {
        return checkAgainstFixedSteps(netlist, objective, tol, memory, 1e-12, names);
    }

    /**
     * As above; {@code replayTol} is how far (relative) the replay, whose Newton solves are polished
     * to the root, may differ from the run, whose solves stop at Newton's tolerance (nonlinear circuits).
     */
    static SensitivityResult checkAgainstFixedSteps(String netlist, String objective, double tol, long memory,
            double replayTol, String... names) {
        Circuit c = Netlists.circuit(netlist);
        MnaSystem system = new MnaSystem(c);
        Objective obj = Objective.parse(objective, c);
        List<SensParameter> ps = params(c, names);
        SensitivityResult r = TransientSensitivity.compute(system, tran(c), obj, ps, memory);
        List<StepRecorder.Step> steps = FixedStepRun.record(system, tran(c));
        assertEquals(r.steps(), steps.size());
        double replayed = FixedStepRun.objective(system, tran(c), obj, steps);
        assertEquals(r.value(), replayed, replayTol * Math.abs(r.value()) + 1e-300, "replay reproduces the run");
        for (int k = 0; k < ps.size(); k++) {
            double fd = FixedStepRun.centralDifference(system, tran(c), obj, steps, ps.get(k), 1e-5);
            double ad = r.gradient()[k];
            assertTrue(Math.abs(fd - ad) <= tol * Math.max(Math.abs(fd), Math.abs(ad)) + 1e-14 * Math.abs(r.value()),
                    ps.get(k).name() + ": adjoint " + ad + " vs central difference " + fd);
        }
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {".options method=trap", ".options method=gear", ".options maxord=1"})
    void rcFinalValueMatchesFixedStepDifferences(String options) {
        checkAgainstFixedSteps(RC + options + "\n", "v(out)", 1e-6, "r1", "c1");
    }

    @Test
    void rcMatchesTheAnalyticDerivative() {
        String netlist = "rc\nV1 in 0 PULSE(0 1 0 1p 1p 10 20)\nR1 in out 1k\nC1 out 0 1u\n.tran 1u 2m\n"
                + ".options reltol=1e-7 abstol=1e-15 chgtol=1e-20\n";
        SensitivityResult r = checkAgainstFixedSteps(netlist, "v(out)", 1e-6, "r1", "c1");
        double rc = 1e-3;
        double t = 2e-3;
        double e = Math.exp(-t / rc);
        assertEquals(1 - e, r.value(), 1e-5);
        double dR = -e * t / (1e3 * 1e3 * 1e-6);
        double dC = -e * t / (1e3 * 1e-6 * 1e-6);
        assertEquals(dR, r.gradient()[0], 1e-3 * Math.abs(dR));
        assertEquals(dC, r.gradient()[1], 1e-3 * Math.abs(dC));
    }

    @Test
    void measurementsAndExpressions() {
        String netlist = RC + "R2 out 0 3k\n";
        checkAgainstFixedSteps(netlist, "integ(v(out))", 1e-6, "r1", "c1", "r2");
        checkAgainstFixedSteps(netlist, "at(v(out), 0.45m) + integ(v(out), 0.3m, 1.1m) * 1k", 1e-6, "r1", "c1", "r2");
        checkAgainstFixedSteps(netlist, "-log(exp(max(v(out)))/(exp(max(v(out))) + exp(max(v(in))*0.5)))", 1e-6,
                "r1", "c1", "r2");
        checkAgainstFixedSteps(netlist, "i(v1) * min(v(in,out))", 1e-6, "r1", "c1", "r2");
    }

    @Test
    void sourcesControlledSourcesAndInductors() {
        String netlist = "mix\nV1 in 0 PULSE(0 1 0 1n 1n 10 20)\nV2 b 0 0.3\nR1 in a 1k\nL1 a out 10m\nC1 out 0 1u\n"
                + "R2 out b 2k\nE1 e 0 out 0 2\nR3 e f 1k\nG1 f 0 out 0 1m\nR4 f 0 5k\nF1 f 0 V2 0.5\nH1 h 0 V2 100\n"
                + "R5 h 0 1k\nI1 out 0 0.1m\n.tran 10u 2m\n";
        checkAgainstFixedSteps(netlist, "integ(v(f)) + v(out) * 1m + integ(v(h))", 1e-6, "r1", "l1", "c1", "v2", "e1",
                "g1", "f1", "h1", "i1", "r4");
    }

    @Test
    void twoArgumentMaxOfMeasurementsKeepsTheInactiveOne() {
        // the inactive argument of max(a, b) is still a measurement (it was once dropped and read as 0)
        Circuit c = Netlists.circuit(RC);
        MnaSystem s = new MnaSystem(c);
        double early = Sensitivity.compute(s, "at(v(out), 0.4m)", List.of("r1")).value();
        double late = Sensitivity.compute(s, "at(v(out), 1.5m)", List.of("r1")).value();
        assertTrue(early > 0.2 && late > early);
        assertEquals(late, Sensitivity.compute(s, "max(at(v(out), 0.4m), at(v(out), 1.5m))", List.of("r1")).value(), 1e-12);
        assertEquals(late, Sensitivity.compute(s, "max(at(v(out), 1.5m), at(v(out), 0.4m))", List.of("r1")).value(), 1e-12);
        // a saturated sigmoid at every trial value, and a max(0, ·) that is 0 there
        double sig = 1 / (1 + Math.exp(-(late - 0.5) / 0.05));
        assertEquals(sig, Sensitivity.compute(s, "1 / (1 + exp(-(at(v(out), 1.5m) - 0.5) / 0.05))", List.of("r1"))
                .value(), 1e-12);
        assertEquals(late - early, Sensitivity.compute(s, "max(0, at(v(out), 1.5m) - at(v(out), 0.4m))", List.of("r1"))
                .value(), 1e-12);
        checkAgainstFixedSteps(RC, "max(at(v(out), 0.4m), at(v(out), 1.5m)) + max(0, at(v(out), 1.5m) - at(v(out), 0.4m))",
                1e-6, "r1", "c1");
    }

    @Test
    void aPulseSourcesDcValueDoesNotMoveTheOperatingPointStart() {
        // the initial operating point takes the PULSE's t = 0 value: its DC value (0 here, 0.5 given) moves nothing
        String netlist = "rc\nV1 in 0 DC 0.5 PULSE(0.2 1 0.3m 1n 1n 10 20)\nR1 in out 1k\nC1 out 0 1u\n.tran 10u 2m\n";
        SensitivityResult r = checkAgainstFixedSteps(netlist, "integ(v(out)) * 1k + v(out)", 1e-6, "r1", "v1");
        assertEquals(0, r.gradient()[1], 0);
        assertTrue(r.gradient()[0] != 0);
    }

    @Test
    void checkpointingGivesTheSameGradient() {
        SensitivityResult all = checkAgainstFixedSteps(RC, "integ(v(out))", 1e-6, "r1", "c1");
        // room for a few checkpoints only: segments are re-solved from them
        SensitivityResult few = checkAgainstFixedSteps(RC, "integ(v(out))", 1e-6, 2000, "r1", "c1");
        assertTrue(few.recomputedSteps() > 0);
        assertEquals(0, all.recomputedSteps());
        for (int k = 0; k < 2; k++) {
            assertEquals(all.gradient()[k], few.gradient()[k], 1e-12 * Math.abs(all.gradient()[k]));
        }
    }

    @Test
    void badObjectivesAndParametersAreNamed() {
        Circuit c = Netlists.circuit(RC);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Objective.parse("v(nowhere)", c)).getMessage()
                .contains("nowhere"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Objective.parse("i(c1)", c)).getMessage()
                .contains("c1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SensParameter.resolve(c, "r9")).getMessage()
                .contains("r9"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SensParameter.resolve(c, "r1:zz")).getMessage()
                .contains("zz"));
    }
}
