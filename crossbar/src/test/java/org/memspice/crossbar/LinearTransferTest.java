package org.memspice.crossbar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.memspice.crossbar.cell.ConductanceCells;
import org.memspice.crossbar.cell.MemristorCells;
import org.memspice.crossbar.solve.CrossbarSolution;
import org.memspice.crossbar.solve.CrossbarSolver;
import org.memspice.crossbar.solve.LinearTransfer;
import org.memspice.crossbar.solve.NodalLu;
import org.memspice.crossbar.solve.TransferMatrix;

/**
 * Exact transfer matrices, and reads through the factorized nodal system, against the iterative
 * solver (which is checked node by node against the general engine).
 */
class LinearTransferTest {
    private static ConductanceCells cells(int rows, int cols, long seed, double unused) {
        Random r = new Random(seed);
        ConductanceCells c = new ConductanceCells(rows * cols);
        for (int k = 0; k < rows * cols; k++) {
            c.set(k, r.nextDouble() < unused ? 0 : 1 / (10e3 + 90e3 * r.nextDouble()));
        }
        return c;
    }

    private static void assertMatchesSolver(Crossbar a, long seed) {
        LinearTransfer transfer = new LinearTransfer(a.rows(), a.cols());
        TransferMatrix t = new TransferMatrix(a.rows(), a.cols());
        transfer.compute(a, t);
        CrossbarSolver solver = new CrossbarSolver(a);
        NodalLu lu = new NodalLu(a);
        NodalLu.Workspace work = lu.newWorkspace();
        Random r = new Random(seed);
        double worst = 0;
        double worstLu = 0;
        for (int read = 0; read < 3; read++) {
            double[] v = new double[a.rows()];
            for (int i = 0; i < v.length; i++) {
                v[i] = read == 0 ? (i == Math.min(2, v.length - 1) ? 0.2 : 0) : 0.3 * r.nextDouble();
            }
            CrossbarSolution s = solver.solve(Bias.read(v, a.cols(), 0), 1e-14);
            double[] out = new double[a.cols()];
            t.columnCurrents(v, out);
            double[] direct = new double[a.cols()];
            double luPower = lu.read(v, direct, work);
            double scale = 0;
            for (int j = 0; j < a.cols(); j++) {
                scale = Math.max(scale, Math.abs(s.columnCurrent(j)));
            }
            for (int j = 0; j < a.cols(); j++) {
                assertEquals(s.columnCurrent(j), out[j], 1e-9 * scale, "column " + j + " of read " + read);
                worst = Math.max(worst, Math.abs(s.columnCurrent(j) - out[j]) / scale);
                assertEquals(out[j], direct[j], 1e-12 * scale, "nodal LU, column " + j + " of read " + read);
                worstLu = Math.max(worstLu, Math.abs(direct[j] - out[j]) / scale);
            }
            assertEquals(s.sourcePower(), t.power(v), 1e-9 * s.sourcePower(), "power of read " + read);
            assertEquals(t.power(v), luPower, 1e-10 * luPower, "nodal LU power of read " + read);
        }
        System.out.printf("transfer matrix %dx%d (%s/%s): worst column-current difference from the solver %.2e, from the"
                + " nodal LU %.2e of the largest%n", a.rows(), a.cols(), a.rowDrive(), a.columnSense(), worst, worstLu);
    }

    @ParameterizedTest
    @EnumSource(Ends.class)
    void columnCurrentsAndPowerEqualTheIterativeSolversForEveryTermination(Ends ends) {
        Crossbar a = new Crossbar(9, 7, 2.5, 3.0, 10, 5, ends, ends == Ends.NEAR ? Ends.FAR : Ends.BOTH, cells(9, 7, 1, 0.2));
        assertMatchesSolver(a, 4);
    }

    @Test
    void rectangularTilesWithStrongIrDropMatchToo() {
        assertMatchesSolver(new Crossbar(40, 12, 5, 5, 20, 20, cells(40, 12, 2, 0.1)), 5);
        assertMatchesSolver(new Crossbar(6, 33, 5, 5, 20, 20, cells(6, 33, 3, 0.0)), 6);
        assertMatchesSolver(new Crossbar(1, 1, 1, 1, 1, 1, cells(1, 1, 3, 0.0)), 7);
    }

    @Test
    void refusesNonlinearCellsAndOversizedArrays() {
        LinearTransfer t = new LinearTransfer(2, 2);
        Crossbar a = new Crossbar(2, 2, 1, 1, 1, 1, new MemristorCells(4, "hp", java.util.Map.of()));
        assertThrows(IllegalArgumentException.class, () -> t.compute(a, new TransferMatrix(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> new NodalLu(a));
        assertThrows(IllegalArgumentException.class, () -> new LinearTransfer(512, 512));
    }
}
