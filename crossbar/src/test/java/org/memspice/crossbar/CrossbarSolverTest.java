package org.memspice.crossbar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.memspice.crossbar.cell.ConductanceCells;
import org.memspice.crossbar.cell.MemristorCells;
import org.memspice.crossbar.cell.OneTransistorCells;
import org.memspice.crossbar.solve.CrossbarSolution;
import org.memspice.crossbar.solve.CrossbarSolver;
import org.memspice.devices.cell.AccessTransistor;
import org.memspice.devices.cell.OneTransistorOneMemristor;
import org.memspice.spice.Netlists;
import org.memspice.spice.output.Waveforms;
import org.memspice.spice.reference.ReferenceCase;

/** The structured solver against the general engine on the same netlist, and against ngspice. */
class CrossbarSolverTest {
    private static ConductanceCells conductances(int rows, int cols, long seed) {
        Random r = new Random(seed);
        ConductanceCells c = new ConductanceCells(rows * cols);
        for (int k = 0; k < rows * cols; k++) {
            c.set(k, 1 / (10e3 + 50e3 * r.nextDouble()));
        }
        return c;
    }

    private static double[] inputs(int rows, long seed, double lo, double hi) {
        Random r = new Random(seed);
        double[] in = new double[rows];
        for (int i = 0; i < rows; i++) {
            in[i] = lo + (hi - lo) * r.nextDouble();
        }
        return in;
    }

