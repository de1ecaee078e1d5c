package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memspice.devices.memristor.ParameterDerivatives;
import org.memspice.devices.solver.Memristor;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.analysis.StepRecorder;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.netlist.CircuitBuilder;
import org.memspice.spice.netlist.NetlistException;
import org.memspice.spice.sensitivity.DcSensitivity;
import org.memspice.spice.sensitivity.DerivativeCheckTest;
import org.memspice.spice.sensitivity.FixedStepRun;
import org.memspice.spice.sensitivity.Objective;
import org.memspice.spice.sensitivity.SensParameter;
import org.memspice.spice.sensitivity.Sensitivity;
import org.memspice.spice.sensitivity.SensitivityResult;
import org.memspice.spice.sensitivity.TransientSensitivity;

/**
 * A memristor's probe current i(ym1) in sensitivity objectives: I(v, x) through the node voltages,
 * the state x (an unknown) and, explicitly, the model's parameters. DC against central differences
 * of full re-solves; transient against central differences of the run replayed on its recorded
 * steps (every Newton solve polished to the root), reltol=1e-6 abstol=1e-15 vntol=1e-9.
 */
class MemristorProbeSensitivityTest {
    private static final String TIGHT = ".options reltol=1e-6 abstol=1e-15 vntol=1e-9\n";

    /** The sine drive of {@link MemristorSensitivityTest#drive} at the tolerances above. */
    private static String drive(String model, double amplitude, String x0) {
        return MemristorSensitivityTest.drive(model, amplitude, x0).replaceAll("\\.options .*\n", TIGHT);
    }

    /**
     * Adjoint against central differences (relative step 1e-5) of the run replayed on its steps, to
     * {@code tol} relative with no allowance for the replay's rounding: every parameter here moves the
     * objective far above it (HP's mobility uv, whose effect on the weaker drives is 3e-8 of the
     * objective, is checked on the strong one).
     */
    private static void check(String netlist, String objective, double tol, String... names) {
        check(MemristorSensitivityTest.circuit(netlist), objective, tol, names);
    }

    private static void check(Circuit c, String objective, double tol, String... names) {
        MnaSystem system = new MnaSystem(c);
        Analysis.Tran tran = (Analysis.Tran) c.analyses().get(0);
        Objective obj = Objective.parse(objective, c);
        List<SensParameter> ps = new ArrayList<>();
        for (String n : names) {
            ps.add(SensParameter.resolve(c, n));
        }
        SensitivityResult r = TransientSensitivity.compute(system, tran, obj, ps);
        List<StepRecorder.Step> steps = FixedStepRun.record(system, tran);
        assertEquals(r.value(), FixedStepRun.objective(system, tran, obj, steps), 1e-6 * Math.abs(r.value()),
                "the replay reproduces the run");
        for (int k = 0; k < ps.size(); k++) {
            double fd = FixedStepRun.centralDifference(system, tran, obj, steps, ps.get(k), 1e-5);
            double ad = r.gradient()[k];
            assertTrue(ad != 0 && Math.abs(fd - ad) <= tol * Math.abs(fd), ps.get(k).name() + ": adjoint " + ad
                    + " vs central difference " + fd);
        }
    }

