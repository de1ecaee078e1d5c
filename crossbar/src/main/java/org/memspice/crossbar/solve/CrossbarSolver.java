package org.memspice.crossbar.solve;

import org.memspice.crossbar.Bias;
import org.memspice.crossbar.Crossbar;
import org.memspice.crossbar.cell.CellArray;
import org.memspice.crossbar.cell.CellPoint;

/**
 * Exact DC solution of a {@link Crossbar} under a {@link Bias}: the 2·M·N nodal equations of the
 * wire nodes, with the cells' own equations from device-models. Linear cells take one Krylov solve;
 * nonlinear cells (memristors, 1T1R) take Newton's method on top, each step a Krylov solve of the
 * Jacobian (conjugate gradients when every cell is two-terminal, so the Jacobian is symmetric, else
 * BiCGSTAB) with backtracking on the residual norm. Memory is a few arrays of 2·M·N doubles.
 */
public final class CrossbarSolver {
    private static final int MAX_NEWTON = 100;
    private static final double NEWTON_LINEAR_TOLERANCE = 1e-7;
    private final Crossbar a;
    private final int m;
    private final int n;
    private final ArrayJacobian jacobian;
    private final Krylov krylov;
    private final CellPoint point = new CellPoint();
    private double[] trial;

    public CrossbarSolver(Crossbar array) {
        this.a = array;
        this.m = array.rows();
        this.n = array.cols();
        this.jacobian = new ArrayJacobian(array);
        this.krylov = new Krylov(2 * m * n);
    }

    /** Solves from all nodes at 0 V to a relative residual of {@code tolerance} (1e-12: nodes to about 1e-9). */
    public CrossbarSolution solve(Bias bias, double tolerance) {
        return solve(bias, tolerance, null);
    }

