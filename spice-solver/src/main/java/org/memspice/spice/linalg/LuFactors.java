package org.memspice.spice.linalg;

/**
 * The factors of a {@link SparseLu}, as plain arrays (the data; {@link SparseLu} and
 * {@link ColumnKernel} are the operations): P·A·Q = L·U with
 * <ul>
 * <li>L unit lower triangular by columns, the diagonal not stored: column j's rows (below j, in
 * pivot order) are {@code li[lp[j] .. lp[j + 1])}, their values {@code lx};</li>
 * <li>U by columns: column j's rows above the diagonal, then the diagonal last, in
 * {@code ui/ux[up[j] .. up[j + 1])}, and {@code inversePivot[j]} = 1 / U(j, j);</li>
 * <li>{@code prow[k]}: the row of A pivoted at step k, {@code pinv} its inverse (-1 for a row
 * not pivoted yet); {@code q[k]}: the column of A eliminated at step k.</li>
 * </ul>
 * The arrays of L and U are replaced when a structure needs more room.
 */
final class LuFactors {
    final int n;
    int[] lp;
    int[] li;
    double[] lx;
    int[] up;
    int[] ui;
    double[] ux;
    final double[] inversePivot;
    final int[] pinv;
    final int[] prow;
    /** The column order; null before the analysis. */
    int[] q;
    /**
     * With the static structure: for every column j, the last column of its supernode (the run of
     * columns j, j + 1, ... in which each column's L structure is the next column's plus that
     * column: parent j + 1 and one more entry), so that a refactorization applies a run of such
     * columns at once (a dense, contiguous update). After a pivoting factorization, the runs of
     * that structure; null before either.
     */
    int[] supernodeEnd;
    /** The most rows below any column of the present structure (the size of a run's update). */
    int runRows;
    /** The widest supernode with groups. */
    int groupWidest;
    /** True at the first column of each group of {@link SparseLu#GROUP}; null for none. */
    boolean[] groupStart;

    LuFactors(int n) {
        this.n = n;
        this.pinv = new int[n];
        this.prow = new int[n];
        this.inversePivot = new double[n];
        lp = new int[n + 1];
        up = new int[n + 1];
        li = new int[0];
        lx = new double[0];
        ui = new int[0];
        ux = new double[0];
    }
}
