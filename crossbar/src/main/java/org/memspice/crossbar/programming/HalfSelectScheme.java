package org.memspice.crossbar.programming;

/**
 * How the lines of a crossbar are biased while one cell is written with voltage V: the selected
 * row at V and the selected column at 0, and the other lines at V/2 (every half-selected cell sees
 * V/2, the rest 0) or the other rows at V/3 and the other columns at 2V/3 (half-selected cells
 * see V/3, the rest −V/3).
 */
public enum HalfSelectScheme {
    V_HALF, V_THIRD;

    /** Voltage applied to a row, selected or not. */
    public double rowVoltage(boolean selected, double v) {
        return selected ? v : this == V_HALF ? v / 2 : v / 3;
    }

    /** Voltage applied to a column, selected or not. */
    public double columnVoltage(boolean selected, double v) {
        return selected ? 0 : this == V_HALF ? v / 2 : 2 * v / 3;
    }

    /** Voltage across a cell in the selected row and/or column (neither, one or both), with ideal lines. */
    public double cellVoltage(boolean selectedRow, boolean selectedColumn, double v) {
        return rowVoltage(selectedRow, v) - columnVoltage(selectedColumn, v);
    }
}
