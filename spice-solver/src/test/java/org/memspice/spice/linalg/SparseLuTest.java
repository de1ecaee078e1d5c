package org.memspice.spice.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The sparse LU against EJML's dense solver on random sparse systems, including MNA-like zero diagonals. */
class SparseLuTest {
    /** A random sparse pattern plus diagonal, built through MatrixPattern as the engine does. */
    private static final class Case {
        final MatrixPattern pattern;
        final double[] values;
        final DMatrixRMaj dense;
        final int n;

        Case(int n, double density, boolean zeroDiagonals, long seed) {
            this.n = n;
            Random r = new Random(seed);
            pattern = new MatrixPattern(n);
            java.util.List<int[]> entries = new java.util.ArrayList<>();
            for (int i = 1; i <= n; i++) {
                for (int j = 1; j <= n; j++) {
                    boolean partner = zeroDiagonals && i > 1 && ((i % 5 == 0 && j == i - 1) || (j % 5 == 0 && i == j - 1));
                    if (i == j || partner || r.nextDouble() < density) {
                        entries.add(new int[] {i, j, pattern.reserve(i, j)});
                    }
                }
            }
            pattern.compile();
            values = new double[pattern.nonZeros() + 1];
            dense = new DMatrixRMaj(n, n);
            for (int[] e : entries) {
                int i = e[0];
                int j = e[1];
                double v;
                if (i == j) {
                    v = zeroDiagonals && i % 5 == 0 ? 0 : 4 + r.nextDouble();
                } else if (zeroDiagonals && ((i % 5 == 0 && j == i - 1) || (j % 5 == 0 && i == j - 1))) {
                    v = 10; // like the incidence of a voltage source's branch row
                } else {
                    v = r.nextGaussian();
                }
                values[pattern.position(e[2])] += v;
                dense.add(i - 1, j - 1, v);
            }
        }
    }

