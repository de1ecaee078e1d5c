package org.memspice.spice.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The block triangular LU against EJML's dense solver on reducible and irreducible systems, hidden by permutations. */
class BlockTriangularLuTest {
    /**
     * A matrix with {@code sizes.length} diagonal blocks (dense-ish inside, some without a diagonal
     * entry, as MNA branch rows), random entries above them, rows and columns shuffled.
     */
    private static final class Case {
        final int n;
        final int[] colPtr;
        final int[] rowIdx;
        final double[] values;
        final DMatrixRMaj dense;

        Case(int[] sizes, double above, long seed) {
            Random r = new Random(seed);
            int total = 0;
            for (int s : sizes) {
                total += s;
            }
            n = total;
            int[] block = new int[n];
            for (int b = 0, at = 0; b < sizes.length; b++) {
                for (int k = 0; k < sizes[b]; k++) {
                    block[at++] = b;
                }
            }
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (block[i] == block[j]) {
                        // a cycle through the block keeps it strongly connected; a zero diagonal on every fourth row
                        boolean cycle = j == i + 1 || (i == n - 1 || block[i + 1] != block[i]) && block[j] == block[i]
                                && (j == 0 || block[j - 1] != block[j]);
                        if (i == j) {
                            a[i][j] = i % 4 == 3 && sizes[block[i]] > 1 ? 0 : 3 + r.nextDouble();
                        } else if (cycle || r.nextDouble() < 0.3) {
                            a[i][j] = r.nextGaussian() + (cycle ? 2 : 0);
                        }
                    } else if (block[i] < block[j] && r.nextDouble() < above) {
                        a[i][j] = r.nextGaussian();
                    }
                }
            }
            // hide the form: shuffle rows and columns independently
            int[] pr = shuffle(n, r);
            int[] pc = shuffle(n, r);
            dense = new DMatrixRMaj(n, n);
            List<List<int[]>> columns = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                columns.add(new ArrayList<>());
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (a[i][j] != 0 || i == j && sizes[block[i]] > 1) {
                        dense.set(pr[i], pc[j], a[i][j]);
                        columns.get(pc[j]).add(new int[] {pr[i], Double.hashCode(a[i][j])});
                    }
                }
            }
            colPtr = new int[n + 1];
            List<Integer> rows = new ArrayList<>();
            List<Double> vals = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                for (int[] e : columns.get(j)) {
                    rows.add(e[0]);
                    vals.add(dense.get(e[0], j));
                }
                colPtr[j + 1] = rows.size();
            }
            rowIdx = rows.stream().mapToInt(Integer::intValue).toArray();
            values = vals.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private static int[] shuffle(int n, Random r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        return p;
    }

    private static double[] denseSolve(DMatrixRMaj a, double[] b, boolean transposed) {
        DMatrixRMaj m = transposed ? CommonOps_DDRM.transpose(a, null) : a;
        DMatrixRMaj x = new DMatrixRMaj(b.length, 1);
        assertTrue(CommonOps_DDRM.solve(m, new DMatrixRMaj(b.length, 1, true, b), x));
        return x.data;
    }

    @Test
    void findsTheBlocksBehindPermutationsAndSolvesBothWays() {
        int[][] shapes = {{5, 1, 7, 1, 1, 12, 3}, {1, 1, 1, 1}, {20, 20}, {2, 9, 1, 30, 4, 1, 1, 6}};
        for (int s = 0; s < shapes.length; s++) {
            for (long seed = 1; seed <= 5; seed++) {
                Case c = new Case(shapes[s], 0.15, 31 * s + seed);
                BlockTriangularLu lu = new BlockTriangularLu(c.n, c.colPtr, c.rowIdx);
                assertEquals(shapes[s].length, lu.blocks(), "shape " + s + " seed " + seed);
                int largest = 0;
                for (int size : shapes[s]) {
                    largest = Math.max(largest, size);
                }
                assertEquals(largest, lu.largestBlock());
                lu.factor(c.values);
                double[] b = new Random(seed + 100).doubles(c.n).toArray();
                double[] x = new double[c.n];
                lu.solve(b, x);
                assertClose(denseSolve(c.dense, b, false), x, "shape " + s + " seed " + seed);
                double[] y = b.clone();
                lu.solveTransposed(y, y);
                assertClose(denseSolve(c.dense, b, true), y, "transposed, shape " + s + " seed " + seed);
                // new values on the same pattern: the blocks refactor
                double[] v2 = c.values.clone();
                Random r = new Random(seed);
                for (int p = 0; p < v2.length; p++) {
                    v2[p] *= 1 + 0.1 * r.nextGaussian();
                    c.dense.set(c.rowIdx[p], columnOf(c, p), v2[p]);
                }
                lu.factor(v2);
                lu.solve(b, x);
                assertClose(denseSolve(c.dense, b, false), x, "refactored, shape " + s + " seed " + seed);
                assertTrue(lu.fullFactorizations() >= 1);
                assertEquals(2, lu.fullFactorizations() + lu.refactorizations(), "each factorization counted once");
            }
        }
    }

    /** Equal to 1e-10 of the largest magnitude (the random blocks are not all well conditioned). */
    private static void assertClose(double[] expected, double[] actual, String what) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(expected, actual, 1e-10 * scale, what);
    }

    private static int columnOf(Case c, int p) {
        int j = 0;
        while (c.colPtr[j + 1] <= p) {
            j++;
        }
        return j;
    }

    @Test
    void solvesWithTheMatrixItFactoredNotTheCallersArrayAsItIsNow() {
        // modified Newton restamps its value array and then solves with the last factors
        Case c = new Case(new int[] {3, 1, 4, 1, 2}, 0.3, 12);
        BlockTriangularLu lu = new BlockTriangularLu(c.n, c.colPtr, c.rowIdx);
        assertEquals(5, lu.blocks());
        double[] values = c.values.clone();
        lu.factor(values);
        double[] b = new Random(8).doubles(c.n).toArray();
        double[] x = new double[c.n];
        lu.solve(b, x);
        double[] y = b.clone();
        lu.solveTransposed(y, y);
        java.util.Arrays.fill(values, Double.NaN);
        double[] again = new double[c.n];
        lu.solve(b, again);
        assertArrayEquals(x, again, 0);
        double[] yAgain = b.clone();
        lu.solveTransposed(yAgain, yAgain);
        assertArrayEquals(y, yAgain, 0);
    }

    @Test
    void anIrreducibleMatrixIsOneSparseLu() {
        Case c = new Case(new int[] {40}, 0, 9);
        BlockTriangularLu lu = new BlockTriangularLu(c.n, c.colPtr, c.rowIdx);
        assertEquals(1, lu.blocks());
        SparseLu plain = new SparseLu(c.n, c.colPtr, c.rowIdx);
        lu.factor(c.values);
        plain.factor(c.values);
        double[] b = new Random(4).doubles(c.n).toArray();
        double[] x = new double[c.n];
        double[] y = new double[c.n];
        lu.solve(b, x);
        plain.solve(b, y);
        assertArrayEquals(y, x, 0, "the same factorization");
        assertEquals(plain.factorNonZeros(), lu.factorNonZeros());
    }

    @Test
    void aSingularBlockNamesItsColumn() {
        Case c = new Case(new int[] {3, 1, 4}, 0.3, 5);
        BlockTriangularLu lu = new BlockTriangularLu(c.n, c.colPtr, c.rowIdx);
        assertEquals(3, lu.blocks());
        // zero the one-unknown block's entry: its column is the singular one
        int single = -1;
        for (int j = 0; j < c.n && single < 0; j++) {
            if (c.colPtr[j + 1] - c.colPtr[j] >= 1) {
                double[] v = c.values.clone();
                for (int p = c.colPtr[j]; p < c.colPtr[j + 1]; p++) {
                    v[p] = 0;
                }
                SingularMatrixException e = assertThrows(SingularMatrixException.class, () -> lu.factor(v));
                assertEquals(j, e.unknown(), "a zero column is the singular one");
                single = j;
            }
        }
        assertTrue(single >= 0);
    }

    @Test
    void transversalAndComponents() {
        // columns 0..3; column 2 has no diagonal: rows {0:[0,1], 1:[1], 2:[3], 3:[2,3]}
        int[] ap = {0, 2, 3, 4, 6};
        int[] ai = {0, 1, 1, 3, 2, 3};
        int[] rowOf = MaximumTransversal.rowOfEachColumn(4, ap, ai);
        boolean[] used = new boolean[4];
        for (int j = 0; j < 4; j++) {
            boolean inColumn = false;
            for (int p = ap[j]; p < ap[j + 1]; p++) {
                inColumn |= ai[p] == rowOf[j];
            }
            assertTrue(inColumn, "column " + j + " paired with an entry of its own");
            assertTrue(!used[rowOf[j]], "row " + rowOf[j] + " paired once");
            used[rowOf[j]] = true;
        }
        // a structurally singular pattern: two columns with entries in row 0 only
        assertNull(MaximumTransversal.rowOfEachColumn(2, new int[] {0, 1, 2}, new int[] {0, 0}));
        // 0 -> 1 -> 2 -> 0 is one component, 3 -> 0 its own: 3 is numbered after the cycle it reaches
        int[] comp = StronglyConnected.components(4, new int[] {0, 1, 2, 3, 4}, new int[] {1, 2, 0, 0});
        assertEquals(comp[0], comp[1]);
        assertEquals(comp[1], comp[2]);
        assertTrue(comp[3] > comp[0]);
    }
}
