package org.memspice.spice.linalg;

import java.util.Arrays;
import org.ejml.data.DMatrixSparseCSC;

/**
 * Collects the matrix entries that elements will stamp, then compiles them into one fixed
 * compressed-sparse-column structure. Each reservation returns a handle; after {@link #compile()}
 * a handle maps to a fixed position in the value array, so stamping never searches.
 *
 * <p>Rows and columns are unknown numbers: 0 is ground and is not part of the matrix; a
 * reservation that touches ground returns the handle of a trash slot whose value is ignored.
 */
public final class MatrixPattern {
    /** Handle of the slot that absorbs stamps into ground rows or columns. */
    public static final int TRASH = 0;

    private final int size;
    private int[] rows;
    private int[] cols;
    private int count = 1; // handle 0 is the trash slot
    private int[] position;
    private int[] colPtr;
    private int[] rowIdx;

    /** @param size number of non-ground unknowns */
    public MatrixPattern(int size) {
        this(size, 255);
    }

    /**
     * @param size number of non-ground unknowns
     * @param expected how many reservations to make room for at once (more are taken as they
     *     come): a circuit's element count times four saves a large netlist the doubling copies
     *     of its reservations, all in fresh memory (12.6 million for a 1024x1024 crossbar)
     */
    public MatrixPattern(int size, int expected) {
        if (expected < 0 || expected > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("expected reservations " + expected + " out of range");
        }
        this.size = size;
        rows = new int[expected + 1];
        cols = new int[expected + 1];
    }

    public int size() {
        return size;
    }

    /** Reserves entry (row, col) in unknown numbering (1-based, 0 = ground). */
    public int reserve(int row, int col) {
        if (position != null) {
            throw new IllegalStateException("pattern already compiled");
        }
        if (row < 0 || col < 0 || row > size || col > size) {
            throw new IndexOutOfBoundsException("entry (" + row + "," + col + ") outside 0.." + size);
        }
        if (row == 0 || col == 0) {
            return TRASH;
        }
        if (count == rows.length) {
            rows = Arrays.copyOf(rows, count * 2);
            cols = Arrays.copyOf(cols, count * 2);
        }
        rows[count] = row - 1;
        cols[count] = col - 1;
        return count++;
    }

    /**
     * Builds the CSC structure; diagonal entries are always present. The reservations are
     * bucketed by column (a counting sort), each column's distinct rows sorted, and every handle
     * mapped to its entry's position: linear in the reservations but for the sort of each column.
     */
    public void compile() {
        int n = size;
        int reserved = count - 1;
        int total = reserved + n;
        // bucket the reservations and the diagonal by column: entry k of the bucket of column c
        // is (row, handle), the diagonal with handle -1
        int[] start = new int[n + 1];
        for (int h = 1; h < count; h++) {
            start[cols[h] + 1]++;
        }
        for (int c = 0; c < n; c++) {
            start[c + 1] += start[c] + 1;
        }
        int[] fill = Arrays.copyOf(start, n);
        int[] bucketRow = new int[total];
        int[] bucketHandle = new int[total];
        for (int c = 0; c < n; c++) {
            bucketRow[fill[c]] = c;
            bucketHandle[fill[c]++] = -1;
        }
        for (int h = 1; h < count; h++) {
            int c = cols[h];
            bucketRow[fill[c]] = rows[h];
            bucketHandle[fill[c]++] = h;
        }
        // distinct rows of each column, sorted, written over the front of the column's bucket
        int[] mark = new int[n];
        Arrays.fill(mark, -1);
        int[] rowPosition = new int[n];
        colPtr = new int[n + 1];
        int[] distinct = new int[total];
        int unique = 0;
        for (int c = 0; c < n; c++) {
            int first = unique;
            for (int k = start[c]; k < start[c + 1]; k++) {
                int r = bucketRow[k];
                if (mark[r] != c) {
                    mark[r] = c;
                    distinct[unique++] = r;
                }
            }
            sortRange(distinct, first, unique);
            for (int k = first; k < unique; k++) {
                rowPosition[distinct[k]] = k;
            }
            colPtr[c + 1] = unique;
            // handles of this column: their entry's position
            for (int k = start[c]; k < start[c + 1]; k++) {
                bucketRow[k] = rowPosition[bucketRow[k]];
            }
        }
        rowIdx = Arrays.copyOf(distinct, unique);
        position = new int[count];
        position[TRASH] = unique; // one extra value slot at the end
        for (int k = 0; k < total; k++) {
            if (bucketHandle[k] > 0) {
                position[bucketHandle[k]] = bucketRow[k];
            }
        }
        rows = null;
        cols = null;
    }

    /** Sorts a[from, to): insertion sort for the short columns circuits have, else Arrays.sort. */
    private static void sortRange(int[] a, int from, int to) {
        if (to - from > 32) {
            Arrays.sort(a, from, to);
            return;
        }
        for (int i = from + 1; i < to; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= from && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    /** Value-array position of a handle (valid after compile). */
    public int position(int handle) {
        return position[handle];
    }

    /** The value-array positions of handles 0 .. count − 1 (valid after compile). */
    public int[] positions(int count) {
        return Arrays.copyOf(position, count);
    }

    /**
     * The value-array position of each unknown's diagonal entry, indexed by unknown (1-based;
     * entry 0 unused). Each column's rows are sorted, so the diagonal is found by bisection.
     */
    public int[] diagonalPositions() {
        int[] out = new int[size + 1];
        for (int u = 1; u <= size; u++) {
            out[u] = Arrays.binarySearch(rowIdx, colPtr[u - 1], colPtr[u], u - 1);
        }
        return out;
    }

    /** Value-array position of the diagonal entry of unknown {@code u} (1-based). */
    public int diagonalPosition(int u) {
        int c = u - 1;
        int p = Arrays.binarySearch(rowIdx, colPtr[c], colPtr[c + 1], c);
        return p;
    }

    public int[] columnPointers() {
        return colPtr;
    }

    public int[] rowIndices() {
        return rowIdx;
    }

    public int nonZeros() {
        return rowIdx.length;
    }

    /**
     * An EJML compressed-sparse-column matrix with this pattern whose value array has one extra
     * trailing slot (the trash slot for stamps into ground); stamps write straight into
     * {@code nz_values}, so EJML's sparse operations see the live Jacobian.
     */
    public DMatrixSparseCSC newMatrix() {
        DMatrixSparseCSC m = new DMatrixSparseCSC(size, size, rowIdx.length + 1);
        System.arraycopy(colPtr, 0, m.col_idx, 0, size + 1);
        System.arraycopy(rowIdx, 0, m.nz_rows, 0, rowIdx.length);
        m.nz_length = rowIdx.length;
        m.indicesSorted = true;
        return m;
    }
}
