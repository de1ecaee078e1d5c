package org.memspice.spice.linalg;

import java.util.Arrays;

/**
 * The numeric kernel of {@link SparseLu}: refactors columns along the present structure of the
 * factors ({@link LuFactors}), by supernodal runs and, where the structure has them, in groups of
 * four columns, checking each pivot against its column. One kernel per thread: a team of kernels
 * shares a factorization, each computing the columns of its units ({@link ColumnTeam}) into the same
 * factors, waiting for the columns it needs.
 */
final class ColumnKernel implements ColumnTeam.Worker {
    /** The factors it computes (shared by the kernels of a team, each computing its own columns). */
    private final LuFactors f;
    private final int n;
    /** The pattern of A (compressed columns), whose values each factorization passes. */
    private final int[] ap;
    private final int[] ai;
    /** The scattered column being factored; all zero between columns. */
    private final double[] work;
    /** Scratch of the supernodal update: the U entries of a run, and the update of its rows. */
    private double[] runU;
    private double[] runUpdate;
    /** The group's four scattered columns ({@link #work} first), multipliers and accumulated updates. */
    private double[][] groupWork;
    private double[][] groupU;
    private double[][] groupAcc;
    private final double[] groupMax = new double[SparseLu.GROUP];
    /** Each target's position in its own U column while a group is factored. */
    private final int[] groupAt = new int[SparseLu.GROUP];
    /** The present factorization's values and pivot tolerance, and its team (null alone). */
    private double[] ax;
    private double tolerance;
    private ColumnTeam team;
    /** Every column below it is known published (with a team). */
    private int below;

    ColumnKernel(LuFactors f, int[] ap, int[] ai, double[] work) {
        this.f = f;
        this.n = f.n;
        this.ap = ap;
        this.ai = ai;
        this.work = work;
    }

    void prepare(double[] ax, double tolerance, ColumnTeam team) {
        this.ax = ax;
        this.tolerance = tolerance;
        this.team = team;
        this.below = 0;
    }

    /** Scratch for the runs of the present structure ({@link LuFactors#runRows}) and, when grouped, for its groups. */
    void scratch(boolean grouped) {
        if (runU == null || runU.length < n) {
            runU = new double[n];
        }
        if (runUpdate == null || runUpdate.length < f.runRows) {
            runUpdate = new double[f.runRows];
        }
        if (grouped) {
            if (groupWork == null) {
                groupWork = new double[][] {work, new double[n], new double[n], new double[n]};
            }
            if (groupAcc == null || groupAcc[0].length < f.runRows) {
                groupAcc = new double[SparseLu.GROUP][f.runRows];
            }
            // a run lies within one supernode, and every supernode of four columns or more has groups
            if (groupU == null || groupU[0].length < f.groupWidest) {
                groupU = new double[SparseLu.GROUP][f.groupWidest];
            }
        }
    }

