package org.memspice.crossbar.programming;

/**
 * How the lines of a crossbar are biased while one cell is written with voltage V: the selected
 * row at V and the selected column at 0, and the other lines at V/2 (every half-selected cell sees
 * V/2, the rest 0) or the other rows at V/3 and the other columns at 2V/3 (half-selected cells
 * see V/3, the rest −V/3).
 */
public enum HalfSelectScheme {
    V_HALF, V_THIRD;

    /** Voltage across a cell in the selected row and/or column (neither, one or both). */
    public double cellVoltage(boolean selectedRow, boolean selectedColumn, double v) {
        if (selectedRow && selectedColumn) {
            return v;
        }
        if (this == V_HALF) {
            return selectedRow || selectedColumn ? v / 2 : 0;
        }
        return selectedRow || selectedColumn ? v / 3 : -v / 3;
    }
}
