package org.memspice.dse.hw;

/**
 * A tile's cells after programming: the conductance of every cell (row-major R×C, S) and whether
 * it is formed (programmed as part of a block); unformed cells are open (0 S) and are not
 * touched by the non-idealities of programmed devices.
 */
public final class TileConductances {
    public final int rows;
    public final int cols;
    public final double[] g;
    public final boolean[] formed;

    public TileConductances(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.g = new double[rows * cols];
        this.formed = new boolean[rows * cols];
    }
}
