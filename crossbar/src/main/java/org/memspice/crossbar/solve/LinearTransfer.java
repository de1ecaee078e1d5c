package org.memspice.crossbar.solve;

import org.memspice.crossbar.Crossbar;
import org.memspice.crossbar.Ends;
import org.memspice.crossbar.cell.ResistorCells;

/**
 * Exact transfer matrices ({@link TransferMatrix}) of crossbars of linear cells, by direct block
 * elimination of the same 2·M·N nodal equations {@link CrossbarSolver} solves iteratively: every
 * row wire's nodes are eliminated through its tridiagonal block (exactly, O(N²) per row), which
 * leaves a block-tridiagonal system over the column nodes with one dense N×N block per row and
 * the column wires' −g_c·I between neighbouring rows; block Gaussian elimination (Cholesky
 * inverses of the symmetric positive definite Schur complements) then solves it for all M unit
 * inputs at once. Exact to rounding, with no iteration count or tolerance: one read of a tile is
 * then a matrix-vector product. Cost about M·N³ + 1.5·M²·N² multiply-adds (0.6·10⁹ for 128×128);
 * memory M·N² + N·M²/2 doubles, held here and reused for every array of this shape
 * ({@link #fits} says whether a shape is worth it). Reads with the columns held at 0 V (virtual
 * ground or grounded sense resistors) and every line connected; one object per thread.
 */
public final class LinearTransfer {
    /** Largest workspace, in doubles, {@link #fits} accepts (2.4 GB would be needed for 512×512). */
    public static final long MAX_WORKSPACE = 48L << 20;

    private final int m;
    private final int n;
    /** P_k = S_k⁻¹, the inverted Schur complement of block row k, n×n each. */
    private final double[] inverses;
    /** Y_k, the eliminated right-hand sides of block row k: n×(k+1) (inputs 0..k) each. */
    private final double[] forward;
    /** Rows 0 and N−1 of each row wire's inverse (for the row-end node voltages). */
    private final double[] firstRow;
    private final double[] lastRow;
    private final double[] rowInverse;
    private final double[] schur;
    private final double[] rowPivot;
    private final double[] unit;
    private final double[] column;
    private double[] next;
    private double[] present;
    private final double[] sum;
    /** Driver conductance at the near and far row ends of the array being computed (0 where not driven). */
    private double nearDrive;
    private double farDrive;

    public LinearTransfer(int rows, int cols) {
        if (!fits(rows, cols)) {
            throw new IllegalArgumentException(rows + "x" + cols + ": an exact transfer matrix needs "
                    + workspace(rows, cols) * 8 / (1 << 20) + " MB; solve such arrays read by read with CrossbarSolver");
        }
        this.m = rows;
        this.n = cols;
        inverses = new double[m * n * n];
        forward = new double[n * m * (m + 1) / 2];
        firstRow = new double[m * n];
        lastRow = new double[m * n];
        rowInverse = new double[n * n];
        schur = new double[n * n];
        rowPivot = new double[n];
        unit = new double[n];
        column = new double[n];
        next = new double[n * m];
        present = new double[n * m];
        sum = new double[n * m];
    }

    /** Doubles of workspace an M×N array needs. */
    public static long workspace(int rows, int cols) {
        return (long) rows * cols * cols + (long) cols * rows * (rows + 1) / 2 + 4L * rows * cols;
    }

    /** Whether an M×N array's transfer matrix fits {@link #MAX_WORKSPACE}. */
    public static boolean fits(int rows, int cols) {
        return rows >= 1 && cols >= 1 && workspace(rows, cols) <= MAX_WORKSPACE;
    }

    public int rows() {
        return m;
    }

    public int cols() {
        return n;
    }

