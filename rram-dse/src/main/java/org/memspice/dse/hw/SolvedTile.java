package org.memspice.dse.hw;

import org.memspice.crossbar.Bias;
import org.memspice.crossbar.Crossbar;
import org.memspice.crossbar.cell.CellArray;
import org.memspice.crossbar.cell.CellPoint;
import org.memspice.crossbar.solve.CrossbarSolution;
import org.memspice.crossbar.solve.CrossbarSolver;
import org.memspice.spice.analysis.ConvergenceException;

/**
 * A tile read through the crossbar's own solver, read by read: nonlinear cells (memristor I-V,
 * 1T1R with the level-1 transistor) with line resistance solved exactly by Newton-Krylov
 * ({@link CrossbarSolver}, from the last read's node voltages), or with ideal lines each cell
 * evaluated at its row's voltage against a 0 V column. Word lines of rows that hold no block are
 * off. Each thread reads through its own {@link #copy}.
 */
public final class SolvedTile implements TileCircuit {
    /** Relative KCL residual of a read's solve: node voltages to about 1e-7 of the read voltage. */
    public static final double TOLERANCE = 1e-10;
    private final Crossbar array;
    private final double[] wordLines;
    private final boolean idealLines;
    private final CrossbarSolver solver;
    private final double[] columns;
    private final CellPoint point = new CellPoint();
    private double[] guess;

    public SolvedTile(Crossbar array, double[] wordLines, boolean idealLines) {
        this.array = array;
        this.wordLines = wordLines;
        this.idealLines = idealLines;
        this.solver = idealLines ? null : new CrossbarSolver(array);
        this.columns = new double[array.cols()];
    }

    @Override
    public double read(double[] v, double[] out) {
        int m = array.rows();
        int n = array.cols();
        if (idealLines) {
            java.util.Arrays.fill(out, 0, n, 0);
            CellArray cells = array.cells();
            double power = 0;
            for (int i = 0; i < m; i++) {
                if (v[i] == 0 && wordLines[i] == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    cells.evaluate(i * n + j, v[i], 0, wordLines[i], point);
                    out[j] += point.current;
                    power += v[i] * point.current;
                }
            }
            return power;
        }
        Bias bias = new Bias(v.clone(), columns, wordLines);
        CrossbarSolution s;
        try {
            s = solver.solve(bias, TOLERANCE, guess);
        } catch (IllegalStateException e) {
            throw new ConvergenceException("tile read: " + e.getMessage());
        }
        guess = s.nodeVoltages();
        for (int j = 0; j < n; j++) {
            out[j] = s.columnCurrent(j);
        }
        return s.sourcePower();
    }

    @Override
    public TileCircuit copy() {
        return new SolvedTile(array, wordLines, idealLines);
    }
}
