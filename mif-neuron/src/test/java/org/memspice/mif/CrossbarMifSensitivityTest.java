package org.memspice.mif;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.analysis.StepRecorder;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.netlist.CircuitBuilder;
import org.memspice.spice.sensitivity.FixedStepRun;
import org.memspice.spice.sensitivity.Objective;
import org.memspice.spice.sensitivity.SensParameter;
import org.memspice.spice.sensitivity.SensitivityResult;
import org.memspice.spice.sensitivity.TransientSensitivity;

/**
 * A 3x2 memristor crossbar feeding two MIF neurons (the subcircuits of {@link MifNetlist}): the
 * transient adjoint's gradient of a cross-entropy over the neurons' membrane maxima equals central
 * differences of full re-simulations (at the recorded steps, tightened tolerances) to 1e-4.
 */
class CrossbarMifSensitivityTest {
    static String netlist() {
        StringBuilder sb = new StringBuilder("* 3x2 yakopcic crossbar into two MIF neurons\n");
        sb.append(MifNetlist.subcircuits(MifParameters.prototype()));
        double[] amplitude = {0.45, 0.3, 0.5};
        for (int i = 0; i < 3; i++) {
            sb.append(String.format(Locale.ROOT, "V%d r%d 0 PULSE(0 %.3f %.3gm 20u 20u 1.5m 10m)\n", i, i, amplitude[i],
                    0.2 + 0.3 * i));
        }
        double[][] x0 = {{0.3, 0.12}, {0.2, 0.35}, {0.15, 0.25}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                sb.append(String.format(Locale.ROOT, "YMEMRISTOR y%d%d r%d n%d xb x0=%.3f\n", i, j, i, j, x0[i][j]));
            }
        }
        sb.append("Xn0 n0 mif\nXn1 n1 mif\n");
        sb.append(".model xb MEMRISTOR (model=yakopcic a1=2e-3 a2=2e-3 b=0.5 vp=0.4 vn=0.4 ap=50 an=50)\n");
        sb.append(".tran 10u 4m\n.options reltol=1e-5 vntol=1e-12 abstol=1e-15\n");
        return sb.toString();
    }

    @Test
    void crossEntropyOverMembraneMaximaMatchesFiniteDifferences() {
        Circuit c = new CircuitBuilder(ElementRegistry.loadDefault()).build(netlist(), Path.of("xbar.cir"));
        MnaSystem system = new MnaSystem(c);
        Analysis.Tran tran = (Analysis.Tran) c.analyses().get(0);
        String objective = "-log(exp(20*max(v(n0)))/(exp(20*max(v(n0))) + exp(20*max(v(n1)))))"
                + " + 1e3*integ(v(n1))";
        Objective obj = Objective.parse(objective, c);
        List<SensParameter> ps = new ArrayList<>();
        for (String n : List.of("y00:x0", "y01:x0", "y10:x0", "y11:x0", "y20:x0", "y21:x0", "xb:a1", "xb:b", "xb:vp",
                "xn0.m1:x0", "thr:von", "thr:tau", "xn1.cm", "v2")) {
            ps.add(SensParameter.resolve(c, n));
        }
        SensitivityResult r = TransientSensitivity.compute(system, tran, obj, ps);
        List<StepRecorder.Step> steps = FixedStepRun.record(system, tran);
        List<String> bad = new ArrayList<>();
        for (int k = 0; k < ps.size(); k++) {
            double fd = FixedStepRun.centralDifference(system, tran, obj, steps, ps.get(k), 1e-4);
            double ad = r.gradient()[k];
            // a replayed run's objective repeats to about 1e-11 of its value (Newton's last digits over
            // 500 steps); over a step of 1e-4·p that is 1e-7·|value/p| in the difference
            double noise = 1e-7 * Math.abs(r.value() / ps.get(k).value());
            if (!(Math.abs(fd - ad) <= 1e-4 * Math.max(Math.abs(fd), Math.abs(ad)) + noise)) {
                bad.add(ps.get(k).name() + ": adjoint " + ad + ", central difference " + fd);
            }
        }
        assertTrue(bad.isEmpty(), "value " + r.value() + ", " + r.steps() + " steps: " + bad);
    }
}
