package org.memspice.spice.linalg;

/**
 * Symbolic Cholesky analysis of P(A + A<sup>T</sup>)P<sup>T</sup> from the pattern alone: the
 * elimination tree, the column counts of the factor and the flop count of an LU whose structure is
 * that factor's (no pivoting). This is the cheap prediction an ordering is judged by, and the
 * static structure of the first factorization. The permuted matrix is never formed: row k of the
 * factor is the row subtree reached from the neighbours of {@code perm[k]} eliminated before it.
 */
public final class EliminationTree {
    private EliminationTree() {
    }

    /**
     * Elimination tree (Liu's algorithm with path compression) of the symmetric pattern {@code g}
     * under {@code perm} ({@code pinv} its inverse); {@code parent[k]} is -1 at a root.
     *
     * @param ancestor workspace of length n
     */
    public static void parents(SymmetricPattern g, int[] perm, int[] pinv, int[] parent, int[] ancestor) {
        int n = g.n;
        int[] cp = g.colPtr;
        int[] ci = g.rowIdx;
        for (int k = 0; k < n; k++) {
            parent[k] = -1;
            ancestor[k] = -1;
            // one call per row (compiled early in a fresh JVM), not a long loop body
            parentsOf(k, cp, ci, perm[k], pinv, parent, ancestor);
        }
    }

    private static void parentsOf(int k, int[] cp, int[] ci, int v, int[] pinv, int[] parent, int[] ancestor) {
        for (int p = cp[v]; p < cp[v + 1]; p++) {
            int i = pinv[ci[p]];
            while (i != -1 && i < k) {
                int inext = ancestor[i];
                ancestor[i] = k;
                if (inext == -1) {
                    parent[i] = k;
                }
                i = inext;
            }
        }
    }

    /**
     * Counts the off-diagonal entries of every column of the factor into {@code colCount} by
     * walking each row subtree once (time proportional to the factor's size).
     *
     * @param mark workspace of length n
     * @return the number of off-diagonal entries of the factor (of L; U has as many)
     */
    public static long counts(SymmetricPattern g, int[] perm, int[] pinv, int[] parent, int[] colCount, int[] mark) {
        int n = g.n;
        int[] cp = g.colPtr;
        int[] ci = g.rowIdx;
        java.util.Arrays.fill(colCount, 0, n, 0);
        java.util.Arrays.fill(mark, 0, n, -1);
        long total = 0;
        for (int k = 0; k < n; k++) {
            mark[k] = k;
            total += countRow(k, cp, ci, perm[k], pinv, parent, colCount, mark);
        }
        return total;
    }

    /** Walks the row subtree of row k, counting its entries into their columns; returns how many. */
    private static int countRow(int k, int[] cp, int[] ci, int v, int[] pinv, int[] parent, int[] colCount,
            int[] mark) {
        int count = 0;
        for (int p = cp[v]; p < cp[v + 1]; p++) {
            int i = pinv[ci[p]];
            if (i > k) {
                continue;
            }
            for (; mark[i] != k; i = parent[i]) {
                mark[i] = k;
                colCount[i]++;
                count++;
            }
        }
        return count;
    }

    /**
     * Floating-point operations of an LU factorization whose L and U<sup>T</sup> have these
     * off-diagonal column counts: per column j, l<sub>j</sub> divisions and 2 l<sub>j</sub>
     * u<sub>j</sub> multiply-adds with u<sub>j</sub> = l<sub>j</sub>.
     */
    public static double flops(int[] colCount, int n) {
        double f = 0;
        for (int j = 0; j < n; j++) {
            double l = colCount[j];
            f += l + 2 * l * l;
        }
        return f;
    }

    /** Predicted size and work of one ordering: off-diagonal entries of L (U has as many) and LU flops. */
    public record Prediction(long lowerNonZeros, double flops) {
        /** Entries of L and U together, the diagonal once. */
        public long factorNonZeros(int n) {
            return 2 * lowerNonZeros + n;
        }
    }

    /** The prediction for {@code perm} on {@code g} (allocates its workspace). */
    public static Prediction predict(SymmetricPattern g, int[] perm) {
        return predict(g, perm, new int[g.n], new int[g.n]);
    }

    /**
     * The prediction for {@code perm} on {@code g}, leaving the elimination tree in
     * {@code parent} and the column counts in {@code colCount} (each of length n) for a caller
     * that goes on to build the factor's structure.
     */
    public static Prediction predict(SymmetricPattern g, int[] perm, int[] parent, int[] colCount) {
        int n = g.n;
        int[] pinv = new int[n];
        for (int k = 0; k < n; k++) {
            pinv[perm[k]] = k;
        }
        int[] work = new int[n];
        parents(g, perm, pinv, parent, work);
        long l = counts(g, perm, pinv, parent, colCount, work);
        return new Prediction(l, flops(colCount, n));
    }
}
