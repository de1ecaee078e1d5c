package org.memspice.dse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.memspice.crossbar.Bias;
import org.memspice.crossbar.Crossbar;
import org.memspice.crossbar.CrossbarNetlist;
import org.memspice.crossbar.cell.ConductanceCells;
import org.memspice.crossbar.solve.CrossbarSolution;
import org.memspice.crossbar.solve.CrossbarSolver;
import org.memspice.dse.hw.TileCircuit;
import org.memspice.dse.hw.TileCircuits;
import org.memspice.dse.hw.TileConductances;
import org.memspice.dse.hw.TileProgrammer;
import org.memspice.dse.map.CellCoding;
import org.memspice.dse.map.LayerMap;
import org.memspice.dse.net.Dense;
import org.memspice.memprop.net.Shape;
import org.memspice.spice.Netlists;
import org.memspice.spice.output.Waveforms;

/** A programmed tile's read currents equal the crossbar solver's and the general engine's. */
class TileCircuitTest {
    private static TileConductances programmedTile(DesignPoint p) {
        Dense layer = new Dense(new Shape(1, 1, 12), 5);
        Random r = new Random(3);
        for (int k = 0; k < layer.weights().length; k++) {
            layer.weights()[k] = 2 * r.nextDouble() - 1;
        }
        CellCoding coding = new CellCoding(p);
        LayerMap map = new LayerMap(layer, p, coding, "test");
        return new TileProgrammer(p, coding).program(layer, map.tiles().get(0), 1);
    }

    private static double[] inputs(int rows, long seed) {
        Random r = new Random(seed);
        double[] v = new double[rows];
        for (int i = 0; i < 12; i++) {
            v[i] = 0.2 * r.nextDouble();
        }
        return v;
    }

    @Test
    void exactLinearTileEqualsTheSolverAndTheGeneralEngine() {
        // the block holds rows 0-11 and columns 0-9 of the 16x16 tile: its transfer matrix is computed on that
        // region with the six unused column segments in series with the sense resistance, and must still equal
        // the whole array's solution
        DesignPoint p = new DesignPoint();
        p.cells = "conductance";
        p.tileRows = 16;
        p.tileCols = 16;
        p.wire = 5;
        p.driver = 20;
        p.sense = 20;
        TileConductances t = programmedTile(p);
        boolean[] used = new boolean[16];
        java.util.Arrays.fill(used, 0, 12, true);
        TileCircuit exact = TileCircuits.build(t, p, used);
        ConductanceCells cells = new ConductanceCells(256);
        for (int k = 0; k < 256; k++) {
            cells.set(k, t.g[k]);
        }
        Crossbar array = new Crossbar(16, 16, p.wire, p.wire, p.driver, p.sense, cells);
        double[] v = inputs(16, 7);
        double[] out = new double[16];
        double power = exact.read(v, out);
        Bias bias = Bias.read(v, 16, 0);
        CrossbarSolution s = new CrossbarSolver(array).solve(bias, 1e-14);
        Waveforms engine = Netlists.run(CrossbarNetlist.write(array, bias).replace(".op\n",
                ".options reltol=1e-9 vntol=1e-12 abstol=1e-18\n.op\n"));
        double scale = 0;
        for (int j = 0; j < 16; j++) {
            scale = Math.max(scale, Math.abs(s.columnCurrent(j)));
        }
        double worstEngine = 0;
        for (int j = 0; j < 16; j++) {
            assertEquals(s.columnCurrent(j), out[j], 1e-9 * scale, "column " + j + " against the solver");
            double engineCurrent = engine.vector("v(c15_" + j + ")")[0] / p.sense;
            assertEquals(engineCurrent, out[j], 1e-6 * scale, "column " + j + " against the general engine");
            worstEngine = Math.max(worstEngine, Math.abs(engineCurrent - out[j]) / scale);
        }
        assertEquals(s.sourcePower(), power, 1e-9 * power);
        System.out.printf("programmed 16x16 tile: exact transfer vs general engine, worst column difference %.2e of the largest%n",
                worstEngine);
        // tile_solver=lu (the whole 16x16 nodal system factorized, MemTorch's formulation) and iterative read the same
        for (DesignPoint.TileSolver solver : new DesignPoint.TileSolver[] {DesignPoint.TileSolver.LU,
                DesignPoint.TileSolver.ITERATIVE}) {
            p.tileSolver = solver;
            TileCircuit other = TileCircuits.build(t, p, used);
            double[] o = new double[16];
            double otherPower = other.copy().read(v, o);
            double tolerance = solver == DesignPoint.TileSolver.LU ? 1e-10 : 1e-9;
            for (int j = 0; j < 16; j++) {
                assertEquals(out[j], o[j], tolerance * scale, solver + ", column " + j);
            }
            assertEquals(power, otherPower, tolerance * power, solver + " power");
        }
    }

    @Test
    void otherTileSolversAreRefusedWhereTilesHaveOneWayToBeRead() {
        DesignPoint p = new DesignPoint();
        p.tileSolver = DesignPoint.TileSolver.LU;
        assertEquals(List.of(), DesignParameters.unused(p));
        p.cells = "1t1r:stanford_pku";
        assertEquals(List.of("tile_solver"), DesignParameters.unused(p));
        p.cells = "1t1r";
        p.idealLines = true;
        assertEquals(List.of("tile_solver"), DesignParameters.unused(p));
    }

    @Test
    void nonlinearOneTransistorTileReadsThroughTheSolverLikeTheExactSolution() {
        DesignPoint p = new DesignPoint();
        p.cells = "1t1r:stanford_pku";
        p.tileRows = 16;
        p.tileCols = 16;
        p = TileCircuits.forCells(p);
        TileConductances t = programmedTile(p);
        boolean[] used = new boolean[16];
        java.util.Arrays.fill(used, 0, 12, true);
        TileCircuit tile = TileCircuits.build(t, p, used);
        double[] v = inputs(16, 8);
        double[] a = new double[16];
        double[] b = new double[16];
        tile.read(v, a);
        tile.copy().read(v, b);
        for (int j = 0; j < 16; j++) {
            assertEquals(a[j], b[j], 1e-7 * Math.abs(a[j]) + 1e-15, "a thread's own copy reads the same");
        }
        // small inputs: the nonlinear cells read close to their programmed conductances
        double[] g = t.g;
        double[] small = new double[16];
        for (int i = 0; i < 12; i++) {
            small[i] = 1e-3 * v[i] / 0.2;
        }
        tile.read(small, a);
        double ideal = 0;
        for (int i = 0; i < 12; i++) {
            ideal += small[i] * g[i * 16];
        }
        assertEquals(ideal, a[0], 0.2 * Math.abs(ideal), "column 0 near its ideal product");
        List.of(a);
    }
}
