package org.memspice.crossbar.cell;

/**
 * One cell evaluated at its line voltages: the current from its row (bit line) node into its
 * column node and the partial derivatives with respect to both node voltages.
 */
public final class CellPoint {
    public double current;
    public double dRow;
    public double dColumn;

    public void set(double current, double dRow, double dColumn) {
        this.current = current;
        this.dRow = dRow;
        this.dColumn = dColumn;
    }
}
