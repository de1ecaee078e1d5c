package org.memspice.spice.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fill and flop counts of the orderings on matrices whose answer is known: paths, cycles, arrows
 * and stars (no fill or one fill entry by hand), dense rows, and 2-D grid Laplacians (nested
 * dissection's O(n log n) fill against the banded order's n<sup>1.5</sup>).
 */
class OrderingTest {
    /** A symmetric pattern with diagonal from an edge list. */
    private static int[][] pattern(int n, List<int[]> edges) {
        List<List<Integer>> cols = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Integer> c = new ArrayList<>();
            c.add(i);
            cols.add(c);
        }
        for (int[] e : edges) {
            cols.get(e[1]).add(e[0]);
            cols.get(e[0]).add(e[1]);
        }
        int[] cp = new int[n + 1];
        for (int i = 0; i < n; i++) {
            cp[i + 1] = cp[i] + cols.get(i).size();
        }
        int[] ri = new int[cp[n]];
        for (int i = 0; i < n; i++) {
            List<Integer> c = cols.get(i);
            c.sort(null);
            for (int k = 0; k < c.size(); k++) {
                ri[cp[i] + k] = c.get(k);
            }
        }
        return new int[][] {cp, ri};
    }

    private static List<int[]> grid(int m) {
        List<int[]> e = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                int u = i * m + j;
                if (j + 1 < m) {
                    e.add(new int[] {u, u + 1});
                }
                if (i + 1 < m) {
                    e.add(new int[] {u, u + m});
                }
            }
        }
        return e;
    }

    private static void assertPermutation(int[] perm, int n) {
        assertEquals(n, perm.length);
        boolean[] seen = new boolean[n];
        for (int p : perm) {
            assertTrue(p >= 0 && p < n && !seen[p], "not a permutation at " + p);
            seen[p] = true;
        }
    }

    private static EliminationTree.Prediction amd(int n, List<int[]> edges) {
        int[][] a = pattern(n, edges);
        int[] perm = MinimumDegreeOrdering.order(n, a[0], a[1]);
        assertPermutation(perm, n);
        return EliminationTree.predict(SymmetricPattern.of(n, a[0], a[1], 0), perm);
    }

    private static EliminationTree.Prediction nd(int n, List<int[]> edges) {
        int[][] a = pattern(n, edges);
        int[] perm = NestedDissection.order(n, a[0], a[1]);
        assertPermutation(perm, n);
        return EliminationTree.predict(SymmetricPattern.of(n, a[0], a[1], 0), perm);
    }

    private static EliminationTree.Prediction natural(int n, List<int[]> edges) {
        int[][] a = pattern(n, edges);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        return EliminationTree.predict(SymmetricPattern.of(n, a[0], a[1], 0), perm);
    }

    @Test
    void pathHasNoFill() {
        int n = 50;
        List<int[]> e = new ArrayList<>();
        for (int i = 0; i + 1 < n; i++) {
            e.add(new int[] {i, i + 1});
        }
        EliminationTree.Prediction p = amd(n, e);
        assertEquals(n - 1, p.lowerNonZeros());
        assertEquals(3.0 * (n - 1), p.flops(), 0); // each column: 1 division, 2 flops of update
        assertEquals(n - 1, nd(n, e).lowerNonZeros());
    }

    @Test
    void cycleGetsExactlyOneFillEntry() {
        // any order of a 4-cycle: eliminating the first vertex joins its two neighbours
        List<int[]> e = List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3}, new int[] {3, 0});
        assertEquals(5, amd(4, e).lowerNonZeros());
        assertEquals(5, natural(4, e).lowerNonZeros());
    }

    @Test
    void arrowOrdersItsHubLast() {
        // hub 0 joined to every other vertex: natural order fills completely, AMD not at all
        int n = 12;
        List<int[]> e = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            e.add(new int[] {0, i});
        }
        assertEquals((long) n * (n - 1) / 2, natural(n, e).lowerNonZeros());
        EliminationTree.Prediction p = amd(n, e);
        assertEquals(n - 1, p.lowerNonZeros());
        assertEquals(3.0 * (n - 1), p.flops(), 0);
        int[][] a = pattern(n, e);
        int[] perm = MinimumDegreeOrdering.order(n, a[0], a[1]);
        assertEquals(0, perm[n - 1]);
    }

    @Test
    void denseRowIsSetAsideAndOrderedLast() {
        // a 2-D grid plus one vertex joined to all (degree far above 10 sqrt(n)): a dense row
        int m = 30;
        int n = m * m + 1;
        List<int[]> e = grid(m);
        for (int i = 0; i < m * m; i++) {
            e.add(new int[] {m * m, i});
        }
        int[][] a = pattern(n, e);
        int[] perm = MinimumDegreeOrdering.order(n, a[0], a[1]);
        assertPermutation(perm, n);
        assertEquals(m * m, perm[n - 1]);
        // the dense vertex adds one entry per other column; the grid's own order stays as good
        // (within the tie-breaking its degree changes)
        long withDense = EliminationTree.predict(SymmetricPattern.of(n, a[0], a[1], 0), perm).lowerNonZeros();
        long without = amd(m * m, grid(m)).lowerNonZeros();
        assertTrue(withDense - m * m <= 1.15 * without, withDense + " vs " + without);
    }

    @Test
    void twoCliquesJoinedByOneEdge() {
        // K5 - K5 with one bridge: AMD eliminates each clique's inner vertices first, no fill
        List<int[]> e = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 5; i++) {
                for (int j = i + 1; j < 5; j++) {
                    e.add(new int[] {5 * c + i, 5 * c + j});
                }
            }
        }
        e.add(new int[] {4, 5});
        assertEquals(21, amd(10, e).lowerNonZeros()); // the 21 edges, no fill
    }

    @Test
    void gridFillOfBothOrderingsStaysFarBelowTheBand() {
        for (int m : new int[] {20, 40}) {
            int n = m * m;
            long band = natural(n, grid(m)).lowerNonZeros();
            long a = amd(n, grid(m)).lowerNonZeros();
            long d = nd(n, grid(m)).lowerNonZeros();
            assertTrue(a < 0.6 * band, "amd " + a + " band " + band);
            assertTrue(d < 0.6 * band, "nd " + d + " band " + band);
        }
    }

    @Test
    void nestedDissectionFillGrowsLikeNLogN() {
        // a 2-D grid 3x wider has 9x the unknowns: n log n grows 11.7x (the separators of small grids
        // are relatively larger, so allow up to 17x), the band's n^1.5 27x
        long f40 = nd(40 * 40, grid(40)).lowerNonZeros();
        long f120 = nd(120 * 120, grid(120)).lowerNonZeros();
        long b40 = natural(40 * 40, grid(40)).lowerNonZeros();
        long b120 = natural(120 * 120, grid(120)).lowerNonZeros();
        double ratio = (double) f120 / f40;
        assertTrue(ratio < 17, "nd fill ratio " + ratio);
        assertTrue((double) b120 / b40 > 25, "band ratio " + (double) b120 / b40);
        // and its flops grow as n^1.5 (27x), not as the band's n^2 (81x)
        double flops = nd(120 * 120, grid(120)).flops() / nd(40 * 40, grid(40)).flops();
        assertTrue(flops < 40, "nd flop ratio " + flops);
    }

    /**
     * George's nested dissection of a k x k grid, by geometry: the middle line of the longer side
     * is ordered after the two halves, recursively, down to rectangles as small as
     * NestedDissection's leaves. Writes each vertex's block (a leaf rectangle or a middle line), numbered in
     * elimination order, into {@code blockOf}.
     */
    private static void geometricBlocks(int k, int r0, int r1, int c0, int c1, int[] blockOf, int[] blocks) {
        int rows = r1 - r0;
        int cols = c1 - c0;
        if (rows <= 0 || cols <= 0) {
            return;
        }
        if (rows * cols <= NestedDissection.LEAF) {
            int b = blocks[0]++;
            for (int r = r0; r < r1; r++) {
                for (int c = c0; c < c1; c++) {
                    blockOf[r * k + c] = b;
                }
            }
            return;
        }
        if (rows >= cols) {
            int mid = r0 + rows / 2;
            geometricBlocks(k, r0, mid, c0, c1, blockOf, blocks);
            geometricBlocks(k, mid + 1, r1, c0, c1, blockOf, blocks);
            int b = blocks[0]++;
            for (int c = c0; c < c1; c++) {
                blockOf[mid * k + c] = b;
            }
        } else {
            int mid = c0 + cols / 2;
            geometricBlocks(k, r0, r1, c0, mid, blockOf, blocks);
            geometricBlocks(k, r0, r1, mid + 1, c1, blockOf, blocks);
            int b = blocks[0]++;
            for (int r = r0; r < r1; r++) {
                blockOf[r * k + mid] = b;
            }
        }
    }

    @Test
    void nestedDissectionIsCloseToTheGeometricOneOnAGrid() {
        // the graph dissection knows nothing of coordinates, yet its separators should be about
        // as short as the grid's straight middle lines: within 25 % of George's flops and fill
        int k = 127;
        int n = k * k;
        int[][] a = pattern(n, grid(k));
        SymmetricPattern g = SymmetricPattern.of(n, a[0], a[1], 0);
        // the geometric blocks ordered within by constrained minimum degree, as NestedDissection
        // finishes its own
        int[] set = new int[n];
        geometricBlocks(k, 0, k, 0, k, set, new int[1]);
        int nnz = a[0][n];
        int[] cp = Arrays.copyOf(a[0], n + 1);
        int[] ci = Arrays.copyOf(a[1], nnz + nnz / 5 + 2 * n);
        int[] geometric = Arrays.copyOf(MinimumDegreeOrdering.amd(n, cp, ci, nnz, set), n);
        assertPermutation(geometric, n);
        EliminationTree.Prediction george = EliminationTree.predict(g, geometric);
        EliminationTree.Prediction ours = nd(n, grid(k));
        EliminationTree.Prediction amd = amd(n, grid(k));
        assertTrue(ours.flops() < 1.1 * george.flops(), ours + " vs George's " + george);
        assertTrue(ours.lowerNonZeros() < 1.1 * george.lowerNonZeros(), ours + " vs George's " + george);
        assertTrue(ours.flops() < 0.9 * amd.flops(), ours + " vs minimum degree's " + amd);
    }

    @Test
    void nestedDissectionOrdersDisconnectedPieces() {
        // two 30x30 grids side by side, not joined
        List<int[]> e = new ArrayList<>(grid(30));
        for (int[] x : grid(30)) {
            e.add(new int[] {x[0] + 900, x[1] + 900});
        }
        EliminationTree.Prediction both = nd(1800, e);
        EliminationTree.Prediction one = nd(900, grid(30));
        // each piece is ordered as well as alone (within the randomness of its bisections)
        assertTrue(both.lowerNonZeros() < 2.3 * one.lowerNonZeros(), both + " vs " + one);
    }

    @Test
    void predictionMatchesTheStaticFactorization() {
        // a grid Laplacian factored by SparseLu along the static structure: its L+U and flops
        // are the prediction's
        int m = 25;
        int n = m * m;
        MatrixPattern p = new MatrixPattern(n);
        List<int[]> stamps = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            stamps.add(new int[] {u, u, p.reserve(u + 1, u + 1)});
        }
        for (int[] x : grid(m)) {
            stamps.add(new int[] {x[0], x[1], p.reserve(x[0] + 1, x[1] + 1)});
            stamps.add(new int[] {x[1], x[0], p.reserve(x[1] + 1, x[0] + 1)});
        }
        p.compile();
        double[] v = new double[p.nonZeros() + 1];
        for (int[] s : stamps) {
            v[p.position(s[2])] += s[0] == s[1] ? 4.01 : -1;
        }
        for (SparseLu.Ordering o : SparseLu.Ordering.values()) {
            SparseLu lu = new SparseLu(n, p.columnPointers(), p.rowIndices(), o);
            lu.factor(v);
            assertEquals(0, lu.pivotingFactorizations());
            EliminationTree.Prediction pr = lu.prediction();
            assertEquals(pr.factorNonZeros(n), lu.factorNonZeros(), o.toString());
            assertEquals(pr.flops(), lu.factorFlops(), 0, o.toString());
            int[] perm = Arrays.copyOf(lu.columnOrder(), n);
            assertPermutation(perm, n);
        }
    }
}
