package org.memspice.crossbar.solve;

import org.memspice.crossbar.Bias;
import org.memspice.crossbar.Crossbar;
import org.memspice.crossbar.Ends;
import org.memspice.crossbar.cell.CellPoint;

/**
 * A solved crossbar operation: every wire node's voltage and cell current, the column output
 * currents (into the sense terminations) with IR drop and sneak paths, the ideal product they
 * approximate, and the power of every element.
 */
public final class CrossbarSolution {
    private final Crossbar a;
    private final Bias bias;
    private final double[] x;
    private final double[] cellCurrent;
    private final int newtonIterations;
    private final int krylovIterations;
    private final double residual;

    CrossbarSolution(Crossbar a, Bias bias, double[] x, double[] cellCurrent, int newtonIterations, int krylovIterations,
            double residual) {
        this.a = a;
        this.bias = bias;
        this.x = x;
        this.cellCurrent = cellCurrent;
        this.newtonIterations = newtonIterations;
        this.krylovIterations = krylovIterations;
        this.residual = residual;
    }

    public Crossbar crossbar() {
        return a;
    }

    public Bias bias() {
        return bias;
    }

    /** Voltage of row node (i, j). */
    public double rowNode(int i, int j) {
        return x[i * a.cols() + j];
    }

    /** Voltage of column node (i, j). */
    public double columnNode(int i, int j) {
        return x[a.rows() * a.cols() + i * a.cols() + j];
    }

    /** All node voltages (row nodes, then column nodes, both row-major): a guess for a nearby solve. */
    public double[] nodeVoltages() {
        return x.clone();
    }

    /** Voltage across cell (i, j), row node minus column node. */
    public double cellVoltage(int i, int j) {
        return rowNode(i, j) - columnNode(i, j);
    }

    /** Current through cell (i, j) from its row node to its column node (A). */
    public double cellCurrent(int i, int j) {
        return cellCurrent[i * a.cols() + j];
    }

    /**
     * Current out of column j into its sense termination(s) (A): what a virtual-ground read
     * measures; 0 for a floating column.
     */
    public double columnCurrent(int j) {
        if (Double.isNaN(bias.columns()[j])) {
            return 0;
        }
        double s = 0;
        if (a.columnSense() != Ends.FAR) {
            s += (columnNode(a.rows() - 1, j) - bias.columns()[j]) / a.sense();
        }
        if (a.columnSense() != Ends.NEAR) {
            s += (columnNode(0, j) - bias.columns()[j]) / a.sense();
        }
        return s;
    }

    /**
     * Voltage across column j's sense resistor at its near (bottom) end, or its far end when only that
     * one is terminated: what a sense-resistor read measures; for a floating column, the voltage
     * of that end.
     */
    public double senseVoltage(int j) {
        int i = a.columnSense() == Ends.FAR ? 0 : a.rows() - 1;
        double c = bias.columns()[j];
        return columnNode(i, j) - (Double.isNaN(c) ? 0 : c);
    }

    /**
     * The ideal product: the current column j would carry with ideal lines, every cell of a driven
     * row seeing its row's input against its column's bias (Σi V_i·G_ij for linear cells); 0 for a
     * floating column.
     */
    public double idealColumnCurrent(int j) {
        if (Double.isNaN(bias.columns()[j])) {
            return 0;
        }
        CellPoint p = new CellPoint();
        double s = 0;
        for (int i = 0; i < a.rows(); i++) {
            if (Double.isNaN(bias.rows()[i])) {
                continue;
            }
            a.cells().evaluate(a.cell(i, j), bias.rows()[i], bias.columns()[j], bias.wordLines()[i], p);
            s += p.current;
        }
        return s;
    }

    /** One end of a line as a visitor sees it. */
    private interface EndVisitor {
        /**
         * @param node voltage of the wire node at that end
         * @param source voltage behind the end's resistance (0 V for a floating line's leak)
         * @param conductance driver, sense or {@link Crossbar#FLOATING_LEAK} conductance
         */
        void visit(double node, double source, double conductance);
    }

    /** Visits every connected line end: driven row ends, terminated column ends, floating lines' leaks. */
    private void forEachEnd(EndVisitor v) {
        int m = a.rows();
        int n = a.cols();
        for (int i = 0; i < m; i++) {
            double src = bias.rows()[i];
            boolean floating = Double.isNaN(src);
            double g = floating ? Crossbar.FLOATING_LEAK : 1 / a.driver();
            double s = floating ? 0 : src;
            if (a.rowDrive() != Ends.FAR) {
                v.visit(rowNode(i, 0), s, g);
            }
            if (a.rowDrive() != Ends.NEAR) {
                v.visit(rowNode(i, n - 1), s, g);
            }
        }
        for (int j = 0; j < n; j++) {
            double src = bias.columns()[j];
            boolean floating = Double.isNaN(src);
            double g = floating ? Crossbar.FLOATING_LEAK : 1 / a.sense();
            double s = floating ? 0 : src;
            if (a.columnSense() != Ends.FAR) {
                v.visit(columnNode(m - 1, j), s, g);
            }
            if (a.columnSense() != Ends.NEAR) {
                v.visit(columnNode(0, j), s, g);
            }
        }
    }

    /** Power delivered by the row and column sources (W). */
    public double sourcePower() {
        double[] p = {0};
        forEachEnd((node, source, g) -> p[0] += source * (source - node) * g);
        return p[0];
    }

    /** Power dissipated in the cells alone (W). */
    public double cellPower() {
        double p = 0;
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                p += cellCurrent(i, j) * cellVoltage(i, j);
            }
        }
        return p;
    }

    /**
     * Power dissipated in every element: drivers, wires, cells, sense terminations and the leaks
     * of floating lines (W); equals {@link #sourcePower}.
     */
    public double dissipatedPower() {
        double[] p = {cellPower()};
        forEachEnd((node, source, g) -> p[0] += square(source - node) * g);
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                if (j + 1 < a.cols()) {
                    p[0] += square(rowNode(i, j) - rowNode(i, j + 1)) / a.rowSegment();
                }
                if (i + 1 < a.rows()) {
                    p[0] += square(columnNode(i, j) - columnNode(i + 1, j)) / a.columnSegment();
                }
            }
        }
        return p[0];
    }

    private static double square(double v) {
        return v * v;
    }

    public int newtonIterations() {
        return newtonIterations;
    }

    /** Krylov iterations summed over the Newton steps. */
    public int iterations() {
        return krylovIterations;
    }

    /** Final relative residual of the nodal equations (‖KCL residual‖ / ‖source currents‖). */
    public double residual() {
        return residual;
    }
}
