package org.memspice.crossbar.cell;

/**
 * The M·N cells of a crossbar, stored column-free as arrays (cell k = i·N + j) so that memory stays
 * linear and no object exists per cell. A cell joins row node (i, j) to column node (i, j); 1T1R
 * cells also see their row's word line.
 */
public interface CellArray {
    int size();

    /** True when every cell's current is linear in its terminal voltages (one solve suffices). */
    boolean isLinear();

    /** True when each cell's current depends only on the voltage across it (a symmetric Jacobian). */
    boolean isTwoTerminal();

    /** Evaluates cell k with its row node at {@code row} V, column node at {@code column} V and word line at {@code wordLine} V. */
    void evaluate(int k, double row, double column, double wordLine, CellPoint out);

    /**
     * Netlist lines for cell k named {@code name}, between the given nodes, for the general engine;
     * model cards come from {@link #modelCards}.
     */
    String netlist(int k, String name, String row, String column, String wordLine);

    /** The .model cards the cells' netlist lines refer to (empty when none). */
    String modelCards();
}
