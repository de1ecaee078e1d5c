package org.memspice.crossbar.solve;

/**
 * Preconditioned conjugate gradients (symmetric positive definite systems) and BiCGSTAB (general
 * systems), written allocation-free over plain arrays because the crossbar systems reach millions
 * of unknowns (Commons Math's ConjugateGradient allocates a vector per operation, and neither
 * Commons Math nor EJML offers BiCGSTAB).
 */
final class Krylov {
    /** Iterations taken and the final relative residual ‖b − A·x‖/‖b‖. */
    record Outcome(int iterations, double residual) {
    }

    private final int n;
    private final double[] r;
    private final double[] z;
    private final double[] p;
    private final double[] q;
    // BiCGSTAB's extra vectors, allocated on its first use
    private double[] s;
    private double[] t;
    private double[] rHat;
    private double[] y;

    Krylov(int n) {
        this.n = n;
        r = new double[n];
        z = new double[n];
        p = new double[n];
        q = new double[n];
    }

    /** Solves A·x = b by PCG from x = 0 until ‖r‖ ≤ tolerance·‖b‖. */
    Outcome conjugateGradient(LinearOperator a, double[] b, double[] x, double tolerance) {
        java.util.Arrays.fill(x, 0);
        System.arraycopy(b, 0, r, 0, n);
        double bnorm = Math.sqrt(dot(b, b));
        if (bnorm == 0) {
            return new Outcome(0, 0);
        }
        a.precondition(r, z);
        System.arraycopy(z, 0, p, 0, n);
        double rz = dot(r, z);
        double rnorm = bnorm;
        int it = 0;
        int limit = 10 * n + 100;
        while (rnorm > tolerance * bnorm && it < limit) {
            a.multiply(p, q);
            double alpha = rz / dot(p, q);
            Chunks.run(n, (from, to) -> {
                for (int k = from; k < to; k++) {
                    x[k] += alpha * p[k];
                    r[k] -= alpha * q[k];
                }
            });
            a.precondition(r, z);
            double rzNew = dot(r, z);
            double beta = rzNew / rz;
            rz = rzNew;
            Chunks.run(n, (from, to) -> {
                for (int k = from; k < to; k++) {
                    p[k] = z[k] + beta * p[k];
                }
            });
            rnorm = Math.sqrt(dot(r, r));
            it++;
        }
        return new Outcome(it, rnorm / bnorm);
    }

    /** Solves A·x = b by right-preconditioned BiCGSTAB from x = 0 until ‖r‖ ≤ tolerance·‖b‖. */
    Outcome biCgStab(LinearOperator a, double[] b, double[] x, double tolerance) {
        if (s == null) {
            s = new double[n];
            t = new double[n];
            rHat = new double[n];
            y = new double[n];
        }
        java.util.Arrays.fill(x, 0);
        System.arraycopy(b, 0, r, 0, n);
        System.arraycopy(b, 0, rHat, 0, n);
        double bnorm = Math.sqrt(dot(b, b));
        if (bnorm == 0) {
            return new Outcome(0, 0);
        }
        double rho = 1;
        double alpha = 1;
        double omega = 1;
        java.util.Arrays.fill(q, 0); // v
        java.util.Arrays.fill(p, 0);
        double rnorm = bnorm;
        int it = 0;
        int limit = 10 * n + 100;
        while (rnorm > tolerance * bnorm && it < limit) {
            double rhoNew = dot(rHat, r);
            if (rhoNew == 0 || omega == 0) {
                break; // breakdown: return what we have (the residual tells)
            }
            double beta = rhoNew / rho * alpha / omega;
            rho = rhoNew;
            for (int k = 0; k < n; k++) {
                p[k] = r[k] + beta * (p[k] - omega * q[k]);
            }
            a.precondition(p, y);
            a.multiply(y, q);
            alpha = rho / dot(rHat, q);
            for (int k = 0; k < n; k++) {
                s[k] = r[k] - alpha * q[k];
                x[k] += alpha * y[k];
            }
            double snorm = Math.sqrt(dot(s, s));
            if (snorm <= tolerance * bnorm) {
                rnorm = snorm;
                it++;
                break;
            }
            a.precondition(s, z);
            a.multiply(z, t);
            double tt = dot(t, t);
            omega = tt == 0 ? 0 : dot(t, s) / tt;
            for (int k = 0; k < n; k++) {
                x[k] += omega * z[k];
                r[k] = s[k] - omega * t[k];
            }
            rnorm = Math.sqrt(dot(r, r));
            it++;
        }
        return new Outcome(it, rnorm / bnorm);
    }

    private double dot(double[] u, double[] v) {
        return Chunks.sum(n, (from, to) -> {
            double sum = 0;
            for (int k = from; k < to; k++) {
                sum += u[k] * v[k];
            }
            return sum;
        });
    }
}
