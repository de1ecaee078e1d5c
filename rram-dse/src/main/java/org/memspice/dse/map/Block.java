package org.memspice.dse.map;

/**
 * A rectangle of one tile holding part of a layer's weight matrix: inputs
 * [inputFirst, inputFirst + inputs) on tile rows [rowFirst, rowFirst + inputs), outputs
 * [outputFirst, outputFirst + outputs) on {@code columnsPerOutput} columns each from colFirst,
 * followed by the offset encoding's reference columns. Every cell of the rectangle is formed and
 * programmed (zero weights at the zero-weight conductance); cells outside every block are left
 * unformed (open).
 */
public record Block(int inputFirst, int inputs, int outputFirst, int outputs, int rowFirst, int colFirst, int width) {
    /** Cells the block occupies. */
    public long cells() {
        return (long) inputs * width;
    }
}
