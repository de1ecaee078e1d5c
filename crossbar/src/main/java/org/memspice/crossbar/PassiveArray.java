package org.memspice.crossbar;

import java.util.Locale;

/**
 * A passive (0T1R) crossbar with wire resistance, as in shared/reference/xbar_passive_64: row i is
 * driven at its left end by a source V[i] through a driver resistance, its wire has a resistance
 * per segment between adjacent cells; column j runs top to bottom with its own segment resistance
 * and is read at its bottom end through a sense resistance into virtual ground; cell (i, j)
 * joins row node (i, j) to column node (i, j) with conductance G[i][j].
 */
public final class PassiveArray {
    final int rows;
    final int cols;
    final double[] g; // row-major conductances
    final double rowSegment;
    final double colSegment;
    final double driver;
    final double sense;

    public PassiveArray(int rows, int cols, double rowSegment, double colSegment, double driver, double sense) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("an array needs at least one row and one column");
        }
        if (!(rowSegment > 0 && colSegment > 0 && driver > 0 && sense > 0)) {
            throw new IllegalArgumentException("wire, driver and sense resistances must be positive");
        }
        this.rows = rows;
        this.cols = cols;
        this.g = new double[rows * cols];
        this.rowSegment = rowSegment;
        this.colSegment = colSegment;
        this.driver = driver;
        this.sense = sense;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public void setConductance(int i, int j, double siemens) {
        if (!(siemens >= 0)) {
            throw new IllegalArgumentException("conductance must be non-negative, got " + siemens);
        }
        g[i * cols + j] = siemens;
    }

    public double conductance(int i, int j) {
        return g[i * cols + j];
    }

    /**
     * The array as a netlist for the general engine, with node names as in the reference
     * ({@code r<i>_<j>}, {@code c<i>_<j>}, sources {@code VIN<i>}) and an operating point.
     */
    public String netlist(double[] inputs) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "* passive crossbar %dx%d written by memspice\n", rows, cols));
        for (int i = 0; i < rows; i++) {
            sb.append(String.format(Locale.ROOT, "VIN%d in%d 0 DC %.17g\nRS%d in%d r%d_0 %.17g\n", i, i, inputs[i], i, i, i,
                    driver));
            for (int j = 0; j + 1 < cols; j++) {
                sb.append(String.format(Locale.ROOT, "RR%d_%d r%d_%d r%d_%d %.17g\n", i, j, i, j, i, j + 1, rowSegment));
            }
        }
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i + 1 < rows; i++) {
                sb.append(String.format(Locale.ROOT, "RC%d_%d c%d_%d c%d_%d %.17g\n", i, j, i, j, i + 1, j, colSegment));
            }
            sb.append(String.format(Locale.ROOT, "RSENSE%d c%d_%d 0 %.17g\n", j, rows - 1, j, sense));
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double gij = g[i * cols + j];
                if (gij > 0) {
                    sb.append(String.format(Locale.ROOT, "RM%d_%d r%d_%d c%d_%d %.17g\n", i, j, i, j, i, j, 1 / gij));
                }
            }
        }
        return sb.append(".op\n.end\n").toString();
    }
}
