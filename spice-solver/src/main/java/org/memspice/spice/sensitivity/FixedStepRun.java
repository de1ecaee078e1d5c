package org.memspice.spice.sensitivity;

import java.util.ArrayList;
import java.util.List;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.analysis.StepRecorder;
import org.memspice.spice.analysis.TransientAnalysis;
import org.memspice.spice.analysis.TransientStepper;
import org.memspice.spice.circuit.Analysis;

/**
 * A transient run replayed on a recorded step sequence: what the adjoint differentiates. Central
 * differences of {@link #objective} over a parameter (with the steps held) check the adjoint's
 * gradient without the noise a re-chosen step sequence adds. Its solves are polished to the root
 * of the discrete equations ({@link TransientStepper#setPolish}): a Newton iterate stopped at its
 * tolerance has a derivative that differs from the root's by the order of its error.
 */
public final class FixedStepRun {
    private FixedStepRun() {
    }

    /** Runs the transient with its own step control and returns the accepted steps. */
    public static List<StepRecorder.Step> record(MnaSystem system, Analysis.Tran spec) {
        List<StepRecorder.Step> steps = new ArrayList<>();
        TransientAnalysis tran = new TransientAnalysis(system, spec);
        tran.useFullNewton();
        tran.setRecorder(new StepRecorder() {
            @Override
            public void start(double[] x) {
            }

            @Override
            public void accepted(Step step, double[] x) {
                steps.add(step);
            }
        });
        String first = system.unknowns().vectorName(1);
        tran.run(List.of(first));
        return steps;
    }

    /** The objective of the run replayed on {@code steps} with the circuit's present parameters. */
    public static double objective(MnaSystem system, Analysis.Tran spec, Objective objective,
            List<StepRecorder.Step> steps) {
        TransientStepper stepper = new TransientStepper(system, spec);
        stepper.setPolish(true);
        List<Objective.Measurement> ms = objective.measurements();
        int points = steps.size() + 1;
        double[] t = new double[points];
        double[][] y = new double[ms.size()][points];
        double[] x = stepper.start();
        for (int k = 0; k < ms.size(); k++) {
            y[k][0] = ms.get(k).read(x, 0);
        }
        for (int i = 1; i < points; i++) {
            StepRecorder.Step s = steps.get(i - 1);
            stepper.step(s, x);
            t[i] = s.time();
            for (int k = 0; k < ms.size(); k++) {
                y[k][i] = ms.get(k).read(x, t[i]);
            }
        }
        double[] m = new double[ms.size()];
        double[] w = new double[points];
        for (int k = 0; k < m.length; k++) {
            m[k] = TransientSensitivity.measure(ms.get(k), t, y[k], points, w);
        }
        return objective.evaluate(m, new double[m.length]);
    }

    /**
     * Central difference of the fixed-step objective in parameter {@code p} with relative step
     * {@code relative} (absolute {@code relative} for a parameter at 0); the value is restored.
     */
    public static double centralDifference(MnaSystem system, Analysis.Tran spec, Objective objective,
            List<StepRecorder.Step> steps, SensParameter p, double relative) {
        double v = p.value();
        double h = relative * Math.max(Math.abs(v), 1e-30 + (v == 0 ? 1 : 0));
        try {
            p.set(v + h);
            system.parametersChanged();
            double up = objective(system, spec, objective, steps);
            p.set(v - h);
            system.parametersChanged();
            double down = objective(system, spec, objective, steps);
            return (up - down) / (2 * h);
        } finally {
            p.set(v);
            system.parametersChanged();
        }
    }
}
