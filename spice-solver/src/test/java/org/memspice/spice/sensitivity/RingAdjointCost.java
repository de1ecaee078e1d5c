package org.memspice.spice.sensitivity;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.memspice.spice.Netlists;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.analysis.TransientAnalysis;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.circuit.Circuit;

/**
 * The transient adjoint's cost against its forward run on MosfetTransientSensitivityTest's ring to 20 ns
 * (as its ringCostIsPrinted prints it), with 0, 2 and that test's 15 parameters, measured in this thread's
 * CPU time so that a shared machine's other load counts less than in wall-clock time: per round, a forward
 * run alone (the transient as TransientSensitivity runs it, full Newton, without its tape) and the
 * sensitivity runs (forward and adjoint); the adjoint is the lowest sensitivity run less the lowest
 * forward run. A timing main, not a test:
 * {@code java -cp <classes, test classes, dependencies> org.memspice.spice.sensitivity.RingAdjointCost [rounds]}.
 */
public final class RingAdjointCost {
    private RingAdjointCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Circuit c = Netlists.circuit(MosfetTransientSensitivityTest.deck("cmos_ring3.cir").replace(".tran 5p 3n",
                ".tran 5p 20n"));
        MnaSystem system = new MnaSystem(c);
        Objective obj = Objective.parse(MosfetTransientSensitivityTest.RING_OBJECTIVE, c);
        Analysis.Tran spec = TransientSensitivityTest.tran(c);
        String[][] sets = {{}, {"vdd", "x3.cl"}, MosfetTransientSensitivityTest.RING_PARAMETERS};
        for (int warm = 0; warm < 3; warm++) {
            TransientSensitivity.compute(system, spec, obj, TransientSensitivityTest.params(c, sets[2]));
            forward(system, spec, obj);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double forward = Double.POSITIVE_INFINITY;
        double[] total = new double[sets.length];
        java.util.Arrays.fill(total, Double.POSITIVE_INFINITY);
        int steps = 0;
        for (int round = 0; round < rounds; round++) {
            long start = cpu.getCurrentThreadCpuTime();
            forward(system, spec, obj);
            forward = Math.min(forward, (cpu.getCurrentThreadCpuTime() - start) * 1e-9);
            for (int k = 0; k < sets.length; k++) {
                List<SensParameter> ps = TransientSensitivityTest.params(c, sets[k]);
                start = cpu.getCurrentThreadCpuTime();
                SensitivityResult r = TransientSensitivity.compute(system, spec, obj, ps);
                total[k] = Math.min(total[k], (cpu.getCurrentThreadCpuTime() - start) * 1e-9);
                steps = r.steps();
            }
        }
        for (int k = 0; k < sets.length; k++) {
            double adjoint = total[k] - forward;
            System.out.printf("cmos_ring3 to 20 ns, %d steps, %d parameters: CPU forward %.4f s, adjoint %.4f s (%.2fx),"
                    + " lowest of %d rounds%n", steps, sets[k].length, forward, adjoint, adjoint / forward, rounds);
        }
    }

    private static void forward(MnaSystem system, Analysis.Tran spec, Objective obj) {
        TransientAnalysis tran = new TransientAnalysis(system, spec);
        tran.useFullNewton();
        tran.run(List.of(obj.measurements().get(0).vector()));
    }
}