    /** Every row and column node of the fast solution equals the general engine's within 1e-6 relative. */
    private static void assertAgreesWithEngine(Crossbar a, Bias b, CrossbarSolution fast) {
        Waveforms engine = Netlists.run(CrossbarNetlist.write(a, b).replace(".op\n", ".options reltol=1e-9 vntol=1e-12 abstol=1e-18\n.op\n"));
        double scale = 0;
        for (double v : b.rows()) {
            scale = Double.isNaN(v) ? scale : Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                double er = engine.vector("v(r" + i + "_" + j + ")")[0];
                double ec = engine.vector("v(c" + i + "_" + j + ")")[0];
                assertEquals(er, fast.rowNode(i, j), 1e-6 * Math.abs(er) + 1e-12 * scale, "row node " + i + "," + j);
                assertEquals(ec, fast.columnNode(i, j), 1e-6 * Math.abs(ec) + 1e-12 * scale, "column node " + i + "," + j);
                worst = Math.max(worst, Math.abs(er - fast.rowNode(i, j)) / Math.abs(er));
            }
        }
        System.out.printf("crossbar %dx%d %s: structured solver vs general engine, worst row-node difference %.2e relative%n",
                a.rows(), a.cols(), a.cells().getClass().getSimpleName(), worst);
    }

    @ParameterizedTest
    @EnumSource(Ends.class)
    void passiveArrayAgreesWithTheGeneralEngineOnEveryNode(Ends ends) {
        Crossbar a = new Crossbar(9, 7, 2.5, 3.0, 10, 5, ends, ends == Ends.NEAR ? Ends.FAR : Ends.BOTH, conductances(9, 7, 1));
        Bias b = Bias.read(inputs(9, 2, 0.1, 0.3), 7, 0);
        CrossbarSolution fast = new CrossbarSolver(a).solve(b, 1e-13);
        assertEquals(1, fast.newtonIterations(), "linear cells: one solve");
        assertAgreesWithEngine(a, b, fast);
    }

    @Test
    void nonlinearMemristorCellsAgreeWithTheGeneralEngine() {
        MemristorCells cells = new MemristorCells(8 * 6, "stanford_pku", Map.of());
        Random r = new Random(5);
        for (int k = 0; k < cells.size(); k++) {
            cells.state()[k] = (0.3 + 1.4 * r.nextDouble()) * 1e-9; // gaps across the range
        }
        Crossbar a = new Crossbar(8, 6, 2.5, 2.5, 50, 20, Ends.BOTH, Ends.NEAR, cells);
        Bias b = Bias.read(inputs(8, 6, 0.2, 0.6), 6, 0);
        CrossbarSolution fast = new CrossbarSolver(a).solve(b, 1e-13);
        assertTrue(fast.newtonIterations() > 1, "Newton iterated: " + fast.newtonIterations());
        assertAgreesWithEngine(a, b, fast);
        assertEquals(fast.sourcePower(), fast.dissipatedPower(), 1e-9 * fast.sourcePower(), "energy is conserved");
    }

    @Test
    void oneTransistorCellsAgreeWithTheGeneralEngine() {
        OneTransistorOneMemristor cell = new OneTransistorOneMemristor(AccessTransistor.typical(), "yakopcic", Map.of());
        OneTransistorCells cells = new OneTransistorCells(5 * 4, cell);
        Random r = new Random(7);
        for (int k = 0; k < cells.size(); k++) {
            cells.state()[k] = 0.05 + 0.9 * r.nextDouble();
        }
        Crossbar a = new Crossbar(5, 4, 2.5, 2.5, 10, 10, cells);
        double[] wl = {1.8, 0, 1.8, 1.2, 1.8}; // row 1 deselected
        Bias b = new Bias(inputs(5, 8, 0.2, 0.4), new double[4], wl);
        CrossbarSolution fast = new CrossbarSolver(a).solve(b, 1e-13);
        assertAgreesWithEngine(a, b, fast);
        for (int j = 0; j < 4; j++) {
            assertTrue(Math.abs(fast.cellCurrent(1, j)) < 1e-3 * Math.abs(fast.cellCurrent(0, j)),
                    "a deselected word line blocks its cells: " + fast.cellCurrent(1, j));
        }
        assertEquals(fast.sourcePower(), fast.dissipatedPower(), 1e-9 * fast.sourcePower(), "energy is conserved");
    }

    @Test
    void reproducesTheNgspiceReferenceCrossbar() throws Exception {
        Path cir = ReferenceCase.resource("xbar_passive_64.cir");
        List<String> lines = Files.readAllLines(cir);
        ConductanceCells cells = new ConductanceCells(64 * 64);
        double[] in = new double[64];
        for (String l : lines) {
            String[] f = l.trim().split("\\s+");
            if (f[0].startsWith("VIN")) {
                in[Integer.parseInt(f[0].substring(3))] = Double.parseDouble(f[4]);
            } else if (f[0].startsWith("RM")) {
                String[] ij = f[0].substring(2).split("_");
                cells.set(Integer.parseInt(ij[0]) * 64 + Integer.parseInt(ij[1]), 1 / Double.parseDouble(f[3]));
            }
        }
        Crossbar a = new Crossbar(64, 64, 2.5, 2.5, 2.5, 2.5, cells);
        CrossbarSolution fast = new CrossbarSolver(a).solve(Bias.read(in, 64, 0), 1e-12);
        Waveforms ref = ReferenceCase.ngspice("xbar_passive_64");
        for (int j : new int[] {0, 1, 32, 63}) {
            double expected = ref.vector("v(c63_" + j + ")")[0];
            assertEquals(expected, fast.columnNode(63, j), 1e-3 * Math.abs(expected), "v(c63_" + j + ")");
        }
        assertTrue(fast.iterations() < 200, "preconditioned CG converges quickly: " + fast.iterations());
    }

    @Test
    void powerBalancesAndWireResistanceLowersTheProduct() {
        Crossbar a = new Crossbar(32, 24, 2.5, 3.0, 10, 5, conductances(32, 24, 3));
        double[] in = new double[32];
        java.util.Arrays.fill(in, 0.2);
        CrossbarSolution read = new CrossbarSolver(a).solve(Bias.read(in, 24, 0), 1e-13);
        assertEquals(read.sourcePower(), read.dissipatedPower(), 1e-9 * read.sourcePower(), "energy is conserved");
        for (int j = 0; j < 24; j++) {
            assertTrue(read.columnCurrent(j) < read.idealColumnCurrent(j), "IR drop reduces column " + j);
            assertTrue(read.columnCurrent(j) > 0.9 * read.idealColumnCurrent(j), "but only by a few percent");
            assertEquals(read.columnCurrent(j) * 5, read.senseVoltage(j), 1e-12, "sense voltage = I·R_sense");
        }
    }

    @Test
    void drivingBothEndsHalvesTheRowDrop() {
        ConductanceCells cells = conductances(16, 64, 9);
        double[] in = new double[16];
        java.util.Arrays.fill(in, 0.3);
        double[] drop = new double[2];
        int k = 0;
        for (Ends e : new Ends[] {Ends.NEAR, Ends.BOTH}) {
            Crossbar a = new Crossbar(16, 64, 5, 1, 1, 1, e, Ends.NEAR, cells);
            CrossbarSolution s = new CrossbarSolver(a).solve(Bias.read(in, 64, 0), 1e-13);
            double worst = 0;
            for (int j = 0; j < 64; j++) {
                worst = Math.max(worst, 0.3 - s.rowNode(0, j));
            }
            drop[k++] = worst;
        }
        assertTrue(drop[1] < 0.4 * drop[0], "worst row drop " + drop[1] + " V with both ends, " + drop[0] + " V with one");
    }

    /** A high-resistance cell among low-resistance neighbours: the classic sneak-path read. */
    private static ConductanceCells sneakArray(int n, int row, int col) {
        ConductanceCells c = new ConductanceCells(n * n);
        for (int k = 0; k < n * n; k++) {
            c.set(k, 1 / 10e3);
        }
        c.set(row * n + col, 1 / 1e6);
        return c;
    }

    @Test
    void floatingLinesAgreeWithTheGeneralEngine() {
        Crossbar a = new Crossbar(6, 5, 2.5, 2.5, 10, 10, Ends.NEAR, Ends.NEAR, conductances(6, 5, 11));
        Bias b = ReadScheme.FLOATING.bias(6, 5, 2, 3, 0.2, 0);
        CrossbarSolution fast = new CrossbarSolver(a).solve(b, 1e-13);
        assertAgreesWithEngine(a, b, fast);
        assertEquals(fast.sourcePower(), fast.dissipatedPower(), 1e-9 * fast.sourcePower(), "energy is conserved");
        assertEquals(0, fast.columnCurrent(0), 0, "a floating column carries no output current");
    }

    @Test
    void sneakPathsSwampAFloatingReadButNotAGroundedOne() {
        int n = 8;
        Crossbar a = new Crossbar(n, n, 1, 1, 1, 1, sneakArray(n, 3, 4));
        double own = 0.2 / 1e6;
        double[] measured = new double[ReadScheme.values().length];
        for (ReadScheme s : ReadScheme.values()) {
            CrossbarSolution r = new CrossbarSolver(a).solve(s.bias(n, n, 3, 4, 0.2, 0), 1e-13);
            measured[s.ordinal()] = r.columnCurrent(4);
        }
        System.out.printf("sneak paths, 1 MOhm cell among 10 kOhm, 8x8: floating %.3g A, grounded %.3g A, V/2 %.3g A,"
                + " V/3 %.3g A, the cell alone %.3g A%n", measured[0], measured[1], measured[2], measured[3], own);
        assertTrue(measured[ReadScheme.FLOATING.ordinal()] > 10 * own, "floating lines: sneak currents dominate");
        assertEquals(own, measured[ReadScheme.GROUNDED.ordinal()], 0.05 * own, "grounded lines: the cell's own current");
        // write-style biasing adds the half-selected cells of the selected column: 7 cells at V/2 or V/3
        assertEquals(own + 7 * 0.1 / 10e3, measured[ReadScheme.V_HALF.ordinal()], 0.01 * measured[2], "V/2 read");
        assertEquals(own + 7 * (0.2 / 3) / 10e3, measured[ReadScheme.V_THIRD.ordinal()], 0.01 * measured[3], "V/3 read");
    }

    @Test
    void accessTransistorsBlockSneakPaths() {
        int n = 6;
        OneTransistorOneMemristor cell = new OneTransistorOneMemristor(AccessTransistor.typical(), "yakopcic", Map.of());
        OneTransistorCells cells = new OneTransistorCells(n * n, cell);
        java.util.Arrays.fill(cells.state(), 0.9);
        cells.state()[2 * n + 3] = 0.05;
        Crossbar a = new Crossbar(n, n, 1, 1, 1, 1, cells);
        Bias b = ReadScheme.FLOATING.bias(n, n, 2, 3, 0.2, 1.8); // only the selected row's transistors conduct
        CrossbarSolution r = new CrossbarSolver(a).solve(b, 1e-13);
        double alone = new CrossbarSolver(new Crossbar(1, 1, 1, 1, 1, 1, single(cell, 0.05)))
                .solve(new Bias(new double[] {0.2}, new double[1], new double[] {1.8}), 1e-13).columnCurrent(0);
        assertEquals(alone, r.columnCurrent(3), 0.01 * alone, "1T1R: the floating read sees the selected cell only");
    }

    private static OneTransistorCells single(OneTransistorOneMemristor cell, double state) {
        OneTransistorCells c = new OneTransistorCells(1, cell);
        c.state()[0] = state;
        return c;
    }

    @Test
    void stochasticCbramCellsReadAsTheirStateAndSwitchUnderTheirOwnVoltage() {
        int n = 8;
        org.memspice.crossbar.cell.CbramCells cells = new org.memspice.crossbar.cell.CbramCells(n * n,
                new org.memspice.devices.stochastic.StochasticCbram(Map.of()));
        Crossbar a = new Crossbar(n, n, 2.5, 2.5, 10, 10, cells);
        CrossbarSolver solver = new CrossbarSolver(a);
        // a SET pulse on row 2 only: its cells see about 2.2 V (mean waiting time near 1 us), the rest 0 V
        double[] rows = new double[n];
        rows[2] = 2.2;
        CrossbarSolution s = solver.solve(new Bias(rows, new double[n], new double[n]), 1e-12);
        double[] v = new double[n * n];
        for (int k = 0; k < n * n; k++) {
            v[k] = s.cellVoltage(k / n, k % n);
        }
        int switched = cells.applyPulse(v, 10e-6, new java.util.SplittableRandom(3));
        assertTrue(switched >= 6 && switched <= n, "row 2 sets, nothing else: " + switched);
        for (int k = 0; k < n * n; k++) {
            if (k / n != 2) {
                assertTrue(!cells.on()[k], "cell " + k + " outside the pulsed row stays off");
            }
        }
        double[] in = new double[n];
        java.util.Arrays.fill(in, 0.1);
        CrossbarSolution read = solver.solve(Bias.read(in, n, 0), 1e-13);
        assertAgreesWithEngine(a, Bias.read(in, n, 0), read);
    }
}
