package org.memspice.crossbar.solve;

import org.memspice.crossbar.Crossbar;
import org.memspice.crossbar.Ends;
import org.memspice.crossbar.cell.ResistorCells;
import org.memspice.spice.linalg.MatrixPattern;
import org.memspice.spice.linalg.SparseLu;

/**
 * Reads of a crossbar of linear cells by the direct formulation MemTorch's {@code solve_passive}
 * uses: the 2·M·N nodal equations (a row node and a column node per cell; the same equations
 * {@link CrossbarSolver} relaxes and {@link LinearTransfer} eliminates in blocks) assembled as one
 * sparse matrix and factorized once by the engine's {@link SparseLu} (approximate minimum degree
 * order, threshold partial pivoting), in double precision; each read is then one forward and one
 * back substitution over the factors. Exact to rounding, like the transfer matrix, but a read costs
 * the factors' fill instead of an M×N matrix-vector product: the straightforward direct route,
 * kept for cross-checks and benchmarks. Rows are held by their drivers, columns read into virtual
 * grounds through their sense resistances, at the ends {@link Crossbar} names. The factors are not
 * changed by reads: threads read concurrently, each with its own {@link #newWorkspace()}.
 */
public final class NodalLu {
    private final int m;
    private final int n;
    private final double gd;
    private final double gs;
    private final boolean rowNear;
    private final boolean rowFar;
    private final boolean colNear;
    private final boolean colFar;
    private final SparseLu lu;
    /** Cell conductances, row-major (the power is summed over the cells, not over the near-equal driver voltages). */
    private final double[] cellConductance;

    public NodalLu(Crossbar array) {
        if (!(array.cells() instanceof ResistorCells cells)) {
            throw new IllegalArgumentException("a nodal factorization needs linear cells, not "
                    + array.cells().getClass().getSimpleName());
        }
        m = array.rows();
        n = array.cols();
        gd = 1 / array.driver();
        gs = 1 / array.sense();
        rowNear = array.rowDrive() != Ends.FAR;
        rowFar = array.rowDrive() != Ends.NEAR;
        colNear = array.columnSense() != Ends.FAR;
        colFar = array.columnSense() != Ends.NEAR;
        cellConductance = new double[m * n];
        for (int k = 0; k < m * n; k++) {
            cellConductance[k] = cells.conductance(k);
        }
        double gr = 1 / array.rowSegment();
        double gc = 1 / array.columnSegment();
        int size = 2 * m * n;
        MatrixPattern pattern = new MatrixPattern(size);
        // stamps as (a, b, g): g between unknowns a and b (1-based; 0 is ground)
        int stamps = m * (n - 1) + (m - 1) * n + m * n + 2 * m + 2 * n;
        int[] a = new int[stamps];
        int[] b = new int[stamps];
        double[] g = new double[stamps];
        int s = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                if (j + 1 < n) {
                    a[s] = row(i, j);
                    b[s] = row(i, j + 1);
                    g[s++] = gr;
                }
                if (i + 1 < m) {
                    a[s] = column(i, j);
                    b[s] = column(i + 1, j);
                    g[s++] = gc;
                }
                a[s] = row(i, j);
                b[s] = column(i, j);
                g[s++] = cells.conductance(k);
            }
            if (rowNear) {
                a[s] = row(i, 0);
                g[s++] = gd;
            }
            if (rowFar) {
                a[s] = row(i, n - 1);
                g[s++] = gd;
            }
        }
        for (int j = 0; j < n; j++) {
            if (colNear) {
                a[s] = column(m - 1, j);
                g[s++] = gs;
            }
            if (colFar) {
                a[s] = column(0, j);
                g[s++] = gs;
            }
        }
        int[][] handles = new int[s][4];
        for (int t = 0; t < s; t++) {
            handles[t][0] = pattern.reserve(a[t], a[t]);
            handles[t][1] = pattern.reserve(b[t], b[t]);
            handles[t][2] = pattern.reserve(a[t], b[t]);
            handles[t][3] = pattern.reserve(b[t], a[t]);
        }
        pattern.compile();
        double[] values = new double[pattern.nonZeros() + 1];
        for (int t = 0; t < s; t++) {
            values[pattern.position(handles[t][0])] += g[t];
            values[pattern.position(handles[t][1])] += g[t];
            values[pattern.position(handles[t][2])] -= g[t];
            values[pattern.position(handles[t][3])] -= g[t];
        }
        lu = new SparseLu(size, pattern.columnPointers(), pattern.rowIndices());
        lu.factor(values);
    }

    /** Unknown number (1-based) of row node (i, j). */
    private int row(int i, int j) {
        return 1 + i * n + j;
    }

    /** Unknown number (1-based) of column node (i, j). */
    private int column(int i, int j) {
        return 1 + m * n + i * n + j;
    }

    /** Nonzeros of the factors L and U together (the work of one read is about twice this). */
    public int factorNonZeros() {
        return lu.factorNonZeros();
    }

    /** Per-thread buffers of {@link #read}: the node voltages and the substitution's scratch. */
    public Workspace newWorkspace() {
        return new Workspace(2 * m * n);
    }

    /** Buffers one thread's reads use. */
    public static final class Workspace {
        final double[] x;
        final double[] y;

        Workspace(int size) {
            x = new double[size];
            y = new double[size];
        }
    }

    /**
     * One read with row source voltages {@code v} (M values): the N column currents into the
     * virtual grounds into {@code out}; returns the power the row sources deliver (W).
     */
    public double read(double[] v, double[] out, Workspace w) {
        double[] work = w.x;
        java.util.Arrays.fill(work, 0);
        for (int i = 0; i < m; i++) {
            if (rowNear) {
                work[i * n] += gd * v[i];
            }
            if (rowFar) {
                work[i * n + n - 1] += gd * v[i];
            }
        }
        lu.solve(work, work, w.y);
        // each row's drivers deliver what its cells pass (the row wire has no other way out)
        double power = 0;
        int columns = m * n;
        for (int i = 0; i < m; i++) {
            if (v[i] == 0) {
                continue;
            }
            double current = 0;
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                current += cellConductance[k] * (work[k] - work[columns + k]);
            }
            power += v[i] * current;
        }
        int bottom = m * n + (m - 1) * n;
        int top = m * n;
        for (int j = 0; j < n; j++) {
            out[j] = (colNear ? gs * work[bottom + j] : 0) + (colFar ? gs * work[top + j] : 0);
        }
        return power;
    }
}
