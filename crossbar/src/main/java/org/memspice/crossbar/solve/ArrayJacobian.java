package org.memspice.crossbar.solve;

import org.memspice.crossbar.Crossbar;

/**
 * The Jacobian of a crossbar's nodal equations, matrix-free: the row and column wire chains with
 * their end conductances, plus each cell's partial derivatives (dI/dV_row, dI/dV_column), which
 * couple row node (i, j) to column node (i, j). Unknowns: row nodes at [0, MN) and column nodes at
 * [MN, 2MN), both row-major. Preconditioned by the exact solution of every row wire's and every
 * column wire's tridiagonal block (Thomas algorithm, refactored when the cells' derivatives change),
 * which holds the strong wire couplings; the weak cell couplings are left to the iteration.
 */
final class ArrayJacobian implements LinearOperator {
    private final int m;
    private final int n;
    private final double gr;
    private final double gc;
    private final double gd;
    private final double gs;
    private final boolean rowNear;
    private final boolean rowFar;
    private final boolean colNear;
    private final boolean colFar;
    /** Per line: the end conductance of a connected line, 0 for a floating one (set by {@link #terminate}). */
    private final double[] rowEnd;
    private final double[] columnEnd;
    /** Cells' partials: dI/dV_row and dI/dV_column, per cell. */
    final double[] dRow;
    final double[] dColumn;
    /** Full diagonals of the row and column node equations (wires, ends and cell partials), set by {@link #factor}. */
    private final double[] rowDiagonal;
    private final double[] columnDiagonal;
    private final double[] rowInvPivot;
    private final double[] rowLower;
    private final double[] colInvPivot;
    private final double[] colLower;

    ArrayJacobian(Crossbar a) {
        m = a.rows();
        n = a.cols();
        gr = 1 / a.rowSegment();
        gc = 1 / a.columnSegment();
        gd = 1 / a.driver();
        gs = 1 / a.sense();
        rowNear = a.rowDrive() != org.memspice.crossbar.Ends.FAR;
        rowFar = a.rowDrive() != org.memspice.crossbar.Ends.NEAR;
        colNear = a.columnSense() != org.memspice.crossbar.Ends.FAR;
        colFar = a.columnSense() != org.memspice.crossbar.Ends.NEAR;
        rowEnd = new double[m];
        columnEnd = new double[n];
        java.util.Arrays.fill(rowEnd, gd);
        java.util.Arrays.fill(columnEnd, gs);
        int mn = m * n;
        dRow = new double[mn];
        dColumn = new double[mn];
        rowDiagonal = new double[mn];
        columnDiagonal = new double[mn];
        rowInvPivot = new double[mn];
        rowLower = new double[mn];
        colInvPivot = new double[mn];
        colLower = new double[mn];
    }

    @Override
    public int size() {
        return 2 * m * n;
    }

    /**
     * Connects every line end to its source as the bias says: a line whose bias voltage is NaN
     * floats, held only by {@link Crossbar#FLOATING_LEAK} to ground at its ends (as SPICE's gmin
     * keeps a node cut off by transistors defined).
     */
    void terminate(org.memspice.crossbar.Bias bias) {
        for (int i = 0; i < m; i++) {
            rowEnd[i] = Double.isNaN(bias.rows()[i]) ? Crossbar.FLOATING_LEAK : gd;
        }
        for (int j = 0; j < n; j++) {
            columnEnd[j] = Double.isNaN(bias.columns()[j]) ? Crossbar.FLOATING_LEAK : gs;
        }
    }

    /** Conductance from row node (i, j) to its row's source: the driver at a driven end, else 0. */
    double rowEndConductance(int i, int j) {
        return (j == 0 && rowNear ? rowEnd[i] : 0) + (j == n - 1 && rowFar ? rowEnd[i] : 0);
    }

    /** Conductance from column node (i, j) to its column's termination, else 0. */
    double columnEndConductance(int i, int j) {
        return (i == m - 1 && colNear ? columnEnd[j] : 0) + (i == 0 && colFar ? columnEnd[j] : 0);
    }

