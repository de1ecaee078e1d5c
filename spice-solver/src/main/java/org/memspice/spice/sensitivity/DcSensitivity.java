package org.memspice.spice.sensitivity;

import java.util.List;
import org.memspice.spice.analysis.DcPoint;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.element.ParameterSensitive;

/**
 * Direct (forward) sensitivities of the DC operating point: with F(x, p) = 0 solved, each
 * parameter's dx/dp solves J·dx/dp = −∂F/∂p with the Jacobian at the solution (factored once),
 * and the objective's derivative is ∂Φ/∂m · dm/dx · dx/dp. The measurements of an operating
 * point all read the single solution.
 */
public final class DcSensitivity {
    private DcSensitivity() {
    }

    public static SensitivityResult compute(MnaSystem system, Objective objective, List<SensParameter> parameters) {
        long t0 = System.nanoTime();
        double[] x = DcPoint.solve(system);
        long t1 = System.nanoTime();
        DcPoint.load(system, x);
        List<Objective.Measurement> ms = objective.measurements();
        double[] m = new double[ms.size()];
        for (int k = 0; k < m.length; k++) {
            m[k] = ms.get(k).read(x, 0);
        }
        double[] dm = new double[m.length];
        double value = objective.evaluate(m, dm);
        int n = system.size();
        // ∂Φ/∂x at the operating point, through every measurement (a probe current's own gradient)
        double[] dphi = new double[n + 1];
        for (int k = 0; k < m.length; k++) {
            ms.get(k).gradient(x, 0, dm[k], dphi);
        }
        dphi[0] = 0;
        double[] rhs = new double[n + 1];
        double[] dx = new double[n + 1];
        double[] gradient = new double[parameters.size()];
        double[] weight = {1};
        ParameterSensitive.SensitivitySink sink = new ParameterSensitive.SensitivitySink() {
            @Override
            public void residual(int row, double v) {
                rhs[row] -= weight[0] * v;
            }

            @Override
            public void state(int state, double v) {
                // an operating point has no charges
            }
        };
        for (int p = 0; p < parameters.size(); p++) {
            java.util.Arrays.fill(rhs, 0);
            for (SensParameter.Target t : parameters.get(p).targets()) {
                weight[0] = t.weight();
                t.element().parameterDerivative(t.index(), system.context(), sink);
            }
            rhs[0] = 0;
            system.solveWith(rhs, dx);
            double g = 0;
            for (int u = 1; u <= n; u++) {
                g += dphi[u] * dx[u];
            }
            for (int k = 0; k < m.length; k++) {
                Objective.Measurement mk = ms.get(k);
                for (SensParameter.Target t : parameters.get(p).targets()) {
                    g += dm[k] * t.weight() * mk.explicitDerivative(t.element(), t.index(), x, 0);
                }
            }
            gradient[p] = g;
        }
        long t2 = System.nanoTime();
        return new SensitivityResult(objective, value, parameters, gradient, (t1 - t0) / 1e9, (t2 - t1) / 1e9, 0, 0);
    }
}