    @Test
    void operatingPointCurrentMatchesDifferencesOfReSolves() {
        // two devices of one model: mm:ron sums over both, and i(ym1)'s explicit ∂I/∂ron enters only once
        String net = "op\nV1 in 0 0.8\nR1 in a 2k\nYMEMRISTOR ym1 a 0 mm x0=0.3\nYMEMRISTOR ym2 a b mm x0=0.6\n"
                + "R2 b 0 500\n.model mm MEMRISTOR (model=hp ron=100 roff=16k)\n.op\n" + TIGHT;
        Circuit c = MemristorSensitivityTest.circuit(net);
        MnaSystem s = new MnaSystem(c);
        // the probe current is the printed one: R1's current splits between the two devices
        double[] parts = new double[3];
        String[] vectors = {"i(r1)", "i(ym1)", "i(ym2)"};
        for (int k = 0; k < 3; k++) {
            parts[k] = DcSensitivity.compute(s, Objective.parse(vectors[k], c), List.of()).value();
        }
        assertEquals(parts[0], parts[1] + parts[2], 1e-12 * Math.abs(parts[0]));
        String objective = "i(ym1) * 1e3 + (i(ym2) * 1e3)^2";
        Objective obj = Objective.parse(objective, c);
        List<SensParameter> ps = new ArrayList<>();
        for (String n : new String[] {"ym1:x0", "ym2:x0", "mm:ron", "mm:roff", "ym1:roff", "r1", "r2", "v1"}) {
            ps.add(SensParameter.resolve(c, n));
        }
        SensitivityResult r = DcSensitivity.compute(s, obj, ps);
        for (int k = 0; k < ps.size(); k++) {
            SensParameter p = ps.get(k);
            double fd = DerivativeCheckTest.dcDifference(s, obj, p);
            double ad = r.gradient()[k];
            assertTrue(ad != 0 && Math.abs(fd - ad) <= 1e-4 * Math.abs(fd), p.name() + ": direct " + ad
                    + " vs central difference of re-solves " + fd);
        }
    }

    @Test
    void yakopcicCurrentInEveryMeasurement() {
        check(drive("model=yakopcic", 0.6, "0.3"),
                "integ(i(ym1)) * 1e6 + at(i(ym1), 0.7m) * 1e3 + max(i(ym1)) * 1e3 + min(i(ym1)) * 1e3"
                        + " + i(ym1)^2 * 1e6", 1e-5, "ym1:x0", "mm:ap", "mm:vp", "mm:a1", "mm:b", "mm:xn", "r1", "c1");
    }

    @Test
    void numericalModelDerivativesAndAStatePinnedAtItsBound() {
        // numerical ∂I/∂p and ∂f/∂p (central differences of the model): every built-in model is analytic, so
        // the threshold switch hides its derivatives (YNUMERICAL); HP driven to its bound and held
        Circuit c = new CircuitBuilder(NumericalOnlyModel.registry()).build(drive("model=threshold", 0.3, "0.05")
                .replace("YMEMRISTOR", "YNUMERICAL"), Path.of("test.cir"));
        Memristor device = (Memristor) c.element("ym1");
        assertEquals(List.of("k", "roff", "ron", "tau", "voff", "von"), ParameterDerivatives.numerical(device.model()));
        check(c, "integ(i(ym1)) * 1e6 + max(i(ym1)) * 1e3", 1e-5, "ym1:x0", "ym1:von", "ym1:k", "ym1:tau", "ym1:ron",
                "ym1:roff", "r1");
        check(drive("model=hp wt=0", 3.0, "0.9"),
                "at(i(ym1), 0.6m) * 1e3 + integ(i(ym1)) * 1e6", 1e-5, "ym1:x0", "mm:ron", "mm:roff", "mm:uv", "r1");
    }

    @Test
    void uicStartFromX0() {
        check(MemristorSensitivityTest.uic(
                drive("model=hp wt=1 p=1", 1.0, "0.5"), "-0.1"), "integ(i(ym1)) * 1e6 + at(i(ym1), 0) * 1e3", 1e-5,
                "ym1:x0", "mm:ron", "mm:roff", "c1:ic", "c1");
    }

    @Test
    void aStochasticSwitchsCurrentIsRefusedAtTheCardsLine() {
        Circuit c = MemristorSensitivityTest.circuit("cb\nV1 in 0 SIN(0 1.4 1k)\nR1 in a 100\nYMEMRISTOR ym1 a 0 cb\n"
                + ".model cb MEMRISTOR (model=cbram seed=1)\n.tran 10u 1m\n.sens integ(i(ym1)) r1\n");
        NetlistException e = assertThrows(NetlistException.class,
                () -> Sensitivity.run(new MnaSystem(c), c.sensitivities().get(0)));
        assertTrue(e.getMessage().contains("test.cir:7") && e.getMessage().contains("i(ym1)")
                && e.getMessage().contains("cannot be differentiated"), e.getMessage());
    }
}
