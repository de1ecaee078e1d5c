package org.memspice.dse.hw;

import java.util.Map;
import org.memspice.crossbar.Crossbar;
import org.memspice.crossbar.cell.ConductanceCells;
import org.memspice.crossbar.cell.DeviceCells;
import org.memspice.crossbar.cell.MemristorCells;
import org.memspice.crossbar.cell.OneTransistorCells;
import org.memspice.crossbar.solve.LinearTransfer;
import org.memspice.crossbar.solve.NodalLu;
import org.memspice.crossbar.solve.TransferMatrix;
import org.memspice.devices.cell.AccessTransistor;
import org.memspice.devices.cell.OneTransistorOneMemristor;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModels;
import org.memspice.dse.DesignPoint;
import org.memspice.dse.DseInputException;

/**
 * Turns a programmed tile into the circuit its reads see. Linear cells ({@code conductance}, or
 * {@code 1t1r}: each device in series with its access transistor's on-resistance at the word-line
 * voltage) become a {@link LinearTile}: with ideal lines the conductance matrix itself, with line
 * resistance the crossbar's exact transfer matrices (arrays too large for those are read one by
 * one through the solver). Nonlinear cells (a memristor model's own I-V, alone or behind the
 * level-1 access transistor) become a {@link SolvedTile}, each device at the state whose read
 * conductance at the read voltage is its programmed conductance. Rows and columns run as the
 * crossbar module's reference layout: rows driven at their left ends, columns read at the bottom.
 */
public final class TileCircuits {
    private TileCircuits() {
    }

    /** Conductance of the access transistor in series with a linear 1T1R device (S). */
    public static double accessConductance(DesignPoint p) {
        return AccessTransistor.typical().onConductance(p.wordLine);
    }

