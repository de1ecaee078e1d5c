package org.memspice.spice.linalg;

import java.util.Arrays;
import org.ejml.data.DMatrixSparseCSC;

/**
 * Sparse LU factorization for circuit matrices: a fill-reducing column order computed once
 * ({@link MinimumDegreeOrdering}), a left-looking Gilbert-Peierls factorization with threshold
 * partial pivoting that prefers the diagonal, and a numeric-only refactorization that reuses the
 * pivot sequence and the L/U patterns for every later Newton iteration and time step. A
 * refactorization whose pivot falls below the threshold falls back to a full factorization.
 *
 * <p>The matrix pattern is fixed at construction (compressed sparse columns, 0-based).
 */
public final class SparseLu {
    private static final double PIVOT_TOLERANCE = 1e-3;

    private final int n;
    private final int[] ap;
    private final int[] ai;
    private final int[] q;
    private final int[] pinv;
    private final int[] prow;
    private final double[] work;
    private final double[] solveWork;
    private final int[] xi;
    private final int[] pstack;
    private final int[] marks;
    private int stamp;

    private int[] lp;
    private int[] li;
    private double[] lx;
    private int[] up;
    private int[] ui;
    private double[] ux;
    private final double[] inversePivot;
    private boolean factored;
    private int fullFactorizations;
    private int refactorizations;

    /** For the pattern of an EJML compressed-sparse-column matrix (square). */
    public SparseLu(DMatrixSparseCSC pattern) {
        this(pattern.numCols, Arrays.copyOf(pattern.col_idx, pattern.numCols + 1),
                Arrays.copyOf(pattern.nz_rows, pattern.nz_length));
    }

    /** Factors {@code a}, which must have the pattern given at construction. */
    public void factor(DMatrixSparseCSC a) {
        factor(a.nz_values);
    }

    public SparseLu(int n, int[] colPtr, int[] rowIdx) {
        this.n = n;
        this.ap = colPtr;
        this.ai = rowIdx;
        this.q = MinimumDegreeOrdering.order(n, colPtr, rowIdx);
        this.pinv = new int[n];
        this.prow = new int[n];
        this.work = new double[n];
        this.solveWork = new double[n];
        this.inversePivot = new double[n];
        this.xi = new int[n];
        this.pstack = new int[n];
        this.marks = new int[n];
        int guess = 4 * rowIdx.length + n;
        lp = new int[n + 1];
        up = new int[n + 1];
        li = new int[guess];
        lx = new double[guess];
        ui = new int[guess];
        ux = new double[guess];
    }

    /** Factors the matrix with values {@code ax} (aligned with the pattern); reuses the symbolic analysis when it can. */
    public void factor(double[] ax) {
        if (factored && refactor(ax)) {
            refactorizations++;
            return;
        }
        fullFactor(ax);
        fullFactorizations++;
    }

    /** Forgets the pivot sequence so that the next {@link #factor} pivots afresh. */
    public void invalidate() {
        factored = false;
    }

    public int fullFactorizations() {
        return fullFactorizations;
    }

    public int refactorizations() {
        return refactorizations;
    }

    /** Fill-in: nonzeros of L and U together. */
    public int factorNonZeros() {
        return lp[n] + up[n];
    }

    private void fullFactor(double[] ax) {
        factored = false;
        Arrays.fill(pinv, -1);
        int lnz = 0;
        int unz = 0;
        double[] x = work;
        for (int k = 0; k < n; k++) {
            lp[k] = lnz;
            up[k] = unz;
            if (lnz + n > li.length) {
                int size = Math.max(2 * li.length, lnz + n);
                li = Arrays.copyOf(li, size);
                lx = Arrays.copyOf(lx, size);
            }
            if (unz + n > ui.length) {
                int size = Math.max(2 * ui.length, unz + n);
                ui = Arrays.copyOf(ui, size);
                ux = Arrays.copyOf(ux, size);
            }
            int col = q[k];
            int top = reach(col);
            for (int p = top; p < n; p++) {
                x[xi[p]] = 0;
            }
            for (int p = ap[col]; p < ap[col + 1]; p++) {
                x[ai[p]] = ax[p];
            }
            for (int px = top; px < n; px++) {
                int i = xi[px];
                int j = pinv[i];
                if (j < 0) {
                    continue;
                }
                double xj = x[i];
                for (int p = lp[j]; p < lp[j + 1]; p++) {
                    x[li[p]] -= lx[p] * xj;
                }
            }
            int ipiv = -1;
            double max = -1;
            for (int px = top; px < n; px++) {
                int i = xi[px];
                if (pinv[i] < 0) {
                    double t = Math.abs(x[i]);
                    if (t > max) {
                        max = t;
                        ipiv = i;
                    }
                } else {
                    ui[unz] = pinv[i];
                    ux[unz++] = x[i];
                }
            }
            if (ipiv < 0 || max <= 0 || !Double.isFinite(max)) {
                throw new SingularMatrixException(col);
            }
            if (pinv[col] < 0 && Math.abs(x[col]) >= PIVOT_TOLERANCE * max) {
                ipiv = col;
            }
            double pivot = x[ipiv];
            ui[unz] = k;
            ux[unz++] = pivot;
            inversePivot[k] = 1 / pivot;
            pinv[ipiv] = k;
            prow[k] = ipiv;
            for (int px = top; px < n; px++) {
                int i = xi[px];
                if (pinv[i] < 0) {
                    li[lnz] = i;
                    lx[lnz++] = x[i] / pivot;
                }
                x[i] = 0;
            }
        }
        lp[n] = lnz;
        up[n] = unz;
        for (int p = 0; p < lnz; p++) {
            li[p] = pinv[li[p]];
        }
        for (int k = 0; k < n; k++) {
            sortColumn(up[k], up[k + 1] - 1);
        }
        factored = true;
    }

