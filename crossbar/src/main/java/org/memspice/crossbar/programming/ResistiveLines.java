package org.memspice.crossbar.programming;

import org.memspice.crossbar.Bias;
import org.memspice.crossbar.Crossbar;
import org.memspice.crossbar.solve.CrossbarSolution;
import org.memspice.crossbar.solve.CrossbarSolver;

/**
 * Lines with wire, driver and termination resistance: the scheme's voltages drive the rows'
 * driven ends and the columns' terminated ends, and the array's DC solution (with the memristor
 * cells at their present states) gives what each cell really sees, IR drop and sneak currents
 * included.
 */
final class ResistiveLines implements PulseVoltages {
    private final Crossbar array;
    private final CrossbarSolver solver;
    private double[] guess;

    ResistiveLines(Crossbar array) {
        this.array = array;
        this.solver = new CrossbarSolver(array);
    }

    @Override
    public void compute(int row, int column, double v, HalfSelectScheme scheme, double[] out) {
        int m = array.rows();
        int n = array.cols();
        double[] rows = new double[m];
        double[] cols = new double[n];
        for (int i = 0; i < m; i++) {
            rows[i] = scheme.rowVoltage(i == row, v);
        }
        for (int j = 0; j < n; j++) {
            cols[j] = scheme.columnVoltage(j == column, v);
        }
        CrossbarSolution s = solver.solve(new Bias(rows, cols, new double[m]), 1e-10, guess);
        guess = s.nodeVoltages();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = s.cellVoltage(i, j);
            }
        }
    }
}
