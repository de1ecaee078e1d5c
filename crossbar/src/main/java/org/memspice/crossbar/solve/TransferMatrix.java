package org.memspice.crossbar.solve;

/**
 * The exact linear response of a crossbar of linear cells read into grounded column
 * terminations: column currents I = T·v and row source currents J = Y·v for row input voltages
 * v (M values). {@code columns} is N×M row-major (I_j = Σ_i T[j·M + i]·v_i); {@code admittance}
 * is M×M row-major (J_i = Σ_k Y[i·M + k]·v_k, the current each row source delivers into its
 * driver, so that the power of a read is vᵀ·Y·v, every watt of drivers, wires, cells and sense
 * terminations included). Filled by {@link LinearTransfer}.
 */
public final class TransferMatrix {
    private final int rows;
    private final int cols;
    /** T, N×M row-major. */
    public final double[] columns;
    /** Y, M×M row-major. */
    public final double[] admittance;

    public TransferMatrix(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.columns = new double[rows * cols];
        this.admittance = new double[rows * rows];
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** out[j] = Σ_i T[j][i]·v[i] for the N columns. */
    public void columnCurrents(double[] v, double[] out) {
        for (int j = 0; j < cols; j++) {
            double s = 0;
            int base = j * rows;
            for (int i = 0; i < rows; i++) {
                s += columns[base + i] * v[i];
            }
            out[j] = s;
        }
    }

    /** The power the row sources deliver for inputs v: vᵀ·Y·v (W). */
    public double power(double[] v) {
        double p = 0;
        for (int i = 0; i < rows; i++) {
            double s = 0;
            int base = i * rows;
            for (int k = 0; k < rows; k++) {
                s += admittance[base + k] * v[k];
            }
            p += v[i] * s;
        }
        return p;
    }
}
