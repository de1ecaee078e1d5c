package org.memspice.spice.linalg;

/**
 * The pattern of A + A<sup>T</sup> without its diagonal, in compressed columns (0-based, each
 * column sorted, no duplicates): the graph every symmetric fill-reducing ordering works on.
 */
public final class SymmetricPattern {
    /** Column pointers, length n + 1. */
    public final int[] colPtr;
    /** Row indices; {@code rowIdx.length} may exceed {@code colPtr[n]} by the requested spare room. */
    public final int[] rowIdx;
    public final int n;

    private SymmetricPattern(int n, int[] colPtr, int[] rowIdx) {
        this.n = n;
        this.colPtr = colPtr;
        this.rowIdx = rowIdx;
    }

    /**
     * @param spare extra slots to leave at the end of {@code rowIdx} (an ordering's elbow room)
     */
    public static SymmetricPattern of(int n, int[] ap, int[] ai, int spare) {
        int[] count = new int[n + 1];
        for (int c = 0; c < n; c++) {
            for (int p = ap[c]; p < ap[c + 1]; p++) {
                int r = ai[p];
                if (r != c) {
                    count[r]++;
                    count[c]++;
                }
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + count[i];
        }
        int[] idx = new int[start[n]];
        int[] fill = new int[n];
        System.arraycopy(start, 0, fill, 0, n);
        // columns in increasing order, so every list comes out sorted
        for (int c = 0; c < n; c++) {
            for (int p = ap[c]; p < ap[c + 1]; p++) {
                int r = ai[p];
                if (r != c) {
                    idx[fill[r]++] = c;
                }
            }
        }
        // transposed pass: row r of column c adds c to r's list and r to c's list; merge them sorted
        int[] tmp = new int[start[n]];
        System.arraycopy(start, 0, fill, 0, n);
        for (int c = 0; c < n; c++) {
            // entries (r, c) of A give r in column c: collect into a second half then merge
            for (int p = ap[c]; p < ap[c + 1]; p++) {
                int r = ai[p];
                if (r != c) {
                    tmp[fill[c]++] = r;
                }
            }
        }
        // column c now has: idx[start[c] .. start[c]+nA) sorted (from columns that hold row c)
        // and tmp[start[c] .. fill[c]) (rows of column c of A, sorted if A's columns are)
        int[] outPtr = new int[n + 1];
        int[] out = new int[start[n] + spare];
        int[] mark = new int[n];
        java.util.Arrays.fill(mark, -1);
        int nz = 0;
        for (int c = 0; c < n; c++) {
            outPtr[c] = nz;
            int aEnd = start[c] + (count[c] - (fill[c] - start[c]));
            int from = nz;
            for (int p = start[c]; p < aEnd; p++) {
                int r = idx[p];
                if (mark[r] != c) {
                    mark[r] = c;
                    out[nz++] = r;
                }
            }
            for (int p = start[c]; p < fill[c]; p++) {
                int r = tmp[p];
                if (mark[r] != c) {
                    mark[r] = c;
                    out[nz++] = r;
                }
            }
            java.util.Arrays.sort(out, from, nz);
        }
        outPtr[n] = nz;
        return new SymmetricPattern(n, outPtr, out);
    }

    /** Number of off-diagonal entries (each pair counted twice). */
    public int nonZeros() {
        return colPtr[n];
    }
}
