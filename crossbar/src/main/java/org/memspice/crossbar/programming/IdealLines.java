package org.memspice.crossbar.programming;

/** Lines without resistance: every cell sees exactly the scheme's bias. */
final class IdealLines implements PulseVoltages {
    private final int rows;
    private final int cols;

    IdealLines(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
    }

    @Override
    public void compute(int row, int column, double v, HalfSelectScheme scheme, double[] out) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = scheme.cellVoltage(i == row, j == column, v);
            }
        }
    }
}
