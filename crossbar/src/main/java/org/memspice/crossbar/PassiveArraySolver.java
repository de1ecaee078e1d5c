package org.memspice.crossbar;

/**
 * Exact DC solution of a {@link PassiveArray} read: the nodal equations of its 2·M·N wire nodes
 * (symmetric positive definite, since every row has its driver and every column its sense
 * resistor) solved by conjugate gradients, matrix-free, preconditioned by the row wires' and
 * the column wires' tridiagonal systems (each factored once by the Thomas algorithm). The strong
 * wire couplings live inside those blocks, so only the weak cell couplings are left to the
 * iteration. Memory is a few arrays of 2·M·N doubles: linear in the number of cells.
 */
public final class PassiveArraySolver {
    private final PassiveArray a;
    private final int m;
    private final int n;
    private final double gr;
    private final double gc;
    private final double gd;
    private final double gs;
    // Thomas factors: for row lines (index i*n+j) and column lines (index j*m+i)
    private final double[] rowInvPivot;
    private final double[] rowLower;
    private final double[] colInvPivot;
    private final double[] colLower;

    public PassiveArraySolver(PassiveArray array) {
        this.a = array;
        this.m = array.rows;
        this.n = array.cols;
        this.gr = 1 / array.rowSegment;
        this.gc = 1 / array.colSegment;
        this.gd = 1 / array.driver;
        this.gs = 1 / array.sense;
        rowInvPivot = new double[m * n];
        rowLower = new double[m * n];
        colInvPivot = new double[m * n];
        colLower = new double[m * n];
        for (int i = 0; i < m; i++) {
            final int row = i;
            factorLine(n, j -> rowDiagonal(row, j), gr, rowLower, rowInvPivot, i * n);
        }
        for (int j = 0; j < n; j++) {
            final int col = j;
            factorLine(m, i -> colDiagonal(i, col), gc, colLower, colInvPivot, j * m);
        }
    }

    /**
     * Thomas factorization of one wire's tridiagonal system (diagonal {@code diagonal(k)},
     * off-diagonals −off), stored at [base, base + length) of lower and invPivot.
     */
    private static void factorLine(int length, java.util.function.IntToDoubleFunction diagonal, double off,
            double[] lower, double[] invPivot, int base) {
        double previous = 0;
        for (int k = 0; k < length; k++) {
            double l = k == 0 ? 0 : -off / previous;
            double pivot = diagonal.applyAsDouble(k) + (k == 0 ? 0 : l * off);
            lower[base + k] = l;
            invPivot[base + k] = 1 / pivot;
            previous = pivot;
        }
    }

    /** Solves one wire's factored system for the entries first, first + stride, ... of r into z. */
    private static void solveLine(double[] r, double[] z, int first, int stride, int length, double off,
            double[] lower, double[] invPivot, int base) {
        for (int k = 0; k < length; k++) {
            int idx = first + k * stride;
            z[idx] = r[idx] - (k > 0 ? lower[base + k] * z[idx - stride] : 0);
        }
        for (int k = length - 1; k >= 0; k--) {
            int idx = first + k * stride;
            z[idx] = (z[idx] + (k + 1 < length ? off * z[idx + stride] : 0)) * invPivot[base + k];
        }
    }

    private double rowDiagonal(int i, int j) {
        return a.g[i * n + j] + (j > 0 ? gr : 0) + (j + 1 < n ? gr : 0) + (j == 0 ? gd : 0);
    }

    private double colDiagonal(int i, int j) {
        return a.g[i * n + j] + (i > 0 ? gc : 0) + (i + 1 < m ? gc : 0) + (i == m - 1 ? gs : 0);
    }

    /** y = A·x; x and y hold row nodes at [0, mn) (row-major) and column nodes at [mn, 2mn) (row-major). */
    private void multiply(double[] x, double[] y) {
        int mn = m * n;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                double r = x[k];
                double c = x[mn + k];
                double gij = a.g[k];
                double yr = rowDiagonal(i, j) * r - gij * c;
                if (j > 0) {
                    yr -= gr * x[k - 1];
                }
                if (j + 1 < n) {
                    yr -= gr * x[k + 1];
                }
                double yc = colDiagonal(i, j) * c - gij * r;
                if (i > 0) {
                    yc -= gc * x[mn + k - n];
                }
                if (i + 1 < m) {
                    yc -= gc * x[mn + k + n];
                }
                y[k] = yr;
                y[mn + k] = yc;
            }
        }
    }

    /** z = P⁻¹·r with P the row-line and column-line tridiagonal blocks. */
    private void precondition(double[] r, double[] z) {
        int mn = m * n;
        for (int i = 0; i < m; i++) {
            solveLine(r, z, i * n, 1, n, gr, rowLower, rowInvPivot, i * n);
        }
        for (int j = 0; j < n; j++) {
            solveLine(r, z, mn + j, n, m, gc, colLower, colInvPivot, j * m);
        }
    }

    /**
     * Solves the read with row inputs {@code inputs} (volts) to a relative residual of
     * {@code tolerance} (1e-12 gives node voltages to about 1e-9 relative).
     */
    public ReadResult read(double[] inputs, double tolerance) {
        if (inputs.length != m) {
            throw new IllegalArgumentException("need " + m + " row inputs, got " + inputs.length);
        }
        int size = 2 * m * n;
        double[] b = new double[size];
        for (int i = 0; i < m; i++) {
            b[i * n] = gd * inputs[i];
        }
        double[] x = new double[size];
        double[] r = b.clone();
        double[] z = new double[size];
        double[] p = new double[size];
        double[] q = new double[size];
        precondition(r, z);
        System.arraycopy(z, 0, p, 0, size);
        double rz = dot(r, z);
        double bnorm = Math.sqrt(dot(b, b));
        int it = 0;
        double rnorm = bnorm;
        while (rnorm > tolerance * bnorm && it < 10 * size + 100) {
            multiply(p, q);
            double alpha = rz / dot(p, q);
            for (int k = 0; k < size; k++) {
                x[k] += alpha * p[k];
                r[k] -= alpha * q[k];
            }
            precondition(r, z);
            double rzNew = dot(r, z);
            double beta = rzNew / rz;
            rz = rzNew;
            for (int k = 0; k < size; k++) {
                p[k] = z[k] + beta * p[k];
            }
            rnorm = Math.sqrt(dot(r, r));
            it++;
        }
        return new ReadResult(a, inputs, x, it, bnorm == 0 ? 0 : rnorm / bnorm);
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int k = 0; k < u.length; k++) {
            s += u[k] * v[k];
        }
        return s;
    }
}
