package org.memspice.crossbar;

/**
 * The solved read of a passive array: every wire node's voltage, the column output currents
 * (through the sense resistors), the ideal vector-matrix product Σi V_i·G_ij they approximate,
 * and the power dissipated in every resistive element of the operation.
 */
public final class ReadResult {
    private final PassiveArray a;
    private final double[] inputs;
    private final double[] x;
    private final int iterations;
    private final double residual;

    ReadResult(PassiveArray a, double[] inputs, double[] x, int iterations, double residual) {
        this.a = a;
        this.inputs = inputs.clone();
        this.x = x;
        this.iterations = iterations;
        this.residual = residual;
    }

    /** Voltage of row node (i, j). */
    public double rowNode(int i, int j) {
        return x[i * a.cols + j];
    }

    /** Voltage of column node (i, j). */
    public double columnNode(int i, int j) {
        return x[a.rows * a.cols + i * a.cols + j];
    }

    /** Current out of column j into its sense resistor (A). */
    public double columnCurrent(int j) {
        return columnNode(a.rows - 1, j) / a.sense;
    }

    /** The ideal product Σi V_i·G_ij (no wire, driver or sense resistance). */
    public double idealColumnCurrent(int j) {
        double s = 0;
        for (int i = 0; i < a.rows; i++) {
            s += inputs[i] * a.conductance(i, j);
        }
        return s;
    }

    /** Power delivered by the row sources (W). */
    public double sourcePower() {
        double p = 0;
        for (int i = 0; i < a.rows; i++) {
            p += inputs[i] * (inputs[i] - rowNode(i, 0)) / a.driver;
        }
        return p;
    }

    /** Power dissipated in drivers, wires, cells and sense resistors (W); equals {@link #sourcePower}. */
    public double dissipatedPower() {
        double p = 0;
        for (int i = 0; i < a.rows; i++) {
            double d = inputs[i] - rowNode(i, 0);
            p += d * d / a.driver;
            for (int j = 0; j < a.cols; j++) {
                double cell = rowNode(i, j) - columnNode(i, j);
                p += cell * cell * a.conductance(i, j);
                if (j + 1 < a.cols) {
                    double w = rowNode(i, j) - rowNode(i, j + 1);
                    p += w * w / a.rowSegment;
                }
                if (i + 1 < a.rows) {
                    double w = columnNode(i, j) - columnNode(i + 1, j);
                    p += w * w / a.colSegment;
                }
            }
        }
        for (int j = 0; j < a.cols; j++) {
            double c = columnNode(a.rows - 1, j);
            p += c * c / a.sense;
        }
        return p;
    }

    public int iterations() {
        return iterations;
    }

    /** Final relative residual of the linear solve. */
    public double residual() {
        return residual;
    }
}