    /** Insertion sort of U entries [from, to) by row; columns are short. */
    private void sortColumn(int from, int to) {
        for (int a = from + 1; a < to; a++) {
            int r = ui[a];
            double v = ux[a];
            int b = a - 1;
            while (b >= from && ui[b] > r) {
                ui[b + 1] = ui[b];
                ux[b + 1] = ux[b];
                b--;
            }
            ui[b + 1] = r;
            ux[b + 1] = v;
        }
    }

    /** Nodes reachable from column {@code col} of A in the graph of L, in topological order at xi[top..n). */
    private int reach(int col) {
        stamp++;
        if (stamp == Integer.MAX_VALUE) {
            Arrays.fill(marks, 0);
            stamp = 1;
        }
        int top = n;
        for (int p = ap[col]; p < ap[col + 1]; p++) {
            int start = ai[p];
            if (marks[start] == stamp) {
                continue;
            }
            // iterative depth-first search; the stack lives in pstack/xi-independent arrays
            int head = 0;
            int[] stack = pstackNodes();
            stack[0] = start;
            while (head >= 0) {
                int j = stack[head];
                int jnew = pinv[j];
                if (marks[j] != stamp) {
                    marks[j] = stamp;
                    pstack[head] = jnew < 0 ? 0 : lp[jnew];
                }
                boolean done = true;
                int end = jnew < 0 ? 0 : lp[jnew + 1];
                for (int pp = pstack[head]; pp < end; pp++) {
                    int i = li[pp];
                    if (marks[i] == stamp) {
                        continue;
                    }
                    pstack[head] = pp + 1;
                    stack[++head] = i;
                    done = false;
                    break;
                }
                if (done) {
                    head--;
                    xi[--top] = j;
                }
            }
        }
        return top;
    }

    private int[] dfsStack;

    private int[] pstackNodes() {
        if (dfsStack == null) {
            dfsStack = new int[n];
        }
        return dfsStack;
    }

    private boolean refactor(double[] ax) {
        double[] x = work;
        for (int k = 0; k < n; k++) {
            int col = q[k];
            double colMax = 0;
            for (int p = ap[col]; p < ap[col + 1]; p++) {
                x[pinv[ai[p]]] = ax[p];
                colMax = Math.max(colMax, Math.abs(ax[p]));
            }
            int diag = up[k + 1] - 1;
            for (int p = up[k]; p < diag; p++) {
                int j = ui[p];
                double ujk = x[j];
                ux[p] = ujk;
                x[j] = 0;
                for (int l = lp[j]; l < lp[j + 1]; l++) {
                    x[li[l]] -= lx[l] * ujk;
                }
            }
            double pivot = x[k];
            x[k] = 0;
            double lmax = 0;
            for (int l = lp[k]; l < lp[k + 1]; l++) {
                lmax = Math.max(lmax, Math.abs(x[li[l]]));
            }
            double apiv = Math.abs(pivot);
            if (!(apiv > 0) || apiv < PIVOT_TOLERANCE * lmax || apiv < 1e-13 * colMax || !Double.isFinite(pivot)) {
                for (int l = lp[k]; l < lp[k + 1]; l++) {
                    x[li[l]] = 0;
                }
                Arrays.fill(x, 0);
                return false;
            }
            ux[diag] = pivot;
            inversePivot[k] = 1 / pivot;
            for (int l = lp[k]; l < lp[k + 1]; l++) {
                int i = li[l];
                lx[l] = x[i] / pivot;
                x[i] = 0;
            }
        }
        return true;
    }

    /** Solves A x = b; {@code b} and {@code x} may be the same array. */
    public void solve(double[] b, double[] x) {
        solve(b, x, solveWork);
    }

    /**
     * Solves A x = b with the caller's scratch {@code y} (n values), so that several threads can
     * solve with the same factors at once; {@code b} and {@code x} may be the same array.
     */
    public void solve(double[] b, double[] x, double[] y) {
        for (int k = 0; k < n; k++) {
            y[k] = b[prow[k]];
        }
        for (int j = 0; j < n; j++) {
            double yj = y[j];
            if (yj != 0) {
                for (int p = lp[j]; p < lp[j + 1]; p++) {
                    y[li[p]] -= lx[p] * yj;
                }
            }
        }
        for (int j = n - 1; j >= 0; j--) {
            int diag = up[j + 1] - 1;
            double yj = y[j] * inversePivot[j]; // multiply: a divide here sits on the dependency chain
            y[j] = yj;
            if (yj != 0) {
                for (int p = up[j]; p < diag; p++) {
                    y[ui[p]] -= ux[p] * yj;
                }
            }
        }
        for (int k = 0; k < n; k++) {
            x[q[k]] = y[k];
        }
    }
}
