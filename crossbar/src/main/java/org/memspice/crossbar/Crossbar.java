package org.memspice.crossbar;

import org.memspice.crossbar.cell.CellArray;

/**
 * A crossbar of M rows × N columns with wire resistance, as in shared/reference/xbar_passive_64:
 * row i's wire has {@code rowSegment} ohms between adjacent cells and is driven at one or both
 * ends through {@code driver} ohms; column j runs from row 0 (top) to row M−1 (bottom) with
 * {@code columnSegment} ohms per segment and is terminated at one or both ends through
 * {@code sense} ohms (into a virtual ground or a sense resistor). Cell (i, j) joins row node
 * (i, j) to column node (i, j): fixed conductances, memristors of any device model, or 1T1R cells
 * with word line i on the gates ({@link CellArray}).
 */
public final class Crossbar {
    /**
     * Conductance (S) from each end of a floating line to ground, so that a line cut off by
     * non-conducting cells still has a defined voltage; 1e-12 S, SPICE's default gmin.
     */
    public static final double FLOATING_LEAK = 1e-12;

    private final int rows;
    private final int cols;
    private final double rowSegment;
    private final double columnSegment;
    private final double driver;
    private final double sense;
    private final Ends rowDrive;
    private final Ends columnSense;
    private final CellArray cells;

    public Crossbar(int rows, int cols, double rowSegment, double columnSegment, double driver, double sense,
            Ends rowDrive, Ends columnSense, CellArray cells) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("an array needs at least one row and one column");
        }
        if (!(rowSegment > 0 && columnSegment > 0 && driver > 0 && sense > 0)) {
            throw new IllegalArgumentException("wire, driver and sense resistances must be positive");
        }
        if (cells.size() != rows * cols) {
            throw new IllegalArgumentException(rows + "x" + cols + " array with " + cells.size() + " cells");
        }
        this.rows = rows;
        this.cols = cols;
        this.rowSegment = rowSegment;
        this.columnSegment = columnSegment;
        this.driver = driver;
        this.sense = sense;
        this.rowDrive = rowDrive;
        this.columnSense = columnSense;
        this.cells = cells;
    }

    /** Rows driven at their left ends, columns read at their bottom ends (the reference layout). */
    public Crossbar(int rows, int cols, double rowSegment, double columnSegment, double driver, double sense,
            CellArray cells) {
        this(rows, cols, rowSegment, columnSegment, driver, sense, Ends.NEAR, Ends.NEAR, cells);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double rowSegment() {
        return rowSegment;
    }

    public double columnSegment() {
        return columnSegment;
    }

    public double driver() {
        return driver;
    }

    public double sense() {
        return sense;
    }

    public Ends rowDrive() {
        return rowDrive;
    }

    public Ends columnSense() {
        return columnSense;
    }

    public CellArray cells() {
        return cells;
    }

    /** Index of cell (i, j). */
    public int cell(int i, int j) {
        return i * cols + j;
    }
}
