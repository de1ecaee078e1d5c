package org.memspice.crossbar;

import org.memspice.crossbar.programming.HalfSelectScheme;

/**
 * How the other lines are held while one cell (i, j) is read with voltage V on its row and its
 * column at 0 V: left floating (the worst sneak paths of a passive array), grounded, or biased
 * like a V/2 or V/3 write (unselected rows and columns at V/2, or rows at V/3 and columns at
 * 2V/3), which keeps the voltage across sneak paths small.
 */
public enum ReadScheme {
    FLOATING, GROUNDED, V_HALF, V_THIRD;

    /**
     * The bias of a single-cell read of (row, column) at voltage v: the selected row's word line at
     * {@code wordLine}, the others at 0 V (their access transistors off).
     */
    public Bias bias(int rows, int cols, int row, int column, double v, double wordLine) {
        double[] r = new double[rows];
        double[] c = new double[cols];
        for (int i = 0; i < rows; i++) {
            r[i] = i == row ? v : unselected(true, v);
        }
        for (int j = 0; j < cols; j++) {
            c[j] = j == column ? 0 : unselected(false, v);
        }
        double[] wl = new double[rows];
        wl[row] = wordLine;
        return new Bias(r, c, wl);
    }

    /** Voltage of an unselected row ({@code row}) or column. */
    private double unselected(boolean row, double v) {
        switch (this) {
            case FLOATING:
                return Bias.FLOATING;
            case GROUNDED:
                return 0;
            default:
                return row ? writeScheme().rowVoltage(false, v) : writeScheme().columnVoltage(false, v);
        }
    }

    private HalfSelectScheme writeScheme() {
        return this == V_HALF ? HalfSelectScheme.V_HALF : HalfSelectScheme.V_THIRD;
    }
}