    /**
     * Fills {@code out} with the transfer matrix of {@code array}, whose cells must be linear
     * resistors ({@link ResistorCells}) and whose shape must be this object's.
     */
    public void compute(Crossbar array, TransferMatrix out) {
        if (array.rows() != m || array.cols() != n || out.rows() != m || out.cols() != n) {
            throw new IllegalArgumentException("a " + m + "x" + n + " transfer for a " + array.rows() + "x" + array.cols()
                    + " array into a " + out.rows() + "x" + out.cols() + " matrix");
        }
        if (!(array.cells() instanceof ResistorCells cells)) {
            throw new IllegalArgumentException("exact transfer matrices need linear cells, not "
                    + array.cells().getClass().getSimpleName());
        }
        double gr = 1 / array.rowSegment();
        double gc = 1 / array.columnSegment();
        double gd = 1 / array.driver();
        double gs = 1 / array.sense();
        boolean rowNear = array.rowDrive() != Ends.FAR;
        boolean rowFar = array.rowDrive() != Ends.NEAR;
        boolean colNear = array.columnSense() != Ends.FAR;
        boolean colFar = array.columnSense() != Ends.NEAR;
        nearDrive = rowNear ? gd : 0;
        farDrive = rowFar ? gd : 0;
        int nn = n * n;
        for (int k = 0; k < m; k++) {
            invertRowWire(cells, k, gr);
            System.arraycopy(rowInverse, 0, firstRow, k * n, n);
            System.arraycopy(rowInverse, (n - 1) * n, lastRow, k * n, n);
            double colEnd = (k == m - 1 && colNear ? gs : 0) + (k == 0 && colFar ? gs : 0);
            double colWire = (k > 0 ? gc : 0) + (k + 1 < m ? gc : 0) + colEnd;
            // D_k = diag(column wire + G) − G·B⁻¹·G, less g_c²·P_{k−1}
            for (int a = 0; a < n; a++) {
                double ga = cells.conductance(k * n + a);
                int row = a * n;
                for (int b = 0; b < n; b++) {
                    schur[row + b] = -ga * rowInverse[row + b] * cells.conductance(k * n + b);
                }
                schur[row + a] += colWire + ga;
            }
            if (k > 0) {
                int prev = (k - 1) * nn;
                double g2 = gc * gc;
                for (int q = 0; q < nn; q++) {
                    schur[q] -= g2 * inverses[prev + q];
                }
            }
            invertSpd(schur, inverses, k * nn, k);
            // Y_k: g_c·P_{k−1}·Y_{k−1} in inputs 0..k−1, h_k = G·B⁻¹·d in input k
            int width = k + 1;
            int base = n * k * (k + 1) / 2;
            java.util.Arrays.fill(forward, base, base + n * width, 0);
            if (k > 0) {
                int prevBase = n * (k - 1) * k / 2;
                int prev = (k - 1) * nn;
                for (int a = 0; a < n; a++) {
                    int to = base + a * width;
                    for (int b = 0; b < n; b++) {
                        double p = gc * inverses[prev + a * n + b];
                        int from = prevBase + b * k;
                        for (int c = 0; c < k; c++) {
                            forward[to + c] += p * forward[from + c];
                        }
                    }
                }
            }
            for (int a = 0; a < n; a++) {
                double h = (rowNear ? gd * rowInverse[a * n] : 0) + (rowFar ? gd * rowInverse[a * n + n - 1] : 0);
                forward[base + a * width + k] = cells.conductance(k * n + a) * h;
            }
        }
        // back substitution: C_k = P_k·(Y_k + g_c·C_{k+1}), all M inputs at once
        java.util.Arrays.fill(out.admittance, 0);
        java.util.Arrays.fill(out.columns, 0);
        for (int k = m - 1; k >= 0; k--) {
            int width = k + 1;
            int base = n * k * (k + 1) / 2;
            for (int b = 0; b < n; b++) {
                int row = b * m;
                for (int c = 0; c < m; c++) {
                    sum[row + c] = k + 1 < m ? gc * next[row + c] : 0;
                }
                for (int c = 0; c < width; c++) {
                    sum[row + c] += forward[base + b * width + c];
                }
            }
            java.util.Arrays.fill(present, 0);
            int pk = k * nn;
            for (int a = 0; a < n; a++) {
                int to = a * m;
                for (int b = 0; b < n; b++) {
                    double p = inverses[pk + a * n + b];
                    int from = b * m;
                    for (int c = 0; c < m; c++) {
                        present[to + c] += p * sum[from + c];
                    }
                }
            }
            if ((k == m - 1 && colNear) || (k == 0 && colFar)) {
                for (int j = 0; j < n; j++) {
                    for (int c = 0; c < m; c++) {
                        out.columns[j * m + c] += gs * present[j * m + c];
                    }
                }
            }
            rowEndAdmittance(cells, k, gd, rowNear, firstRow, 0, out);
            rowEndAdmittance(cells, k, gd, rowFar, lastRow, n - 1, out);
            double[] t = next;
            next = present;
            present = t;
        }
    }