    /** A random permutation of 0..n-1 (Fisher-Yates, drawing from {@code r}). */
    private static int[] permutation(int n, Random r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * A random {@link Case} (strong diagonal) with its columns shuffled by {@code r}: its own
     * diagonal is small or zero, so the static structure's pivots often fail and the LU pivots.
     */
    private static final class Shuffled {
        final Case c;
        final int n;
        final MatrixPattern pattern;
        private final int[] shuffle;
        private final int[] handles;

        Shuffled(Case c, Random r) {
            this.c = c;
            n = c.n;
            shuffle = permutation(n, r);
            pattern = new MatrixPattern(n);
            int[] cp = c.pattern.columnPointers();
            int[] ri = c.pattern.rowIndices();
            handles = new int[ri.length];
            for (int col = 0; col < n; col++) {
                for (int q = cp[col]; q < cp[col + 1]; q++) {
                    handles[q] = pattern.reserve(ri[q] + 1, shuffle[col] + 1);
                }
            }
            pattern.compile();
        }

        /** The values times {@code scale}, aligned with {@link #pattern}, and the same matrix into {@code dense}. */
        double[] values(double scale, DMatrixRMaj dense) {
            int[] cp = c.pattern.columnPointers();
            int[] ri = c.pattern.rowIndices();
            double[] v = new double[pattern.nonZeros() + 1];
            for (int col = 0; col < n; col++) {
                for (int q = cp[col]; q < cp[col + 1]; q++) {
                    double value = c.values[q] * scale;
                    v[pattern.position(handles[q])] += value;
                    dense.add(ri[q], shuffle[col], value);
                }
            }
            return v;
        }
    }

    /** A structurally full n x n pattern, for matrices given entry by entry. */
    private static final class Full {
        final int n;
        final MatrixPattern pattern;
        private final int[][] slot;

        Full(int n) {
            this.n = n;
            pattern = new MatrixPattern(n);
            slot = new int[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    slot[i][j] = pattern.reserve(i + 1, j + 1);
                }
            }
            pattern.compile();
        }

        SparseLu lu() {
            return new SparseLu(n, pattern.columnPointers(), pattern.rowIndices());
        }

        /** The values of {@code a} aligned with the pattern, and {@code a} into {@code dense}. */
        double[] values(double[][] a, DMatrixRMaj dense) {
            double[] v = new double[pattern.nonZeros() + 1];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    v[pattern.position(slot[i][j])] = a[i][j];
                    dense.set(i, j, a[i][j]);
                }
            }
            return v;
        }
    }

    private static double[] denseSolve(DMatrixRMaj a, double[] b) {
        DMatrixRMaj x = new DMatrixRMaj(b.length, 1);
        assertTrue(CommonOps_DDRM.solve(a, new DMatrixRMaj(b.length, 1, true, b), x));
        return x.data;
    }

    @Test
    void solvesRandomSparseSystemsLikeDenseLu() {
        for (long seed = 1; seed <= 20; seed++) {
            Case c = new Case(60, 0.05, seed % 2 == 0, seed);
            SparseLu lu = new SparseLu(c.n, c.pattern.columnPointers(), c.pattern.rowIndices());
            lu.factor(c.values);
            double[] b = new Random(seed + 100).doubles(c.n).toArray();
            double[] x = new double[c.n];
            lu.solve(b, x);
            assertArrayEquals(denseSolve(c.dense, b), x, 1e-9, "seed " + seed);
        }
    }

    @Test
    void refactorizationReusesStructureForNewValues() {
        Case c = new Case(80, 0.04, false, 7);
        SparseLu lu = new SparseLu(c.n, c.pattern.columnPointers(), c.pattern.rowIndices());
        lu.factor(c.values);
        Random r = new Random(3);
        for (int round = 0; round < 5; round++) {
            double[] v = c.values.clone();
            DMatrixRMaj d = c.dense.copy();
            int[] cp = c.pattern.columnPointers();
            int[] ri = c.pattern.rowIndices();
            for (int col = 0; col < c.n; col++) {
                for (int p = cp[col]; p < cp[col + 1]; p++) {
                    double scale = 0.5 + r.nextDouble();
                    d.set(ri[p], col, d.get(ri[p], col) * scale);
                    v[p] *= scale;
                }
            }
            lu.factor(v);
            double[] b = r.doubles(c.n).toArray();
            double[] x = new double[c.n];
            lu.solve(b, x);
            assertArrayEquals(denseSolve(d, b), x, 1e-9);
        }
        assertEquals(1, lu.fullFactorizations());
        assertEquals(5, lu.refactorizations());
    }

    @Test
    void refactorizationFallsBackWhenAPivotVanishes() {
        // [[a, 1], [1, a]]: the diagonal pivot chosen with a = 2 is useless once a = 1e-30
        MatrixPattern p = new MatrixPattern(2);
        int h11 = p.reserve(1, 1);
        int h12 = p.reserve(1, 2);
        int h21 = p.reserve(2, 1);
        int h22 = p.reserve(2, 2);
        p.compile();
        double[] v = new double[p.nonZeros() + 1];
        v[p.position(h11)] = 2;
        v[p.position(h12)] = 1;
        v[p.position(h21)] = 1;
        v[p.position(h22)] = 2;
        SparseLu lu = new SparseLu(2, p.columnPointers(), p.rowIndices());
        lu.factor(v);
        v[p.position(h11)] = 1e-30;
        v[p.position(h22)] = 1e-30;
        lu.factor(v);
        double[] x = new double[2];
        lu.solve(new double[] {1, 2}, x);
        // solution of [[1e-30, 1], [1, 1e-30]] x = [1, 2]
        assertEquals(2, x[0], 1e-12);
        assertEquals(1, x[1], 1e-12);
        assertEquals(2, lu.fullFactorizations());
    }

    @Test
    void singularColumnIsNamed() {
        MatrixPattern p = new MatrixPattern(3);
        int a = p.reserve(1, 1);
        int b = p.reserve(3, 3);
        p.compile();
        double[] v = new double[p.nonZeros() + 1];
        v[p.position(a)] = 1;
        v[p.position(b)] = 1;
        SparseLu lu = new SparseLu(3, p.columnPointers(), p.rowIndices());
        SingularMatrixException e = assertThrows(SingularMatrixException.class, () -> lu.factor(v));
        assertEquals(1, e.unknown());
    }

    /**
     * A 2-D grid with unsymmetric values (a strong diagonal, random couplings), ordered by nested
     * dissection so that its separators are wide supernodes: the refactorization factors their
     * columns four at a time ({@code SparseLu#refactorGroup}), and must solve like EJML's dense LU
     * and within rounding of the column-by-column kernel, over refactorizations with new values
     * and after a pivot inside a group fails (the group's scratch columns left clean).
     */
    @Test
    void groupedColumnsSolveLikeTheColumnKernel() {
        SparseLu.groupMinFlops = 0; // this grid is far smaller than the size grouping waits for
        try {
            groupedColumns();
        } finally {
            SparseLu.groupMinFlops = SparseLu.GROUP_MIN_FLOPS;
        }
    }

    /**
     * A factorization shared among threads ({@link ColumnTeam}) computes every column by the same
     * operations as one thread: on a grid cut into many small units, with groups and without, in
     * both orders, the solutions equal one thread's bit for bit over refactorizations with new
     * values; a pivot lost inside the shared factorization falls back to the pivoting
     * factorization with every thread's scratch left clean.
     */
    @Test
    void aSharedFactorizationIsOneThreadsBitForBit() {
        int threads = SparseLu.threads;
        SparseLu.parallelMinFlops = 0; // this grid is far smaller than the size sharing waits for
        SparseLu.warmFlops = 0;
        SparseLu.unitFlops = 2_000;
        try {
            for (boolean grouped : new boolean[] {true, false}) {
                SparseLu.groupMinFlops = grouped ? 0 : SparseLu.GROUP_MIN_FLOPS;
                shared(SparseLu.Ordering.NESTED_DISSECTION, grouped);
                shared(SparseLu.Ordering.MINIMUM_DEGREE, grouped);
            }
        } finally {
            SparseLu.threads = threads;
            SparseLu.parallelMinFlops = SparseLu.PARALLEL_MIN_FLOPS;
            SparseLu.warmFlops = SparseLu.WARM_FLOPS;
            SparseLu.unitFlops = SparseLu.UNIT_FLOPS;
            SparseLu.groupMinFlops = SparseLu.GROUP_MIN_FLOPS;
        }
    }

    /**
     * A factorization large enough to share is factored on one thread until the process is warm
     * (it or the factorizations before it reach {@link SparseLu#WARM_FLOPS}), and shared after.
     */
    @Test
    void aFactorizationIsSharedOnlyOnceTheProcessIsWarm() {
        int threads = SparseLu.threads;
        SparseLu.parallelMinFlops = 0;
        SparseLu.unitFlops = 2_000;
        try {
            int m = 30;
            int n = m * m;
            MatrixPattern p = new MatrixPattern(n);
            java.util.List<int[]> e = grid(m, p);
            SparseLu lu = new SparseLu(n, p.columnPointers(), p.rowIndices(), SparseLu.Ordering.MINIMUM_DEGREE);
            DMatrixRMaj d = dense(n);
            double[] v = values(p, e, new Random(31), n, d);
            SparseLu.threads = 3;
            SparseLu.warmFlops = Double.MAX_VALUE; // never warm: neither this matrix nor the process
            lu.factor(v);
            lu.factor(v);
            assertTrue(lu.sharedUnits() >= 20, lu.sharedUnits() + " units"); // it could be shared
            assertEquals(1, lu.factorThreads(), "factored alone while cold");
            SparseLu.warmFlops = 0;
            lu.factor(v);
            assertEquals(Math.min(3, Math.max(2, Runtime.getRuntime().availableProcessors())), lu.factorThreads());
            double[] b = new Random(32).doubles(n).toArray();
            double[] x = new double[n];
            lu.solve(b, x);
            assertArrayEquals(denseSolve(d, b), x, 1e-9);
        } finally {
            SparseLu.threads = threads;
            SparseLu.parallelMinFlops = SparseLu.PARALLEL_MIN_FLOPS;
            SparseLu.warmFlops = SparseLu.WARM_FLOPS;
            SparseLu.unitFlops = SparseLu.UNIT_FLOPS;
        }
    }

    private static void shared(SparseLu.Ordering ordering, boolean grouped) {
        int m = 30;
        int n = m * m;
        MatrixPattern p = new MatrixPattern(n);
        java.util.List<int[]> e = grid(m, p);
        SparseLu one = new SparseLu(n, p.columnPointers(), p.rowIndices(), ordering);
        SparseLu three = new SparseLu(n, p.columnPointers(), p.rowIndices(), ordering);
        String what = ordering + (grouped ? " grouped" : "");
        Random rb = new Random(5);
        for (int round = 0; round < 4; round++) {
            DMatrixRMaj d = dense(n);
            double[] v = values(p, e, new Random(20 + round), n, d);
            SparseLu.threads = 1;
            if (round == 2) {
                // a column in the middle of the order loses its pivot (its diagonal less the pivot
                // it had): that refactorization stops and factors afresh with pivoting
                losePivot(one, one.columnOrder()[n / 2], v, d, p, e);
            }
            one.factor(v);
            SparseLu.threads = 3;
            three.factor(v);
            if (round == 0) {
                assertEquals(0, one.sharedUnits());
                assertTrue(three.sharedUnits() >= 20, what + ": " + three.sharedUnits() + " units");
                assertEquals(1, one.factorThreads());
                // three asked; at most the caller and the spare processors (at least one helper)
                assertEquals(Math.min(3, Math.max(2, Runtime.getRuntime().availableProcessors())), three.factorThreads());
                assertEquals(grouped, three.groupedColumns().length > 0, what);
            }
            assertTrue(three.scratchIsClean(), what + " round " + round);
            double[] b = rb.doubles(n).toArray();
            double[] x = new double[n];
            double[] y = new double[n];
            three.solve(b, x);
            one.solve(b, y);
            assertArrayEquals(denseSolve(d, b), x, 1e-9, what + " round " + round);
            assertArrayEquals(y, x, what + " round " + round);
        }
        assertEquals(1, three.pivotingFactorizations(), what + ": round 2's lost pivot");
        assertEquals(1, one.pivotingFactorizations(), what);
    }

    @Test
    void releasedFactorsAreBuiltAgainByTheNextFactorization() {
        Case c = new Case(90, 0.04, true, 8);
        SparseLu lu = new SparseLu(c.n, c.pattern.columnPointers(), c.pattern.rowIndices());
        lu.factor(c.values);
        int entries = lu.factorNonZeros();
        lu.release();
        Case d = new Case(90, 0.04, true, 8); // the same pattern, drawn again: the same values
        lu.factor(d.values);
        assertEquals(entries, lu.factorNonZeros());
        assertEquals(2, lu.fullFactorizations(), "the static structure was built again");
        double[] b = new Random(3).doubles(c.n).toArray();
        double[] x = new double[c.n];
        lu.solve(b, x);
        assertArrayEquals(denseSolve(d.dense, b), x, 1e-9);
    }

    @Test
    void smallFactorizationsAreNotGrouped() {
        Case c = new Case(200, 0.03, false, 4);
        SparseLu lu = new SparseLu(c.n, c.pattern.columnPointers(), c.pattern.rowIndices());
        lu.factor(c.values);
        assertTrue(lu.prediction().flops() < SparseLu.GROUP_MIN_FLOPS);
        assertEquals(0, lu.groupedColumns().length);
        SparseLu.groupMinFlops = 0; // the same matrix has supernodes to group
        try {
            SparseLu grouped = new SparseLu(c.n, c.pattern.columnPointers(), c.pattern.rowIndices());
            grouped.factor(c.values);
            assertTrue(grouped.groupedColumns().length > 0);
        } finally {
            SparseLu.groupMinFlops = SparseLu.GROUP_MIN_FLOPS;
        }
    }

    private static void groupedColumns() {
        int m = 24;
        int n = m * m;
        MatrixPattern p = new MatrixPattern(n);
        java.util.List<int[]> e = grid(m, p);
        SparseLu grouped = new SparseLu(n, p.columnPointers(), p.rowIndices(), SparseLu.Ordering.NESTED_DISSECTION);
        SparseLu.groupColumns = false;
        SparseLu single;
        try {
            single = new SparseLu(n, p.columnPointers(), p.rowIndices(), SparseLu.Ordering.NESTED_DISSECTION);
            single.factor(values(p, e, new Random(1), n, dense(n)));
        } finally {
            SparseLu.groupColumns = true;
        }
        grouped.factor(values(p, e, new Random(1), n, dense(n)));
        int[] columns = grouped.groupedColumns();
        assertTrue(columns.length >= 40, "grouped columns: " + columns.length);
        assertEquals(0, single.groupedColumns().length);
        Random rb = new Random(5);
        for (int round = 0; round < 4; round++) {
            DMatrixRMaj d = dense(n);
            double[] v = values(p, e, new Random(10 + round), n, d);
            if (round == 2) {
                // the third column of a group loses its pivot (its diagonal less the pivot it had):
                // that refactorization stops inside the group and factors afresh with pivoting
                losePivot(single, columns[4 * (columns.length / 8) + 2], v, d, p, e);
            }
            grouped.factor(v);
            single.factor(v);
            assertTrue(grouped.scratchIsClean(), "round " + round);
            double[] b = rb.doubles(n).toArray();
            double[] x = new double[n];
            double[] y = new double[n];
            grouped.solve(b, x);
            single.solve(b, y);
            assertArrayEquals(denseSolve(d, b), x, 1e-9, "round " + round);
            for (int i = 0; i < n; i++) {
                assertEquals(y[i], x[i], 1e-13 * (1 + Math.abs(y[i])), "round " + round + " unknown " + i);
            }
        }
        assertEquals(1, grouped.pivotingFactorizations(), "round 2's lost pivot");
        assertEquals(1, single.pivotingFactorizations());
    }

    /**
     * Takes from the grid's diagonal entry of column {@code weak} (in {@code v} and {@code d}) the
     * pivot {@code lu} finds for it in v, so that a factorization along the same pivot sequence
     * meets a zero pivot there.
     */
    private static void losePivot(SparseLu lu, int weak, double[] v, DMatrixRMaj d, MatrixPattern p,
            java.util.List<int[]> e) {
        lu.factor(v);
        double pivot = lu.pivotOfColumn(weak);
        for (int[] x : e) {
            if (x[0] == weak + 1 && x[1] == weak + 1) {
                v[p.position(x[2])] -= pivot;
            }
        }
        d.add(weak, weak, -pivot);
    }

    /** The 5-point pattern of an m x m grid, reserved in {@code p} (compiled): row, column, handle. */
    private static java.util.List<int[]> grid(int m, MatrixPattern p) {
        java.util.List<int[]> e = new java.util.ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                int u = i * m + j + 1;
                e.add(new int[] {u, u, p.reserve(u, u)});
                if (j + 1 < m) {
                    e.add(new int[] {u, u + 1, p.reserve(u, u + 1)});
                    e.add(new int[] {u + 1, u, p.reserve(u + 1, u)});
                }
                if (i + 1 < m) {
                    e.add(new int[] {u, u + m, p.reserve(u, u + m)});
                    e.add(new int[] {u + m, u, p.reserve(u + m, u)});
                }
            }
        }
        p.compile();
        return e;
    }

    private static DMatrixRMaj dense(int n) {
        return new DMatrixRMaj(n, n);
    }

    /** The grid's values: diagonal 4-5, couplings Gaussian. */
    private static double[] values(MatrixPattern p, java.util.List<int[]> e, Random r, int n, DMatrixRMaj d) {
        double[] v = new double[p.nonZeros() + 1];
        for (int[] x : e) {
            double a = x[0] == x[1] ? 4 + r.nextDouble() : r.nextGaussian();
            v[p.position(x[2])] += a;
            d.add(x[0] - 1, x[1] - 1, a);
        }
        return v;
    }

    @Test
    void minimumDegreeKeepsGridFillNearLinear() {
        // 2-D grid Laplacian, 40x40: natural order fill ~ n^1.5; minimum degree far less
        int m = 40;
        int n = m * m;
        MatrixPattern p = new MatrixPattern(n);
        java.util.List<int[]> e = grid(m, p);
        double[] v = new double[p.nonZeros() + 1];
        for (int[] x : e) {
            v[p.position(x[2])] += x[0] == x[1] ? 4.01 : -1;
        }
        SparseLu lu = new SparseLu(n, p.columnPointers(), p.rowIndices());
        lu.factor(v);
        // banded natural order would give about 2*n*m = 128,000 entries
        assertTrue(lu.factorNonZeros() < 60_000, "fill " + lu.factorNonZeros());
        double[] b = new double[n];
        java.util.Arrays.fill(b, 1);
        double[] x = new double[n];
        lu.solve(b, x);
        // residual check
        int[] cp = p.columnPointers();
        int[] ri = p.rowIndices();
        double[] r = b.clone();
        for (int c = 0; c < n; c++) {
            for (int q = cp[c]; q < cp[c + 1]; q++) {
                r[ri[q]] -= v[q] * x[c];
            }
        }
        for (double ri2 : r) {
            assertEquals(0, ri2, 1e-10);
        }
    }

    @Test
    void voltageSourceBranchRowsArePairedSoTheStaticStructureNeedsNoPivoting() {
        // a resistor ladder of m nodes driven by voltage sources at both ends (branch rows with a
        // zero diagonal, as MNA writes them): rows are paired with nodes, the first factorization
        // runs along the static structure, and the solution is the dense solver's
        int m = 30;
        int n = m + 2;
        MatrixPattern p = new MatrixPattern(n);
        DMatrixRMaj dense = new DMatrixRMaj(n, n);
        java.util.List<double[]> stamps = new java.util.ArrayList<>();
        for (int i = 1; i < m; i++) {
            double g = 1.0 / (100 + i);
            stamps.add(new double[] {i, i, g});
            stamps.add(new double[] {i + 1, i + 1, g});
            stamps.add(new double[] {i, i + 1, -g});
            stamps.add(new double[] {i + 1, i, -g});
        }
        stamps.add(new double[] {m / 2, m / 2, 1e-3}); // a load to ground
        for (int[] src : new int[][] {{1, m + 1}, {m, m + 2}}) {
            stamps.add(new double[] {src[0], src[1], 1});
            stamps.add(new double[] {src[1], src[0], 1});
        }
        int[] handles = new int[stamps.size()];
        for (int k = 0; k < stamps.size(); k++) {
            double[] s = stamps.get(k);
            handles[k] = p.reserve((int) s[0], (int) s[1]);
        }
        p.compile();
        double[] v = new double[p.nonZeros() + 1];
        for (int k = 0; k < stamps.size(); k++) {
            double[] s = stamps.get(k);
            v[p.position(handles[k])] += s[2];
            dense.add((int) s[0] - 1, (int) s[1] - 1, s[2]);
        }
        for (SparseLu.Ordering o : SparseLu.Ordering.values()) {
            SparseLu lu = new SparseLu(n, p.columnPointers(), p.rowIndices(), o);
            lu.factor(v);
            assertEquals(0, lu.pivotingFactorizations(), o.toString());
            double[] b = new double[n];
            b[m] = 1; // 1 V at node 1
            b[m + 1] = 0.5; // 0.5 V at node m
            double[] x = new double[n];
            lu.solve(b, x);
            assertArrayEquals(denseSolve(dense, b), x, 1e-9);
            assertEquals(1, x[0], 1e-12);
            assertEquals(0.5, x[m - 1], 1e-12);
        }
    }

    @Test
    void nestedDissectionSolvesLikeDenseLu() {
        for (long seed = 1; seed <= 6; seed++) {
            Case c = new Case(70, 0.04, seed % 2 == 0, seed);
            SparseLu lu = new SparseLu(c.n, c.pattern.columnPointers(), c.pattern.rowIndices(),
                    SparseLu.Ordering.NESTED_DISSECTION);
            lu.factor(c.values);
            double[] b = new Random(seed + 7).doubles(c.n).toArray();
            double[] x = new double[c.n];
            lu.solve(b, x);
            assertArrayEquals(denseSolve(c.dense, b), x, 1e-9, "seed " + seed);
        }
    }

    /**
     * A structurally dense matrix whose large entries lie on a shuffled diagonal: the static
     * pairing's pivots are too small, so the first factorization pivots; its L columns, sorted,
     * form one supernode, and the refactorizations along that pivoting structure (new values, the
     * same pivot sequence) update by runs and still solve like EJML's dense LU.
     */
    @Test
    void pivotingStructureRefactorsBySupernodes() {
        for (int n : new int[] {9, 17, 30}) {
            Random r = new Random(n);
            int[] perm = permutation(n, r);
            Full full = new Full(n);
            SparseLu lu = full.lu();
            double[][] base = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    base[i][j] = perm[j] == i ? 10 + r.nextDouble() : 0.1 * r.nextGaussian();
                }
            }
            for (int round = 0; round < 3; round++) {
                double[][] a = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        // later rounds: the same matrix scaled and slightly moved, so the pivots stay good
                        a[i][j] = base[i][j] * (1 + 0.5 * round) * (1 + 1e-3 * round * r.nextGaussian());
                    }
                }
                DMatrixRMaj dense = new DMatrixRMaj(n, n);
                double[] values = full.values(a, dense);
                lu.factor(values);
                assertEquals(1, lu.pivotingFactorizations(), "n " + n + ": the first factorization pivoted, once");
                assertEquals(round, lu.refactorizations(), "n " + n + ": later rounds refactor that structure");
                assertTrue(lu.largestSupernode() > n / 2, "n " + n + ": supernode of " + lu.largestSupernode());
                double[] b = r.doubles(n).toArray();
                double[] x = new double[n];
                lu.solve(b, x);
                assertArrayEquals(denseSolve(dense, b), x, 1e-11, "n " + n + " round " + round);
            }
        }
    }

    /**
     * A structurally dense matrix factors as one supernode, so every column is updated by runs of
     * up to n - 1 columns (four at a time, then the rest one by one); explicit zeros in the first
     * rows make some multipliers exactly zero, which the update skips. Sizes 2..41 give every run
     * width modulo four; the first factorization and a refactorization with new values must both
     * solve like EJML's dense LU.
     */
    @Test
    void denseSupernodeRunsWithZeroMultipliersSolveLikeDenseLu() {
        for (int n = 2; n <= 41; n += 3) {
            Random r = new Random(n);
            Full full = new Full(n);
            SparseLu lu = full.lu();
            for (int round = 0; round < 2; round++) {
                double[][] a = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        a[i][j] = i == j ? n + 1 + r.nextDouble() : (i < 4 && j > i && r.nextBoolean() ? 0 : r.nextGaussian());
                    }
                }
                DMatrixRMaj dense = new DMatrixRMaj(n, n);
                double[] values = full.values(a, dense);
                lu.factor(values);
                assertEquals(round, lu.refactorizations(), "n " + n); // the second round reuses the pivot sequence
                assertEquals(0, lu.pivotingFactorizations(), "n " + n); // the static structure's kernel, not pivoting
                double[] b = r.doubles(n).toArray();
                double[] x = new double[n];
                lu.solve(b, x);
                assertArrayEquals(denseSolve(dense, b), x, 1e-11, "n " + n + " round " + round);
            }
        }
    }

    @Test
    void smallMatricesUseMinimumDegree() {
        Case c = new Case(60, 0.05, true, 3);
        SparseLu lu = new SparseLu(c.n, c.pattern.columnPointers(), c.pattern.rowIndices());
        lu.factor(c.values);
        assertEquals(SparseLu.Ordering.MINIMUM_DEGREE, lu.chosenOrdering());
    }

    @Test
    void smallStaticPivotsFallBackToPartialPivotingWithPrunedSearches() {
        // a well-conditioned matrix (strong diagonal) with its columns shuffled: its own diagonal
        // is small or zero, the static structure is often abandoned, and the pivoting
        // factorization (pruned depth-first searches) must match the dense solver, then refactor
        int pivoting = 0;
        for (long seed = 1; seed <= 12; seed++) {
            Shuffled m = new Shuffled(new Case(120, 0.03, false, seed), new Random(seed));
            int n = m.n;
            Random r = new Random(seed + 1000);
            DMatrixRMaj dense = new DMatrixRMaj(n, n);
            double[] v = m.values(1, dense);
            MatrixPattern p = m.pattern;
            SparseLu lu = new SparseLu(n, p.columnPointers(), p.rowIndices());
            lu.factor(v);
            pivoting += lu.pivotingFactorizations();
            double[] b = r.doubles(n).toArray();
            double[] x = new double[n];
            lu.solve(b, x);
            double[] expected = denseSolve(dense, b);
            assertArrayEquals(expected, x, 1e-9, "seed " + seed);
            lu.factor(v);
            lu.solve(b, x);
            assertArrayEquals(expected, x, 1e-9, "refactored, seed " + seed);
        }
        assertTrue(pivoting > 0, "no case took the pivoting path");
    }

    /**
     * Sparse matrices with shuffled strong diagonals at several densities: the pivoting
     * structures have supernodes of every shape, and columns that start like a supernode's but
     * differ further down (which must not join it); a refactorization of a scaled copy must solve
     * like EJML's dense LU.
     */
    @Test
    void pivotingStructuresOfSparseMatricesRefactorCorrectly() {
        int joined = 0;
        for (long seed = 1; seed <= 30; seed++) {
            double density = 0.02 + 0.01 * (seed % 6);
            Shuffled m = new Shuffled(new Case(80, density, false, seed), new Random(seed));
            int n = m.n;
            Random r = new Random(seed + 1000);
            MatrixPattern p = m.pattern;
            SparseLu lu = new SparseLu(n, p.columnPointers(), p.rowIndices());
            for (int round = 0; round < 2; round++) {
                DMatrixRMaj dense = new DMatrixRMaj(n, n);
                double[] v = m.values(1 + round, dense);
                lu.factor(v);
                double[] b = r.doubles(n).toArray();
                double[] x = new double[n];
                lu.solve(b, x);
                assertArrayEquals(denseSolve(dense, b), x, 1e-9, "seed " + seed + " round " + round);
            }
            if (lu.pivotingFactorizations() > 0 && lu.refactorizations() > 0 && lu.largestSupernode() > 1) {
                joined++;
            }
        }
        assertTrue(joined > 5, "pivoting structures refactored with supernodes: " + joined);
    }
}
