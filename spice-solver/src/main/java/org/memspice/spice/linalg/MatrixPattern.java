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
    private int[] rows = new int[256];
    private int[] cols = new int[256];
    private int count = 1; // handle 0 is the trash slot
    private int[] position;
    private int[] colPtr;
    private int[] rowIdx;

    /** @param size number of non-ground unknowns */
    public MatrixPattern(int size) {
        this.size = size;
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

    /** Builds the CSC structure; diagonal entries are always present. */
    public void compile() {
        int n = size;
        int total = count - 1 + n;
        long[] keys = new long[total];
        int k = 0;
        for (int h = 1; h < count; h++) {
            keys[k++] = ((long) cols[h] << 32) | rows[h];
        }
        for (int i = 0; i < n; i++) {
            keys[k++] = ((long) i << 32) | i;
        }
        Arrays.sort(keys);
        int unique = 0;
        for (int i = 0; i < total; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                keys[unique++] = keys[i];
            }
        }
        colPtr = new int[n + 1];
        rowIdx = new int[unique];
        for (int i = 0; i < unique; i++) {
            int c = (int) (keys[i] >>> 32);
            rowIdx[i] = (int) keys[i];
            colPtr[c + 1]++;
        }
        for (int c = 0; c < n; c++) {
            colPtr[c + 1] += colPtr[c];
        }
        position = new int[count];
        position[TRASH] = unique; // one extra value slot at the end
        for (int h = 1; h < count; h++) {
            long key = ((long) cols[h] << 32) | rows[h];
            position[h] = Arrays.binarySearch(keys, 0, unique, key);
        }
        rows = null;
        cols = null;
    }

    /** Value-array position of a handle (valid after compile). */
    public int position(int handle) {
        return position[handle];
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
