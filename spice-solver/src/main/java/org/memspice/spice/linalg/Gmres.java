package org.memspice.spice.linalg;

/**
 * GMRES without restart for {@code B·y = c} from y = 0: Arnoldi with modified Gram-Schmidt and
 * Givens rotations (Saad and Schultz, 1986). For systems whose operator is close to the identity
 * (a matrix preconditioned by factors of a nearby matrix), where a few iterations suffice; it
 * gives up, rather than restarting, when they do not. The workspace is allocated once for
 * {@code n} unknowns and at most {@code maxIterations} iterations; a solve allocates nothing.
 */
public final class Gmres {
    /** The operator: {@code out = B·in}, both of length n ({@code in} must not be changed). */
    public interface Operator {
        void apply(double[] in, double[] out);
    }

    private final int n;
    private final int maxIterations;
    /** The Krylov basis, one row per vector. */
    private final double[][] basis;
    /** The Hessenberg matrix column by column: {@code h[j][i]} is H(i, j). */
    private final double[][] h;
    private final double[] cos;
    private final double[] sin;
    /** The right-hand side of the least-squares problem, rotated: |g[j]| is the residual norm after j iterations. */
    private final double[] g;
    private final double[] y;
    private int iterations;
    private double residualNorm;

    public Gmres(int n, int maxIterations) {
        if (n < 1 || maxIterations < 1) {
            throw new IllegalArgumentException("GMRES needs n >= 1 and maxIterations >= 1, got " + n + " and " + maxIterations);
        }
        this.n = n;
        this.maxIterations = maxIterations;
        basis = new double[maxIterations + 1][n];
        h = new double[maxIterations][maxIterations + 1];
        cos = new double[maxIterations];
        sin = new double[maxIterations];
        g = new double[maxIterations + 1];
        y = new double[maxIterations];
    }

    public int size() {
        return n;
    }

    public int maxIterations() {
        return maxIterations;
    }

    /**
     * Solves {@code B·y = c} into {@code out} (length n, may not be {@code c}) until the residual's
     * 2-norm is at most {@code tolerance}, within {@code limit} iterations (at most the workspace's).
     * Returns whether it got there; {@code out} holds the last iterate either way.
     */
    public boolean solve(Operator op, double[] c, double[] out, double tolerance, int limit) {
        if (limit > maxIterations) {
            throw new IllegalArgumentException("limit " + limit + " exceeds the workspace's " + maxIterations);
        }
        java.util.Arrays.fill(out, 0, n, 0);
        iterations = 0;
        double beta = norm(c);
        residualNorm = beta;
        if (!(beta > tolerance)) {
            return beta <= tolerance; // false for a NaN right-hand side
        }
        double[] v0 = basis[0];
        for (int i = 0; i < n; i++) {
            v0[i] = c[i] / beta;
        }
        java.util.Arrays.fill(g, 0);
        g[0] = beta;
        int j = 0;
        boolean done = false;
        while (j < limit && !done) {
            double[] w = basis[j + 1];
            op.apply(basis[j], w);
            double[] hj = h[j];
            for (int i = 0; i <= j; i++) {
                double[] vi = basis[i];
                double d = 0;
                for (int k = 0; k < n; k++) {
                    d += w[k] * vi[k];
                }
                hj[i] = d;
                for (int k = 0; k < n; k++) {
                    w[k] -= d * vi[k];
                }
            }
            double wn = norm(w);
            hj[j + 1] = wn;
            if (!Double.isFinite(wn)) {
                residualNorm = Double.NaN;
                return false;
            }
            if (wn > 0) {
                for (int k = 0; k < n; k++) {
                    w[k] /= wn;
                }
            }
            for (int i = 0; i < j; i++) {
                double a = hj[i];
                double b = hj[i + 1];
                hj[i] = cos[i] * a + sin[i] * b;
                hj[i + 1] = -sin[i] * a + cos[i] * b;
            }
            double a = hj[j];
            double b = hj[j + 1];
            double r = Math.hypot(a, b);
            if (r == 0) {
                residualNorm = Math.abs(g[j]);
                break; // the operator is singular on the Krylov space: no progress possible
            }
            cos[j] = a / r;
            sin[j] = b / r;
            hj[j] = r;
            hj[j + 1] = 0;
            g[j + 1] = -sin[j] * g[j];
            g[j] = cos[j] * g[j];
            j++;
            residualNorm = Math.abs(g[j]);
            // wn == 0: the Krylov space is invariant and the solution in it exact
            done = residualNorm <= tolerance || wn == 0;
        }
        iterations = j;
        // back substitution in the rotated Hessenberg matrix, then y = V·z
        for (int i = j - 1; i >= 0; i--) {
            double s = g[i];
            for (int k = i + 1; k < j; k++) {
                s -= h[k][i] * y[k];
            }
            y[i] = s / h[i][i];
        }
        for (int i = 0; i < j; i++) {
            double[] vi = basis[i];
            double yi = y[i];
            for (int k = 0; k < n; k++) {
                out[k] += yi * vi[k];
            }
        }
        return residualNorm <= tolerance;
    }

    /** Iterations the last solve took. */
    public int iterations() {
        return iterations;
    }

    /** The residual 2-norm the last solve reached (by the rotated recurrence). */
    public double residualNorm() {
        return residualNorm;
    }

    private double norm(double[] v) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += v[i] * v[i];
        }
        return Math.sqrt(s);
    }
}
