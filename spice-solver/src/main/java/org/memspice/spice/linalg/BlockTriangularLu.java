package org.memspice.spice.linalg;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * LU factorization through the block triangular form, as KLU does: a structural maximum
 * transversal pairs every column with a row, the strongly connected components of the paired
 * matrix's graph (Tarjan) are its diagonal blocks, and ordered so that no row of a block refers to
 * an unknown of an earlier block, the matrix is block upper triangular. Each diagonal block of two
 * or more unknowns is factored by its own {@link SparseLu} (fill-reducing order, static structure,
 * pivoting inside the block); one-unknown blocks are a division; the entries above the blocks are
 * never factored, only used by the block back substitution. A circuit whose stages drive each
 * other one way (controlled sources, behavioural sources reading other nodes, a transistor's gate)
 * splits this way, and fill-in and pivoting stay inside each stage.
 *
 * <p>An irreducible matrix (one block: a crossbar, any resistive mesh) is factored by one
 * {@link SparseLu} over the whole pattern, exactly as without this class; so is a structurally
 * singular one, whose missing pivot the LU then names.
 */
public final class BlockTriangularLu {
    private final int n;
    private final int nz;
    private final SparseLu.Ordering ordering;
    /** The whole matrix's LU when it is one block (or structurally singular); null when split. */
    private final SparseLu whole;

    // the split form (unused when whole != null)
    /** Number of diagonal blocks, their first positions (blockStart[b]..blockStart[b+1]-1) in the block order. */
    private int blocks;
    private int[] blockStart;
    /** Column (unknown) and paired row at each position of the block order. */
    private int[] columnAt;
    private int[] rowAt;
    /** Block of each column, and of each row (the block of its paired column). */
    private int[] blockOfColumn;
    private int[] blockOfRow;
    /** Position of each column and row inside its block. */
    private int[] localOfColumn;
    private int[] localOfRow;
    /** The LU of each block of two or more unknowns (null for one-unknown blocks). */
    private SparseLu[] lus;
    /** Values of each block's pattern, and for every entry of A the index into its block's values (-1 above the blocks). */
    private double[][] blockValues;
    private int[] valueIndex;
    /** The one-unknown blocks' entry index into A (−1: structurally zero cannot happen: the transversal has it). */
    private int[] singleEntry;
    /** Entries above the blocks, by row block: A's entry index, its row and its column. */
    private int[] upperStart;
    private int[] upperEntry;
    private int[] upperRow;
    private int[] upperColumn;
    /**
     * The values the solves use, copied when the matrix is factored (the caller may restamp its
     * array before solving with these factors, as modified Newton's chord steps do): the entries
     * above the blocks, in {@link #upperEntry} order, and each one-unknown block's pivot.
     */
    private double[] upperValue;
    private double[] singlePivot;
    private double[] local;
    private double[] localSolution;
    private double[] scratch;
    private double[] reduced;

    private int fullFactorizations;
    private int refactorizations;
    private int pivotingFactorizations;

    /** For the pattern of a square matrix in compressed columns (rows of each column in any order). */
    public BlockTriangularLu(int n, int[] colPtr, int[] rowIdx, SparseLu.Ordering ordering) {
        this.n = n;
        this.nz = colPtr[n];
        this.ordering = ordering;
        int[] rowOfColumn = MaximumTransversal.rowOfEachColumn(n, colPtr, rowIdx);
        int[] blockOf = rowOfColumn == null ? null : blocksOf(n, colPtr, rowIdx, rowOfColumn);
        if (blockOf == null || blocks == 1) {
            whole = new SparseLu(n, colPtr, rowIdx, ordering);
            blocks = 1;
            return;
        }
        whole = null;
        split(colPtr, rowIdx, rowOfColumn, blockOf);
    }

    /** Passed to every block's {@link SparseLu#expectFactorizations}; before the first factorization. */
    public void expectFactorizations(double count) {
        eachLu(lu -> lu.expectFactorizations(count));
    }

    /** {@code action} on the whole matrix's LU, or on each block's of two or more unknowns. */
    private void eachLu(Consumer<SparseLu> action) {
        if (whole != null) {
            action.accept(whole);
            return;
        }
        for (SparseLu lu : lus) {
            if (lu != null) {
                action.accept(lu);
            }
        }
    }

    public BlockTriangularLu(int n, int[] colPtr, int[] rowIdx) {
        this(n, colPtr, rowIdx, SparseLu.Ordering.AUTO);
    }

    /**
     * The block of every column, blocks numbered in back-substitution order reversed (block 0 first:
     * it refers to unknowns of its own and of later blocks only), and {@link #blocks} set; null
     * when there is one block.
     */
    private int[] blocksOf(int n, int[] ap, int[] ai, int[] rowOfColumn) {
        // graph on columns: column j (its paired row r) refers to column k when A[r][k] != 0
        int[] columnOfRow = new int[n];
        for (int j = 0; j < n; j++) {
            columnOfRow[rowOfColumn[j]] = j;
        }
        // the paired rows' entries, by row: transpose A's pattern, rows renamed by their column
        int[] rp = new int[n + 1];
        for (int p = 0; p < ap[n]; p++) {
            rp[columnOfRow[ai[p]] + 1]++;
        }
        for (int j = 0; j < n; j++) {
            rp[j + 1] += rp[j];
        }
        int[] next = Arrays.copyOf(rp, n);
        int[] rc = new int[ap[n]];
        for (int k = 0; k < n; k++) {
            for (int p = ap[k]; p < ap[k + 1]; p++) {
                rc[next[columnOfRow[ai[p]]]++] = k;
            }
        }
        int[] component = StronglyConnected.components(n, rp, rc);
        int count = 0;
        for (int c : component) {
            count = Math.max(count, c + 1);
        }
        blocks = count;
        if (count == 1) {
            return null;
        }
        // Tarjan numbers a component after every component it refers to: reverse, so that block 0 refers only forward
        for (int j = 0; j < n; j++) {
            component[j] = count - 1 - component[j];
        }
        return component;
    }

    private void split(int[] ap, int[] ai, int[] rowOfColumn, int[] blockOf) {
        blockStart = new int[blocks + 1];
        for (int j = 0; j < n; j++) {
            blockStart[blockOf[j] + 1]++;
        }
        for (int b = 0; b < blocks; b++) {
            blockStart[b + 1] += blockStart[b];
        }
        columnAt = new int[n];
        rowAt = new int[n];
        blockOfColumn = blockOf;
        blockOfRow = new int[n];
        localOfColumn = new int[n];
        localOfRow = new int[n];
        int[] fill = Arrays.copyOf(blockStart, blocks);
        for (int j = 0; j < n; j++) {
            int b = blockOf[j];
            int at = fill[b]++;
            columnAt[at] = j;
            rowAt[at] = rowOfColumn[j];
            blockOfRow[rowOfColumn[j]] = b;
            localOfColumn[j] = at - blockStart[b];
            localOfRow[rowOfColumn[j]] = at - blockStart[b];
        }
        // each block's pattern in its local columns and rows (row local index = position of its paired column)
        lus = new SparseLu[blocks];
        blockValues = new double[blocks][];
        singleEntry = new int[blocks];
        Arrays.fill(singleEntry, -1);
        valueIndex = new int[nz];
        Arrays.fill(valueIndex, -1);
        int[] upperCount = new int[blocks + 1];
        for (int b = 0; b < blocks; b++) {
            int size = blockStart[b + 1] - blockStart[b];
            int[] cp = new int[size + 1];
            int count = 0;
            for (int local = 0; local < size; local++) {
                int j = columnAt[blockStart[b] + local];
                for (int p = ap[j]; p < ap[j + 1]; p++) {
                    if (blockOfRow[ai[p]] == b) {
                        count++;
                    }
                }
                cp[local + 1] = count;
            }
            int[] ri = new int[count];
            int k = 0;
            for (int local = 0; local < size; local++) {
                int j = columnAt[blockStart[b] + local];
                for (int p = ap[j]; p < ap[j + 1]; p++) {
                    int rb = blockOfRow[ai[p]];
                    if (rb == b) {
                        valueIndex[p] = k;
                        ri[k++] = localOfRow[ai[p]];
                        if (size == 1) {
                            singleEntry[b] = p;
                        }
                    } else {
                        if (rb > b) {
                            throw new IllegalStateException("block order: row block " + rb + " refers to earlier column block " + b);
                        }
                        upperCount[rb + 1]++;
                    }
                }
            }
            if (size > 1) {
                lus[b] = new SparseLu(size, cp, ri, ordering);
                blockValues[b] = new double[count];
            }
        }
        for (int b = 0; b < blocks; b++) {
            upperCount[b + 1] += upperCount[b];
        }
        upperStart = upperCount;
        int total = upperStart[blocks];
        upperEntry = new int[total];
        upperRow = new int[total];
        upperColumn = new int[total];
        int[] at = Arrays.copyOf(upperStart, blocks);
        for (int j = 0; j < n; j++) {
            for (int p = ap[j]; p < ap[j + 1]; p++) {
                if (valueIndex[p] < 0) {
                    int e = at[blockOfRow[ai[p]]]++;
                    upperEntry[e] = p;
                    upperRow[e] = ai[p];
                    upperColumn[e] = j;
                }
            }
        }
        upperValue = new double[total];
        singlePivot = new double[blocks];
        columnOfEntry = new int[nz];
        for (int j = 0; j < n; j++) {
            Arrays.fill(columnOfEntry, ap[j], ap[j + 1], j);
        }
        local = new double[n];
        localSolution = new double[n];
        scratch = new double[n];
        reduced = new double[n];
    }

    /** Factors the matrix with values {@code ax} (aligned with the pattern); reuses each block's analysis. */
    public void factor(double[] values) {
        if (whole != null) {
            int full = whole.fullFactorizations();
            int pivoting = whole.pivotingFactorizations();
            whole.factor(values);
            count(whole.fullFactorizations() > full, whole.pivotingFactorizations() > pivoting);
            return;
        }
        for (int e = 0; e < upperEntry.length; e++) {
            upperValue[e] = values[upperEntry[e]];
        }
        for (int p = 0; p < nz; p++) {
            int v = valueIndex[p];
            if (v >= 0) {
                int b = blockOfColumn[colOf(p)];
                if (lus[b] != null) {
                    blockValues[b][v] = values[p];
                }
            }
        }
        boolean full = fullFactorizations == 0; // the first factorization is a full one, even of one-unknown blocks only
        boolean pivoting = false;
        for (int b = 0; b < blocks; b++) {
            if (lus[b] == null) {
                double pivot = values[singleEntry[b]];
                if (pivot == 0 || !Double.isFinite(pivot)) {
                    throw new SingularMatrixException(columnAt[blockStart[b]]);
                }
                singlePivot[b] = pivot;
                continue;
            }
            int f = lus[b].fullFactorizations();
            int pv = lus[b].pivotingFactorizations();
            try {
                lus[b].factor(blockValues[b]);
            } catch (SingularMatrixException e) {
                throw new SingularMatrixException(columnAt[blockStart[b] + e.unknown()]);
            }
            full |= lus[b].fullFactorizations() > f;
            pivoting |= lus[b].pivotingFactorizations() > pv;
        }
        count(full, pivoting);
    }

    private int[] columnOfEntry;

    /** The column of A's entry p. */
    private int colOf(int p) {
        return columnOfEntry[p];
    }

    private void count(boolean full, boolean pivoting) {
        if (full) {
            fullFactorizations++;
        } else {
            refactorizations++;
        }
        if (pivoting) {
            pivotingFactorizations++;
        }
    }

    /** Forgets every pivot sequence, so that the next {@link #factor} pivots afresh. */
    public void invalidate() {
        eachLu(SparseLu::invalidate);
    }

    /** {@link SparseLu#release} for every block. */
    public void release() {
        eachLu(SparseLu::release);
    }

    /** Solves A x = b (block back substitution); {@code b} and {@code x} may be the same array. */
    public void solve(double[] b, double[] x) {
        if (whole != null) {
            whole.solve(b, x);
            return;
        }
        double[] sol = localSolution;
        for (int k = blocks - 1; k >= 0; k--) {
            int from = blockStart[k];
            int size = blockStart[k + 1] - from;
            // the block's rows, less the entries above it times the unknowns of later blocks (solved already)
            for (int i = 0; i < size; i++) {
                local[i] = b[rowAt[from + i]];
            }
            for (int e = upperStart[k]; e < upperStart[k + 1]; e++) {
                local[localOfRow[upperRow[e]]] -= upperValue[e] * sol[upperColumn[e]];
            }
            if (lus[k] == null) {
                sol[columnAt[from]] = local[0] / singlePivot[k];
            } else {
                lus[k].solve(local, local, scratch);
                for (int i = 0; i < size; i++) {
                    sol[columnAt[from + i]] = local[i];
                }
            }
        }
        System.arraycopy(sol, 0, x, 0, n);
    }

    /** Solves A<sup>T</sup> x = b (block forward substitution); {@code b} and {@code x} may be the same array. */
    public void solveTransposed(double[] b, double[] x) {
        if (whole != null) {
            whole.solveTransposed(b, x);
            return;
        }
        // unknowns of the transposed system live on A's rows; block k's equations are its columns
        double[] sol = localSolution;
        Arrays.fill(sol, 0);
        System.arraycopy(b, 0, reduced, 0, n);
        for (int k = 0; k < blocks; k++) {
            int from = blockStart[k];
            int size = blockStart[k + 1] - from;
            for (int i = 0; i < size; i++) {
                local[i] = reduced[columnAt[from + i]];
            }
            if (lus[k] == null) {
                sol[rowAt[from]] = local[0] / singlePivot[k];
            } else {
                lus[k].solveTransposed(local, local, scratch);
                for (int i = 0; i < size; i++) {
                    sol[rowAt[from + i]] = local[i];
                }
            }
            // this block's rows reach the equations (columns) of later blocks through the entries above the diagonal
            for (int e = upperStart[k]; e < upperStart[k + 1]; e++) {
                reduced[upperColumn[e]] -= upperValue[e] * sol[upperRow[e]];
            }
        }
        System.arraycopy(sol, 0, x, 0, n);
    }

    /** Diagonal blocks (1 when the matrix is irreducible). */
    public int blocks() {
        return blocks;
    }

    /**
     * The ordering chosen for the largest diagonal block (the whole matrix when irreducible); null
     * before the first factorization or when every block is a single entry.
     */
    public SparseLu.Ordering chosenOrdering() {
        if (whole != null) {
            return whole.chosenOrdering();
        }
        SparseLu largest = null;
        int most = 1;
        for (int b = 0; b < blocks; b++) {
            int size = blockStart[b + 1] - blockStart[b];
            if (lus[b] != null && size > most) {
                most = size;
                largest = lus[b];
            }
        }
        return largest == null ? null : largest.chosenOrdering();
    }

    /** Unknowns in the largest diagonal block. */
    public int largestBlock() {
        if (whole != null) {
            return n;
        }
        int most = 0;
        for (int b = 0; b < blocks; b++) {
            most = Math.max(most, blockStart[b + 1] - blockStart[b]);
        }
        return most;
    }

    /** The most threads any block's present factorization is shared among (1 when none is shared). */
    public int factorThreads() {
        int[] most = {1};
        eachLu(lu -> most[0] = Math.max(most[0], lu.factorThreads()));
        return most[0];
    }

    /** Factorizations that analysed or pivoted afresh in some block. */
    public int fullFactorizations() {
        return fullFactorizations;
    }

    /** Factorizations that reused every block's pivot sequence. */
    public int refactorizations() {
        return refactorizations;
    }

    /** Full factorizations that left a block's static structure for partial pivoting. */
    public int pivotingFactorizations() {
        return pivotingFactorizations;
    }

    /** Floating-point operations of one factorization of every block (a one-unknown block counts one). */
    public double factorFlops() {
        if (whole != null) {
            return whole.factorFlops();
        }
        double total = 0;
        for (int b = 0; b < blocks; b++) {
            total += lus[b] == null ? 1 : lus[b].factorFlops();
        }
        return total;
    }

    /** Nonzeros of the blocks' L and U (one-unknown blocks count one), saturating at the largest int. */
    public int factorNonZeros() {
        if (whole != null) {
            return whole.factorNonZeros();
        }
        long total = 0;
        for (int b = 0; b < blocks; b++) {
            total += lus[b] == null ? 1 : lus[b].factorNonZeros();
        }
        return (int) Math.min(Integer.MAX_VALUE, total);
    }
}
