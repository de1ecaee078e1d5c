package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memspice.spice.analysis.DcPoint;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.analysis.StepRecorder;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.netlist.CircuitBuilder;
import org.memspice.spice.sensitivity.DerivativeCheck;
import org.memspice.spice.sensitivity.FixedStepRun;
import org.memspice.spice.sensitivity.Objective;
import org.memspice.spice.sensitivity.SensParameter;
import org.memspice.spice.sensitivity.SensitivityResult;
import org.memspice.spice.sensitivity.TransientSensitivity;

/** The memristor's stamps and parameter derivatives, and transient adjoint gradients through memristors. */
class MemristorSensitivityTest {
    private static final ElementRegistry REGISTRY = ElementRegistry.loadDefault();

    static Circuit circuit(String text) {
        return new CircuitBuilder(REGISTRY).build(text, Path.of("test.cir"));
    }

    /** A sine drive through a series resistor into one memristor of the given .model body. */
    static String drive(String model, double amplitude, String x0) {
        return "drive\nV1 in 0 SIN(0 " + amplitude + " 1k)\nR1 in a 100\nYMEMRISTOR ym1 a 0 mm x0=" + x0
                + "\nC1 a 0 10n\n.model mm MEMRISTOR (" + model + ")\n.tran 10u 2m\n.options reltol=1e-5 vntol=1e-12 abstol=1e-16\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"model=yakopcic", "model=threshold", "model=hp wt=2 p=2", "model=stanford_pku",
            "model=vteam wc=0.3e-9"})
    void stampsAndParameterDerivativesMatchDifferences(String model) {
        Circuit c = circuit(drive(model, 0.5, "0.3").replace("x0=0.3", model.contains("stanford") ? "x0=1.0e-9"
                : model.contains("vteam") ? "x0=1.5e-9" : "x0=0.3").replace(".tran", ".op\n.tran"));
        MnaSystem s = new MnaSystem(c);
        double[] x0 = DcPoint.solve(s);
        double[] x = x0.clone();
        for (int i = 1; i < x.length; i++) {
            x[i] += (s.unknowns().vectorName(i).startsWith("x(") ? 1e-3 * Math.abs(x[i]) : 0.21 + 0.01 * i);
        }
        DerivativeCheck check = new DerivativeCheck(s, 1e-5);
        check.dcJacobian(x);
        check.transientJacobian(x0, x, DerivativeCheck.step(1e-4, 1e-5, 1));
        check.stateJacobians(x0, x, 1e-4, 1e-5);
        check.parameters(x0, x, DerivativeCheck.step(1e-4, 1e-5, 1));
        assertEquals(List.of(), check.problems());
    }

    static void adjointMatchesFixedSteps(String netlist, String objective, double tol, String... names) {
        Circuit c = circuit(netlist);
        MnaSystem system = new MnaSystem(c);
        Analysis.Tran tran = (Analysis.Tran) c.analyses().get(0);
        Objective obj = Objective.parse(objective, c);
        List<SensParameter> ps = new ArrayList<>();
        for (String n : names) {
            ps.add(SensParameter.resolve(c, n));
        }
        SensitivityResult r = TransientSensitivity.compute(system, tran, obj, ps);
        List<StepRecorder.Step> steps = FixedStepRun.record(system, tran);
        for (int k = 0; k < ps.size(); k++) {
            double fd = FixedStepRun.centralDifference(system, tran, obj, steps, ps.get(k), 1e-5);
            double ad = r.gradient()[k];
            // the replayed objective carries rounding of about 1e-14 of its value: over a step of 1e-5·p
            // that is 1e-9·|value/p| in the difference
            double noise = 1e-9 * Math.abs(r.value() / ps.get(k).value());
            assertTrue(Math.abs(fd - ad) <= tol * Math.max(Math.abs(fd), Math.abs(ad)) + noise,
                    ps.get(k).name() + ": adjoint " + ad + " vs central difference " + fd);
        }
    }

    @Test
    void yakopcicDriveWithModelParameters() {
        adjointMatchesFixedSteps(drive("model=yakopcic", 0.6, "0.3"), "integ(v(a)) + x(ym1)", 1e-5, "ym1:x0", "mm:ap",
                "mm:vp", "mm:a1", "mm:xn", "r1", "c1");
    }

    @Test
    void thresholdSwitchAndHpWithEachWindow() {
        adjointMatchesFixedSteps(drive("model=threshold", 0.3, "0.05"), "max(v(a)) * 10 + integ(x(ym1))", 1e-5,
                "ym1:x0", "mm:von", "mm:k", "mm:tau", "mm:ron", "r1");
        adjointMatchesFixedSteps(drive("model=hp wt=1 p=1", 1.0, "0.5"), "at(v(a), 0.3m) + integ(v(a))", 1e-5, "ym1:x0", "mm:ron",
                "mm:roff", "mm:uv");
        // the Prodromakis window's scale j
        adjointMatchesFixedSteps(drive("model=hp wt=3 p=1 j=0.9 uv=4e-14", 1.0, "0.5"), "at(v(a), 0.3m) + integ(v(a))", 1e-5,
                "ym1:x0", "mm:ron", "mm:d", "mm:j");
    }

    @Test
    void aStatePinnedAtItsBoundHoldsItsRow() {
        // a strong drive that takes the state to 1 and holds it there for part of the run
        adjointMatchesFixedSteps(drive("model=hp wt=0", 3.0, "0.9"), "at(v(a), 0.6m) + 0.1 * at(v(a), 1m)", 1e-5, "ym1:x0", "mm:ron",
                "mm:roff", "r1");
    }

    /** The drive started from the initial conditions: the state at x0, C1 at its IC= (not the operating point). */
    static String uic(String netlist, String capacitorIc) {
        return netlist.replace(".tran 10u 2m", ".tran 10u 2m uic").replace("C1 a 0 10n", "C1 a 0 10n IC=" + capacitorIc);
    }

    @Test
    void uicStartsFromX0AndTheCapacitorsIc() {
        adjointMatchesFixedSteps(uic(drive("model=yakopcic", 0.6, "0.3"), "0.2"),
                "integ(v(a)) * 1e3 + x(ym1) + max(x(ym1)) + min(v(a))", 1e-5, "ym1:x0", "mm:ap", "mm:vp", "mm:a1",
                "mm:xn", "r1", "c1", "c1:ic");
        adjointMatchesFixedSteps(uic(drive("model=hp wt=1 p=1", 1.0, "0.5"), "-0.1"),
                "at(v(a), 0.3m) + integ(x(ym1)) * 1e3 + min(x(ym1))", 1e-5, "ym1:x0", "mm:ron", "mm:roff", "mm:uv",
                "c1:ic");
        // a state driven to its bound and held there for part of the run
        adjointMatchesFixedSteps(uic(drive("model=hp wt=0", 3.0, "0.9"), "0"), "at(v(a), 0.6m) + 0.1 * at(v(a), 1m)",
                1e-5, "ym1:x0", "mm:ron", "mm:roff", "r1");
    }

    @Test
    void discreteAndUnknownParametersAreNamed() {
        Circuit c = circuit(drive("model=hp wt=1", 0.5, "0.3"));
        String msg = assertThrows(IllegalArgumentException.class, () -> SensParameter.resolve(c, "ym1:wt")).getMessage();
        assertTrue(msg.contains("wt") && msg.contains("discrete"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> SensParameter.resolve(c, "mm:zz")).getMessage();
        assertTrue(msg.contains("zz") && msg.contains("ron"), msg);
        assertTrue(SensParameter.resolve(c, "mm:ron").targets().size() == 1);
    }
}
