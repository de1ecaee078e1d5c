package org.memspice.crossbar.programming;

/** The voltage across every cell while cell (row, column) is written with voltage v. */
interface PulseVoltages {
    /** Fills out[i·N + j] for the present cell states. */
    void compute(int row, int column, double v, HalfSelectScheme scheme, double[] out);
}