    /**
     * Adds row k's driver current at one driven end (node column {@code end}) to the admittance:
     * g_d·(v_k − r_end) with r = B⁻¹·(G·c_k + d·v_k).
     */
    private void rowEndAdmittance(ResistorCells cells, int k, double gd, boolean driven, double[] inverseRow, int end,
            TransferMatrix out) {
        if (!driven) {
            return;
        }
        int yRow = k * m;
        for (int c = 0; c < m; c++) {
            double r = 0;
            for (int b = 0; b < n; b++) {
                r += inverseRow[k * n + b] * cells.conductance(k * n + b) * present[b * m + c];
            }
            out.admittance[yRow + c] -= gd * r;
        }
        // the source's own drive through d: r_end gains B⁻¹[end][0]·gd (near) and B⁻¹[end][n−1]·gd (far)
        out.admittance[yRow + k] += gd;
        out.admittance[yRow + k] -= gd * driveResponse(k, end);
    }

    /** r_end per volt of row k's input through its own driver(s), cells' coupling aside: (B⁻¹·d)[end]/1 V. */
    private double driveResponse(int k, int end) {
        double[] row = end == 0 ? firstRow : lastRow;
        return nearDrive * row[k * n] + farDrive * row[k * n + n - 1];
    }

    /**
     * Row k's wire as a symmetric tridiagonal matrix (wire segments, driver ends, cell
     * conductances on the diagonal) inverted column by column into {@link #rowInverse}.
     */
    private void invertRowWire(ResistorCells cells, int k, double gr) {
        double near = nearDrive;
        double far = farDrive;
        // Thomas factorization: pivots of the diagonal after elimination of the sub-diagonal
        for (int j = 0; j < n; j++) {
            double d = (j > 0 ? gr : 0) + (j + 1 < n ? gr : 0) + (j == 0 ? near : 0) + (j == n - 1 ? far : 0)
                    + cells.conductance(k * n + j);
            rowPivot[j] = j == 0 ? d : d - gr * gr / rowPivot[j - 1];
        }
        for (int q = 0; q < n; q++) {
            java.util.Arrays.fill(unit, 0);
            unit[q] = 1;
            column[0] = unit[0];
            for (int j = 1; j < n; j++) {
                column[j] = unit[j] + gr / rowPivot[j - 1] * column[j - 1];
            }
            column[n - 1] /= rowPivot[n - 1];
            for (int j = n - 2; j >= 0; j--) {
                column[j] = (column[j] + gr * column[j + 1]) / rowPivot[j];
            }
            for (int j = 0; j < n; j++) {
                rowInverse[j * n + q] = column[j];
            }
        }
    }

    /**
     * Inverts the symmetric positive definite n×n matrix {@code a} (destroyed) into
     * target[offset ..] by Cholesky: A = L·Lᵀ, L⁻¹ by forward substitution, A⁻¹ = L⁻ᵀ·L⁻¹.
     */
    private void invertSpd(double[] a, double[] target, int offset, int block) {
        for (int j = 0; j < n; j++) {
            int rj = j * n;
            double d = a[rj + j];
            for (int p = 0; p < j; p++) {
                d -= a[rj + p] * a[rj + p];
            }
            if (!(d > 0)) {
                throw new IllegalStateException("crossbar block row " + block + " is not positive definite (pivot " + d + ")");
            }
            double l = Math.sqrt(d);
            a[rj + j] = l;
            for (int i = j + 1; i < n; i++) {
                int ri = i * n;
                double s = a[ri + j];
                for (int p = 0; p < j; p++) {
                    s -= a[ri + p] * a[rj + p];
                }
                a[ri + j] = s / l;
            }
        }
        // L⁻¹ in the lower triangle of a, in place row by row: row i still holds L, rows above hold L⁻¹
        for (int j = 0; j < n; j++) {
            a[j * n + j] = 1 / a[j * n + j];
        }
        for (int i = 1; i < n; i++) {
            int ri = i * n;
            java.util.Arrays.fill(unit, 0, i, 0);
            for (int p = 0; p < i; p++) {
                double l = a[ri + p];
                int rp = p * n;
                for (int j = 0; j <= p; j++) {
                    unit[j] += l * a[rp + j];
                }
            }
            double inv = a[ri + i];
            for (int j = 0; j < i; j++) {
                a[ri + j] = -unit[j] * inv;
            }
        }
        // A⁻¹ = L⁻ᵀ·L⁻¹: A⁻¹[i][j] = Σ_{p ≥ i ≥ j} L⁻¹[p][i]·L⁻¹[p][j], accumulated row p by row p
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(target, offset + i * n, offset + i * n + i + 1, 0);
        }
        for (int p = 0; p < n; p++) {
            int rp = p * n;
            for (int i = 0; i <= p; i++) {
                double x = a[rp + i];
                int ti = offset + i * n;
                for (int j = 0; j <= i; j++) {
                    target[ti + j] += x * a[rp + j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                target[offset + j * n + i] = target[offset + i * n + j];
            }
        }
    }
}
