package org.memspice.dse.hw;

/**
 * A tile of linear cells as a linear map: column currents I = Tᵀ·v and power vᵀ·Y·v. With ideal
 * lines T is the cells' conductance matrix and Y = diag(Σ_j G_ij); with wire, driver and sense
 * resistance, T and Y are the crossbar's exact transfer matrices
 * ({@link org.memspice.crossbar.solve.LinearTransfer}). Rows at 0 V cost nothing: a read touches
 * only the driven rows. Immutable, so threads share it.
 */
public final class LinearTile implements TileCircuit {
    private final int rows;
    private final int cols;
    /** Row i's contribution per volt to every column, R×C row-major. */
    private final double[] transfer;
    /** Y, R×R row-major, or null for a diagonal one in {@link #diagonal}. */
    private final double[] admittance;
    private final double[] diagonal;
    private final ThreadLocal<int[]> driven;

    private LinearTile(int rows, int cols, double[] transfer, double[] admittance, double[] diagonal) {
        this.rows = rows;
        this.cols = cols;
        this.transfer = transfer;
        this.admittance = admittance;
        this.diagonal = diagonal;
        this.driven = ThreadLocal.withInitial(() -> new int[rows]);
    }

    /** Ideal lines: every cell sees its row's voltage against a 0 V column. */
    public static LinearTile ideal(int rows, int cols, double[] g) {
        double[] d = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += g[i * cols + j];
            }
            d[i] = s;
        }
        return new LinearTile(rows, cols, g.clone(), null, d);
    }

    /** Exact transfer matrices: columns (C×R, as TransferMatrix holds them) and admittance (R×R). */
    public static LinearTile exact(int rows, int cols, double[] columns, double[] admittance) {
        double[] t = new double[rows * cols];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                t[i * cols + j] = columns[j * rows + i];
            }
        }
        return new LinearTile(rows, cols, t, admittance.clone(), null);
    }

    @Override
    public double read(double[] v, double[] out) {
        java.util.Arrays.fill(out, 0, cols, 0);
        int[] nz = driven.get();
        int count = 0;
        for (int i = 0; i < rows; i++) {
            if (v[i] != 0) {
                nz[count++] = i;
            }
        }
        double power = 0;
        for (int q = 0; q < count; q++) {
            int i = nz[q];
            double vi = v[i];
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                out[j] += vi * transfer[base + j];
            }
            if (diagonal != null) {
                power += vi * vi * diagonal[i];
            } else {
                double s = 0;
                int yb = i * rows;
                for (int r = 0; r < count; r++) {
                    s += admittance[yb + nz[r]] * v[nz[r]];
                }
                power += vi * s;
            }
        }
        return power;
    }

    @Override
    public TileCircuit copy() {
        return this;
    }
}