    /** As {@link #solve(Bias, double)}, starting Newton from {@code guess} (node voltages, 2·M·N) when given. */
    public CrossbarSolution solve(Bias bias, double tolerance, double[] guess) {
        if (bias.rows().length != m || bias.columns().length != n || bias.wordLines().length != m) {
            throw new IllegalArgumentException("bias for " + bias.rows().length + " rows, " + bias.columns().length
                    + " columns and " + bias.wordLines().length + " word lines on a " + m + "x" + n + " array");
        }
        int size = 2 * m * n;
        double[] x = guess == null ? new double[size] : guess.clone();
        double[] current = new double[m * n];
        double[] f = new double[size];
        double[] dx = new double[size];
        jacobian.terminate(bias);
        double bnorm = sourceNorm(bias);
        CellArray cells = a.cells();
        double fnorm = residual(x, bias, current, f);
        int newton = 0;
        int krylovIterations = 0;
        while (fnorm > tolerance * bnorm) {
            if (newton == MAX_NEWTON) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                        "crossbar %dx%d: Newton did not converge in %d iterations (relative residual %.3g, wanted %.3g);"
                        + " worst node %s", m, n, MAX_NEWTON, fnorm / bnorm, tolerance, worstNode(f)));
            }
            jacobian.factor();
            for (int k = 0; k < size; k++) {
                f[k] = -f[k];
            }
            double linearTolerance = cells.isLinear() ? tolerance * bnorm / fnorm : NEWTON_LINEAR_TOLERANCE;
            Krylov.Outcome o = cells.isTwoTerminal() ? krylov.conjugateGradient(jacobian, f, dx, linearTolerance)
                    : krylov.biCgStab(jacobian, f, dx, linearTolerance);
            krylovIterations += o.iterations();
            newton++;
            if (cells.isLinear()) {
                for (int k = 0; k < size; k++) {
                    x[k] += dx[k];
                }
                fnorm = residual(x, bias, current, f);
                break;
            }
            fnorm = lineSearch(x, dx, bias, fnorm, current, f);
        }
        return new CrossbarSolution(a, bias, x, current, newton, krylovIterations, bnorm == 0 ? 0 : fnorm / bnorm);
    }

    /**
     * x += λ·dx with λ halved (down to 1/1024) until the residual norm falls below {@code fnorm};
     * leaves the cells' currents and partials and the residual of the new x in current, the
     * Jacobian and f, and returns its norm.
     */
    private double lineSearch(double[] x, double[] dx, Bias bias, double fnorm, double[] current, double[] f) {
        int size = x.length;
        if (trial == null) {
            trial = new double[size];
        }
        double lambda = 1;
        double next;
        while (true) {
            for (int k = 0; k < size; k++) {
                trial[k] = x[k] + lambda * dx[k];
            }
            next = residual(trial, bias, current, f);
            if (next < fnorm || lambda < 1.0 / 1024) {
                break;
            }
            lambda /= 2;
        }
        System.arraycopy(trial, 0, x, 0, size);
        return next;
    }

    private String worstNode(double[] f) {
        int worst = 0;
        for (int k = 1; k < f.length; k++) {
            if (Math.abs(f[k]) > Math.abs(f[worst])) {
                worst = k;
            }
        }
        int mn = m * n;
        int k = worst % mn;
        return String.format(java.util.Locale.ROOT, "%s node (%d, %d), residual %.3g A", worst < mn ? "row" : "column",
                k / n, k % n, f[worst]);
    }

    /** Norm of the currents the sources would push into grounded line ends: the residual's scale. */
    private double sourceNorm(Bias bias) {
        double s = 0;
        for (int i = 0; i < m; i++) {
            double v = bias.rows()[i];
            double g = jacobian.rowEndConductance(i, 0) + (n > 1 ? jacobian.rowEndConductance(i, n - 1) : 0);
            s += !Double.isNaN(v) ? g * v * v * g : 0;
        }
        for (int j = 0; j < n; j++) {
            double v = bias.columns()[j];
            double g = jacobian.columnEndConductance(m - 1, j) + (m > 1 ? jacobian.columnEndConductance(0, j) : 0);
            s += !Double.isNaN(v) ? g * v * v * g : 0;
        }
        return Math.sqrt(s);
    }

    /**
     * Evaluates every cell at x into current and the Jacobian's cell partials, and the KCL residual
     * (currents leaving each node) into f; returns ‖F‖.
     */
    private double residual(double[] x, Bias bias, double[] current, double[] f) {
        int mn = m * n;
        double gr = 1 / a.rowSegment();
        double gc = 1 / a.columnSegment();
        CellArray cells = a.cells();
        double sum = 0;
        for (int i = 0; i < m; i++) {
            double vin = bias.rows()[i];
            double wl = bias.wordLines()[i];
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                double r = x[k];
                double c = x[mn + k];
                cells.evaluate(k, r, c, wl, point);
                current[k] = point.current;
                jacobian.dRow[k] = point.dRow;
                jacobian.dColumn[k] = point.dColumn;
                double fr = point.current;
                if (j > 0) {
                    fr += gr * (r - x[k - 1]);
                }
                if (j + 1 < n) {
                    fr += gr * (r - x[k + 1]);
                }
                double ge = jacobian.rowEndConductance(i, j);
                if (ge != 0) {
                    fr += ge * (r - (Double.isNaN(vin) ? 0 : vin));
                }
                double vc = bias.columns()[j];
                double fc = -point.current;
                if (i > 0) {
                    fc += gc * (c - x[mn + k - n]);
                }
                if (i + 1 < m) {
                    fc += gc * (c - x[mn + k + n]);
                }
                double ce = jacobian.columnEndConductance(i, j);
                if (ce != 0) {
                    fc += ce * (c - (Double.isNaN(vc) ? 0 : vc));
                }
                f[k] = fr;
                f[mn + k] = fc;
                sum += fr * fr + fc * fc;
            }
        }
        return Math.sqrt(sum);
    }
}