    /**
     * The exact transfer matrices of a linear tile computed on the region its cells occupy. With
     * rows driven at the left and columns read at the bottom, rows and columns holding no cell carry
     * no current: the row wires past the last used column and the column wires above the first used
     * row dangle, and the column segments below the last used row only lengthen each column's way to
     * its sense resistance, which they join in series. So an M×N tile whose cells lie in rows
     * [0, r) and columns [0, c) reads exactly as an r×c array with sense + (M − r)·wire ohms, its
     * other rows and columns zero: the cost falls from M·N³ to r·c³. Null when even the region is too
     * large for a transfer matrix.
     */
    static LinearTile usedRegion(double[] g, int m, int n, DesignPoint p) {
        int r = 0;
        int c = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (g[i * n + j] > 0) {
                    r = Math.max(r, i + 1);
                    c = Math.max(c, j + 1);
                }
            }
        }
        if (r == 0) {
            return LinearTile.ideal(m, n, g);
        }
        if (!LinearTransfer.fits(r, c)) {
            return null;
        }
        ConductanceCells cells = new ConductanceCells(r * c);
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                cells.set(i * c + j, g[i * n + j]);
            }
        }
        Crossbar region = new Crossbar(r, c, p.wire, p.wire, p.driver, p.sense + (m - r) * p.wire, cells);
        TransferMatrix tm = new TransferMatrix(r, c);
        new LinearTransfer(r, c).compute(region, tm);
        double[] columns = new double[n * m];
        double[] admittance = new double[m * m];
        for (int j = 0; j < c; j++) {
            System.arraycopy(tm.columns, j * r, columns, j * m, r);
        }
        for (int i = 0; i < r; i++) {
            System.arraycopy(tm.admittance, i * r, admittance, i * m, r);
        }
        return LinearTile.exact(m, n, columns, admittance);
    }

    /**
     * The point with its conductance range narrowed to what the cells' model can be programmed to
     * at the read voltage (linear cells: unchanged); an error when they do not overlap.
     */
    public static DesignPoint forCells(DesignPoint p) {
        if (p.accessTransistor() && accessConductance(p) <= 0) {
            throw new DseInputException("word_line " + p.wordLine + " V does not turn the access transistors on");
        }
        String model = p.model();
        if (model == null) {
            return p;
        }
        MemristorModel m = MemristorModels.create(model, Map.of());
        double a = m.readConductance(m.minState(), p.readVoltage);
        double b = m.readConductance(m.maxState(), p.readVoltage);
        double lo = Math.max(p.lowConductance(), Math.min(a, b));
        double hi = Math.min(p.highConductance(), Math.max(a, b));
        if (!(lo < hi)) {
            throw new DseInputException(String.format(java.util.Locale.ROOT,
                    "cells %s: the model reads %.4g-%.4g S at %.3g V, outside the programmed range %.4g-%.4g S (g_min, g_max"
                    + " or level_list)", p.cells, Math.min(a, b), Math.max(a, b), p.readVoltage, p.lowConductance(),
                    p.highConductance()));
        }
        if (p.levelList != null && (p.levelList[0] < lo || p.levelList[p.levelList.length - 1] > hi)) {
            throw new DseInputException("level_list: states outside what " + model + " reaches at the read voltage ("
                    + lo + "-" + hi + " S)");
        }
        DesignPoint q = p.clone();
        if (q.levelList == null) {
            q.gMin = lo;
            q.gMax = hi;
        }
        return q;
    }

    /**
     * The circuit of a programmed tile. {@code usedRows[i]} says whether row i holds a block (its
     * word line on). Linear tiles with line resistance are read as {@code tile_solver} says: through
     * their exact transfer matrices, through the solver read by read, or through their whole nodal
     * system factorized once.
     */
    public static TileCircuit build(TileConductances t, DesignPoint p, boolean[] usedRows) {
        int m = t.rows;
        int n = t.cols;
        double[] wordLines = new double[m];
        for (int i = 0; i < m; i++) {
            wordLines[i] = usedRows[i] ? p.wordLine : 0;
        }
        String model = p.model();
        if (model == null) {
            double[] g = t.g.clone();
            if (p.accessTransistor()) {
                double on = accessConductance(p);
                for (int k = 0; k < g.length; k++) {
                    g[k] = g[k] > 0 && usedRows[k / n] ? g[k] * on / (g[k] + on) : 0;
                }
            }
            if (p.idealLines) {
                return LinearTile.ideal(m, n, g);
            }
            if (p.tileSolver == DesignPoint.TileSolver.TRANSFER) {
                LinearTile reduced = usedRegion(g, m, n, p);
                if (reduced != null) {
                    return reduced;
                }
            }
            ConductanceCells cells = new ConductanceCells(m * n);
            for (int k = 0; k < g.length; k++) {
                cells.set(k, g[k]);
            }
            Crossbar array = new Crossbar(m, n, p.wire, p.wire, p.driver, p.sense, cells);
            if (p.tileSolver == DesignPoint.TileSolver.LU) {
                return new NodalTile(new NodalLu(array));
            }
            return new SolvedTile(array, wordLines, false);
        }
        MemristorModel mm = MemristorModels.create(model, Map.of());
        DeviceCells cells = p.accessTransistor()
                ? new OneTransistorCells(m * n, new OneTransistorOneMemristor(AccessTransistor.typical(), model, Map.of()))
                : new MemristorCells(m * n, model, Map.of());
        double a = mm.readConductance(mm.minState(), p.readVoltage);
        double b = mm.readConductance(mm.maxState(), p.readVoltage);
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        double off = a < b ? mm.minState() : mm.maxState();
        double[] state = cells.state();
        for (int k = 0; k < state.length; k++) {
            state[k] = t.formed[k] && t.g[k] > 0 ? mm.stateForReadConductance(Math.max(lo, Math.min(hi, t.g[k])), p.readVoltage)
                    : off;
        }
        Crossbar array = p.idealLines ? new Crossbar(m, n, 1, 1, 1, 1, cells)
                : new Crossbar(m, n, p.wire, p.wire, p.driver, p.sense, cells);
        return new SolvedTile(array, wordLines, p.idealLines);
    }
}