    /** Wire and end conductance on row node (i, j)'s diagonal. */
    double rowWireDiagonal(int i, int j) {
        return (j > 0 ? gr : 0) + (j + 1 < n ? gr : 0) + rowEndConductance(i, j);
    }

    /** Wire and end conductance on column node (i, j)'s diagonal. */
    double columnWireDiagonal(int i, int j) {
        return (i > 0 ? gc : 0) + (i + 1 < m ? gc : 0) + columnEndConductance(i, j);
    }

    /** Refactors the wire blocks after the cells' partials changed (before any {@link #multiply}). */
    void factor() {
        for (int i = 0; i < m; i++) {
            double previous = 0;
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                double l = j == 0 ? 0 : -gr / previous;
                rowDiagonal[k] = rowWireDiagonal(i, j) + dRow[k];
                double pivot = rowDiagonal[k] + (j == 0 ? 0 : l * gr);
                rowLower[k] = l;
                rowInvPivot[k] = 1 / pivot;
                previous = pivot;
            }
        }
        // column wires, all at once row by row (unit stride): pivots of row i−1 are in colInvPivot
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                columnDiagonal[k] = columnWireDiagonal(i, j) - dColumn[k];
                double l = i == 0 ? 0 : -gc * colInvPivot[k - n];
                colLower[k] = l;
                colInvPivot[k] = 1 / (columnDiagonal[k] + (i == 0 ? 0 : l * gc));
            }
        }
    }

    @Override
    public void multiply(double[] x, double[] y) {
        Chunks.run(m * n, (from, to) -> multiplyRows(x, y, from / n, to / n));
    }

    /** y = A·x for the row and column nodes of rows [first, last). */
    private void multiplyRows(double[] x, double[] y, int first, int last) {
        int mn = m * n;
        for (int i = first; i < last; i++) {
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                double r = x[k];
                double c = x[mn + k];
                double yr = rowDiagonal[k] * r + dColumn[k] * c;
                if (j > 0) {
                    yr -= gr * x[k - 1];
                }
                if (j + 1 < n) {
                    yr -= gr * x[k + 1];
                }
                double yc = columnDiagonal[k] * c - dRow[k] * r;
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

    @Override
    public void precondition(double[] r, double[] z) {
        Chunks.run(m * n, (from, to) -> {
            for (int i = from / n; i < to / n; i++) {
                solveLine(r, z, i * n, n, gr, rowLower, rowInvPivot);
            }
        });
        Chunks.run(m * n, (from, to) -> solveColumns(r, z, from / m, to / m));
    }

    /** The column wires [first, last), swept together row by row (unit stride within a row). */
    private void solveColumns(double[] r, double[] z, int first, int last) {
        int mn = m * n;
        for (int i = 0; i < m; i++) {
            int base = i * n;
            for (int j = first; j < last; j++) {
                int k = base + j;
                z[mn + k] = r[mn + k] - (i > 0 ? colLower[k] * z[mn + k - n] : 0);
            }
        }
        for (int i = m - 1; i >= 0; i--) {
            int base = i * n;
            for (int j = first; j < last; j++) {
                int k = base + j;
                z[mn + k] = (z[mn + k] + (i + 1 < m ? gc * z[mn + k + n] : 0)) * colInvPivot[k];
            }
        }
    }

    /** Solves one row wire's factored system for entries [first, first + length) of r into z. */
    private static void solveLine(double[] r, double[] z, int first, int length, double off, double[] lower,
            double[] invPivot) {
        for (int k = 0; k < length; k++) {
            int idx = first + k;
            z[idx] = r[idx] - (k > 0 ? lower[idx] * z[idx - 1] : 0);
        }
        for (int k = length - 1; k >= 0; k--) {
            int idx = first + k;
            z[idx] = (z[idx] + (k + 1 < length ? off * z[idx + 1] : 0)) * invPivot[idx];
        }
    }
}