    /** Whether its scattered columns are all zero, as every factorization must leave them (for tests). */
    boolean scratchIsClean() {
        for (double[] x : groupWork == null ? new double[][] {work} : groupWork) {
            for (double v : x) {
                if (v != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    void release() {
        runU = null;
        runUpdate = null;
        groupWork = null;
        groupU = null;
        groupAcc = null;
    }

    @Override
    public boolean columns(int from, int to) {
        // one call per column: a short method the JIT compiles after a few thousand columns, where
        // one long loop would wait for on-stack replacement (the first factorization of a large
        // circuit runs in a fresh JVM)
        boolean[] groups = f.groupStart;
        for (int k = from; k < to;) {
            if (groups != null && groups[k]) {
                if (!refactorGroup(ax, tolerance, k)) {
                    abandon();
                    return false;
                }
                k += SparseLu.GROUP;
            } else {
                if (!refactorColumn(ax, tolerance, k)) {
                    abandon();
                    return false;
                }
                k++;
            }
        }
        return true;
    }

    @Override
    public void abandon() {
        Arrays.fill(work, 0);
        if (groupWork != null) {
            for (double[] x : groupWork) {
                Arrays.fill(x, 0);
            }
        }
    }

    /** Before column j is read: with a team, waits until it is published. */
    private void await(int j) {
        if (team != null && j >= below) {
            below = team.doneBelow();
            if (j >= below) {
                team.await(j);
            }
        }
    }

    /** Column k of the numeric factorization along the static structure; false for a pivot too small. */
    private boolean refactorColumn(double[] ax, double tolerance, int k) {
        double colMax = scatter(ax, k, work);
        return finishColumn(work, k, f.up[k], colMax, tolerance);
    }

    /** Column q[k] of A into {@code x} by pivot rows; returns its largest magnitude. */
    private double scatter(double[] ax, int k, double[] x) {
        int col = f.q[k];
        double colMax = 0;
        for (int p = ap[col]; p < ap[col + 1]; p++) {
            x[f.pinv[ai[p]]] = ax[p];
            colMax = Math.max(colMax, Math.abs(ax[p]));
        }
        return colMax;
    }

    /**
     * Column k (scattered in {@code x}) updated by its U entries from position {@code from} on,
     * then its pivot checked and its L column formed; false for a pivot too small.
     */
    private boolean finishColumn(double[] x, int k, int from, double colMax, double tolerance) {
        int diag = f.up[k + 1] - 1;
        updateRange(x, k, from, diag);
        double pivot = x[k];
        x[k] = 0;
        double lmax = 0;
        for (int l = f.lp[k]; l < f.lp[k + 1]; l++) {
            lmax = Math.max(lmax, Math.abs(x[f.li[l]]));
        }
        double apiv = Math.abs(pivot);
        if (!(apiv > 0) || apiv < tolerance * lmax || apiv < 1e-13 * colMax || !Double.isFinite(pivot)) {
            return false;
        }
        f.ux[diag] = pivot;
        f.inversePivot[k] = 1 / pivot;
        for (int l = f.lp[k]; l < f.lp[k + 1]; l++) {
            int i = f.li[l];
            f.lx[l] = x[i] / pivot;
            x[i] = 0;
        }
        if (team != null) {
            team.publish(k);
        }
        return true;
    }

    /**
     * Columns k..k+3 (a group, {@link LuFactors#groupStart}): their U entries above k merged in ascending order; a run
     * of columns that all four have is applied to the four at once (each L column read once for
     * the four), any other column to those that have it, by their own runs; then each column's
     * entries from k on and its pivot, in turn. The same updates as {@link #refactorColumn}'s,
     * grouped differently into runs, so the results agree to rounding.
     */
    private boolean refactorGroup(double[] ax, double tolerance, int k) {
        double[][] xs = groupWork;
        int[] at = groupAt;
        for (int t = 0; t < SparseLu.GROUP; t++) {
            groupMax[t] = scatter(ax, k + t, xs[t]);
            at[t] = f.up[k + t];
        }
        int[] supers = f.supernodeEnd;
        while (true) {
            int j0 = k;
            for (int t = 0; t < SparseLu.GROUP; t++) {
                j0 = Math.min(j0, f.ui[at[t]]); // each column's entries above k come first, ascending
            }
            if (j0 == k) {
                break;
            }
            boolean all = true;
            for (int t = 0; t < SparseLu.GROUP && all; t++) {
                all = f.ui[at[t]] == j0;
            }
            int stop = Math.min(supers[j0], k - 1);
            if (all) {
                int width = 1;
                while (j0 + width <= stop && allHave(k, j0 + width, width)) {
                    width++;
                }
                if (width == 1) {
                    updateGroupByColumn(xs, j0);
                } else {
                    updateGroupByRun(xs, j0, j0 + width - 1);
                }
                for (int t = 0; t < SparseLu.GROUP; t++) {
                    at[t] += width;
                }
            } else {
                for (int t = 0; t < SparseLu.GROUP; t++) {
                    int p = at[t];
                    if (f.ui[p] != j0) {
                        continue;
                    }
                    int last = runEnd(p, f.up[k + t + 1], stop);
                    applyRun(xs[t], p, last);
                    at[t] = last + 1;
                }
            }
        }
        for (int t = 0; t < SparseLu.GROUP; t++) {
            if (!finishColumn(xs[t], k + t, at[t], groupMax[t], tolerance)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every column of the group has column j at offset {@code offset} from its position. */
    private boolean allHave(int k, int j, int offset) {
        for (int t = 0; t < SparseLu.GROUP; t++) {
            if (f.ui[groupAt[t] + offset] != j) {
                return false;
            }
        }
        return true;
    }

    /**
     * One column's update by its U entries at positions from..to-1 (all above k), by runs: U
     * entries p..last that are columns j, j + 1, ... of one supernode (none without supernodes).
     */
    private void updateRange(double[] x, int k, int from, int to) {
        int[] end = f.supernodeEnd;
        for (int p = from; p < to;) {
            int last = end == null ? p : runEnd(p, to, Math.min(end[f.ui[p]], k - 1));
            applyRun(x, p, last);
            p = last + 1;
        }
    }

    /** The last position of the run from p: consecutive columns up to {@code stop}, before {@code to}. */
    private int runEnd(int p, int to, int stop) {
        int last = p;
        while (last + 1 < to && f.ui[last + 1] == f.ui[last] + 1 && f.ui[last + 1] <= stop) {
            last++;
        }
        return last;
    }

    /** The update of the column in {@code x} by its U entries p..last (one column, or a run). */
    private void applyRun(double[] x, int p, int last) {
        if (last > p) {
            updateRun(x, p, last);
            return;
        }
        int j = f.ui[p];
        await(j);
        double ujk = x[j];
        f.ux[p] = ujk;
        x[j] = 0;
        for (int l = f.lp[j]; l < f.lp[j + 1]; l++) {
            x[f.li[l]] -= f.lx[l] * ujk;
        }
    }

    /** The group's update by the single column j, at each target's position {@link #groupAt}. */
    private void updateGroupByColumn(double[][] xs, int j) {
        await(j);
        double[] x0 = xs[0];
        double[] x1 = xs[1];
        double[] x2 = xs[2];
        double[] x3 = xs[3];
        double u0 = x0[j];
        double u1 = x1[j];
        double u2 = x2[j];
        double u3 = x3[j];
        int[] at = groupAt;
        f.ux[at[0]] = u0;
        f.ux[at[1]] = u1;
        f.ux[at[2]] = u2;
        f.ux[at[3]] = u3;
        x0[j] = 0;
        x1[j] = 0;
        x2[j] = 0;
        x3[j] = 0;
        for (int l = f.lp[j]; l < f.lp[j + 1]; l++) {
            int i = f.li[l];
            double v = f.lx[l];
            x0[i] -= v * u0;
            x1[i] -= v * u1;
            x2[i] -= v * u2;
            x3[i] -= v * u3;
        }
    }

    /**
     * The group's update by the run of columns j0..j1 of one supernode, at each target's position
     * {@link #groupAt}: each target's triangular part as {@link #updateRun} does it, then the
     * product for the four together, four run columns per pass.
     */
    private void updateGroupByRun(double[][] xs, int j0, int j1) {
        int width = j1 - j0 + 1;
        runTriangle4(xs, j0, j1);
        int rows = f.lp[j1 + 1] - f.lp[j1];
        if (rows == 0) {
            return;
        }
        double[] a0 = groupAcc[0];
        double[] a1 = groupAcc[1];
        double[] a2 = groupAcc[2];
        double[] a3 = groupAcc[3];
        double[] u0 = groupU[0];
        double[] u1 = groupU[1];
        double[] u2 = groupU[2];
        double[] u3 = groupU[3];
        double[] l = f.lx;
        int base0 = f.lp[j0] + (j1 - j0);
        double f0 = u0[0];
        double f1 = u1[0];
        double f2 = u2[0];
        double f3 = u3[0];
        for (int r = 0; r < rows; r++) {
            double v = l[base0 + r];
            a0[r] = v * f0;
            a1[r] = v * f1;
            a2[r] = v * f2;
            a3[r] = v * f3;
        }
        int s = 1;
        for (; s + 3 < width; s += 4) {
            accumulateGroup4(j0, j1, s, rows);
        }
        for (; s < width; s++) {
            int base = f.lp[j0 + s] + (j1 - j0 - s);
            double g0 = u0[s];
            double g1 = u1[s];
            double g2 = u2[s];
            double g3 = u3[s];
            for (int r = 0; r < rows; r++) {
                double v = l[base + r];
                a0[r] += v * g0;
                a1[r] += v * g1;
                a2[r] += v * g2;
                a3[r] += v * g3;
            }
        }
        int first = f.lp[j1];
        double[] x0 = xs[0];
        double[] x1 = xs[1];
        double[] x2 = xs[2];
        double[] x3 = xs[3];
        for (int r = 0; r < rows; r++) {
            int i = f.li[first + r];
            x0[i] -= a0[r];
            x1[i] -= a1[r];
            x2[i] -= a2[r];
            x3[i] -= a3[r];
        }
    }

    /**
     * The four targets' accumulated updates by run columns s..s+3, each as {@link #accumulate4}
     * forms it, the four L columns read once for the four.
     */
    private void accumulateGroup4(int j0, int j1, int s, int rows) {
        double[] a0 = groupAcc[0];
        double[] a1 = groupAcc[1];
        double[] a2 = groupAcc[2];
        double[] a3 = groupAcc[3];
        double[] u0 = groupU[0];
        double[] u1 = groupU[1];
        double[] u2 = groupU[2];
        double[] u3 = groupU[3];
        int ba = f.lp[j0 + s] + (j1 - j0 - s);
        int bb = f.lp[j0 + s + 1] + (j1 - j0 - s - 1);
        int bc = f.lp[j0 + s + 2] + (j1 - j0 - s - 2);
        int bd = f.lp[j0 + s + 3] + (j1 - j0 - s - 3);
        double p0 = u0[s];
        double q0 = u0[s + 1];
        double r0 = u0[s + 2];
        double s0 = u0[s + 3];
        double p1 = u1[s];
        double q1 = u1[s + 1];
        double r1 = u1[s + 2];
        double s1 = u1[s + 3];
        double p2 = u2[s];
        double q2 = u2[s + 1];
        double r2 = u2[s + 2];
        double s2 = u2[s + 3];
        double p3 = u3[s];
        double q3 = u3[s + 1];
        double r3 = u3[s + 2];
        double s3 = u3[s + 3];
        double[] l = f.lx;
        for (int r = 0; r < rows; r++) {
            double la = l[ba + r];
            double lb = l[bb + r];
            double lc = l[bc + r];
            double ld = l[bd + r];
            a0[r] = a0[r] + la * p0 + lb * q0 + lc * r0 + ld * s0;
            a1[r] = a1[r] + la * p1 + lb * q1 + lc * r1 + ld * s1;
            a2[r] = a2[r] + la * p2 + lb * q2 + lc * r2 + ld * s2;
            a3[r] = a3[r] + la * p3 + lb * q3 + lc * r3 + ld * s3;
        }
    }

    /**
     * The update of the column being factored (scattered in {@code x}) by the U entries
     * {@code p..last}, columns j0 = ui[p], j0 + 1, ..., j1 = ui[last] of one supernode. Column j
     * of L holds rows j + 1 .. j1 first, then exactly the rows of column j1 (in the same order),
     * so the run is a small triangular solve over its own rows and then one dense product of
     * contiguous column segments, gathered into {@link #runUpdate} and scattered once.
     */
    private void updateRun(double[] x, int p, int last) {
        int j0 = f.ui[p];
        int j1 = f.ui[last];
        runTriangle(x, runU, p, j0, j1);
        int rows = f.lp[j1 + 1] - f.lp[j1];
        if (rows == 0) {
            return;
        }
        runProduct(x, runU, runUpdate, j0, j1, rows);
    }

    /**
     * The four targets' triangular parts of the run j0..j1 ({@link #groupAt}, multipliers into
     * {@link #groupU}), each as {@link #runTriangle} forms it, each L column read once for the
     * four: on the wide supernodes at the top of a large factor, where few rows lie below the
     * run, this part took more time than the product (the 1024x1024 crossbar, JFR).
     */
    private void runTriangle4(double[][] xs, int j0, int j1) {
        double[] x0 = xs[0];
        double[] x1 = xs[1];
        double[] x2 = xs[2];
        double[] x3 = xs[3];
        double[] g0 = groupU[0];
        double[] g1 = groupU[1];
        double[] g2 = groupU[2];
        double[] g3 = groupU[3];
        int p0 = groupAt[0];
        int p1 = groupAt[1];
        int p2 = groupAt[2];
        int p3 = groupAt[3];
        double[] l = f.lx;
        double[] u = f.ux;
        for (int t = 0; t <= j1 - j0; t++) {
            int j = j0 + t;
            await(j);
            double u0 = x0[j];
            double u1 = x1[j];
            double u2 = x2[j];
            double u3 = x3[j];
            u[p0 + t] = u0;
            u[p1 + t] = u1;
            u[p2 + t] = u2;
            u[p3 + t] = u3;
            x0[j] = 0;
            x1[j] = 0;
            x2[j] = 0;
            x3[j] = 0;
            g0[t] = u0;
            g1[t] = u1;
            g2[t] = u2;
            g3[t] = u3;
            int base = f.lp[j] - j - 1; // row i of the run sits at base + i
            for (int i = j + 1; i <= j1; i++) {
                double v = l[base + i];
                x0[i] -= v * u0;
                x1[i] -= v * u1;
                x2[i] -= v * u2;
                x3[i] -= v * u3;
            }
        }
    }

    /**
     * The run's own rows: columns j0..j1 of the column in {@code x} become its U entries (at
     * positions p.. of ux, and in {@code u}), each updating the run's later rows.
     */
    private void runTriangle(double[] x, double[] u, int p, int j0, int j1) {
        for (int t = 0; t <= j1 - j0; t++) {
            int j = j0 + t;
            await(j);
            double ujk = x[j];
            f.ux[p + t] = ujk;
            x[j] = 0;
            u[t] = ujk;
            int base = f.lp[j] - j - 1; // row i of the run sits at base + i
            for (int i = j + 1; i <= j1; i++) {
                x[i] -= f.lx[base + i] * ujk;
            }
        }
    }

    /**
     * The run's product: the rows below j1 updated by columns j0..j1 with multipliers {@code u},
     * accumulated in {@code acc} and scattered once into {@code x}.
     */
    private void runProduct(double[] x, double[] u, double[] acc, int j0, int j1, int rows) {
        int width = j1 - j0 + 1;
        int first = f.lp[j1];
        double u0 = u[0];
        int base0 = f.lp[j0] + (j1 - j0);
        for (int r = 0; r < rows; r++) {
            acc[r] = f.lx[base0 + r] * u0;
        }
        int t = 1;
        while (t < width) {
            if (t + 3 < width && u[t] != 0 && u[t + 1] != 0 && u[t + 2] != 0 && u[t + 3] != 0) {
                accumulate4(acc, rows, j0, j1, t, u);
                t += 4;
            } else {
                if (u[t] != 0) {
                    int base = f.lp[j0 + t] + (j1 - j0 - t);
                    double ut = u[t];
                    for (int r = 0; r < rows; r++) {
                        acc[r] += f.lx[base + r] * ut;
                    }
                }
                t++;
            }
        }
        for (int r = 0; r < rows; r++) {
            x[f.li[first + r]] -= acc[r];
        }
    }

    /**
     * acc[r] += the products of columns j0 + t .. j0 + t + 3 of the run with u[t .. t + 3], four
     * columns per pass over acc: a quarter of the loads and stores of acc that four single passes
     * make. Java adds left to right and never fuses a multiply into an add, so the sums are
     * bit-identical to the single passes in order (zero multipliers, which those skip, are left
     * to the caller).
     */
    private void accumulate4(double[] acc, int rows, int j0, int j1, int t, double[] u) {
        double ua = u[t];
        double ub = u[t + 1];
        double uc = u[t + 2];
        double ud = u[t + 3];
        int ba = f.lp[j0 + t] + (j1 - j0 - t);
        int bb = f.lp[j0 + t + 1] + (j1 - j0 - t - 1);
        int bc = f.lp[j0 + t + 2] + (j1 - j0 - t - 2);
        int bd = f.lp[j0 + t + 3] + (j1 - j0 - t - 3);
        double[] l = f.lx;
        for (int r = 0; r < rows; r++) {
            acc[r] = acc[r] + l[ba + r] * ua + l[bb + r] * ub + l[bc + r] * uc + l[bd + r] * ud;
        }
    }
}
