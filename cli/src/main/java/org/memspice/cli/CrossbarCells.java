package org.memspice.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.memspice.crossbar.cell.CbramCells;
import org.memspice.crossbar.cell.CellArray;
import org.memspice.crossbar.cell.ConductanceCells;
import org.memspice.crossbar.cell.MemristorCells;
import org.memspice.crossbar.cell.OneTransistorCells;
import org.memspice.devices.cell.AccessTransistor;
import org.memspice.devices.cell.OneTransistorOneMemristor;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModels;
import org.memspice.devices.stochastic.StochasticCbram;

/**
 * The cells of {@code memspice crossbar} from its options: the kind ({@code conductance}, a
 * memristor model, {@code cbram} or {@code 1t1r:MODEL}) and either a table of conductances or
 * states or seeded random draws; bad values name the file, row and column.
 */
final class CrossbarCells {
    private final String cellKind;
    private final int rows;
    private final int cols;
    private final double rmin;
    private final double rmax;
    private final Path conductanceFile;
    private final Path stateFile;
    /** The table of conductances or states, or null to draw them. */
    private final double[][] matrix;

    CrossbarCells(String cellKind, int rows, int cols, double rmin, double rmax, Path conductanceFile, Path stateFile,
            double[][] matrix) {
        this.cellKind = cellKind;
        this.rows = rows;
        this.cols = cols;
        this.rmin = rmin;
        this.rmax = rmax;
        this.conductanceFile = conductanceFile;
        this.stateFile = stateFile;
        this.matrix = matrix;
    }

    CellArray build(SplittableRandom random) {
        int count = rows * cols;
        String kind = cellKind.trim().toLowerCase(Locale.ROOT);
        if (conductanceFile != null && !kind.equals("conductance")) {
            throw new UserInputException("--conductances sets fixed cells; for " + cellKind + " cells give --states");
        }
        if (stateFile != null && kind.equals("conductance")) {
            throw new UserInputException("--states needs memristor or 1T1R cells (--cells MODEL or 1t1r:MODEL)");
        }
        if (kind.equals("conductance")) {
            ConductanceCells c = new ConductanceCells(count);
            for (int k = 0; k < count; k++) {
                double g = matrix != null ? matrix[k / cols][k % cols] : 1 / (rmin + (rmax - rmin) * random.nextDouble());
                try {
                    c.set(k, g);
                } catch (IllegalArgumentException e) {
                    throw new UserInputException(conductanceFile + ": row " + (k / cols + 1) + ", column " + (k % cols + 1)
                            + ": " + e.getMessage());
                }
            }
            return c;
        }
        if (kind.equals("cbram")) {
            CbramCells c = new CbramCells(count, new StochasticCbram(Map.of()));
            for (int k = 0; k < count; k++) {
                double x = matrix != null ? matrix[k / cols][k % cols] : random.nextInt(2);
                if (x != 0 && x != 1) {
                    throw new UserInputException(stateFile + ": row " + (k / cols + 1) + ", column " + (k % cols + 1)
                            + ": a CBRAM state is 0 (off) or 1 (on), not " + x);
                }
                c.on()[k] = x == 1;
            }
            return c;
        }
        boolean oneT = kind.startsWith("1t1r:");
        String model = oneT ? kind.substring(5) : kind;
        try {
            MemristorModels.create(model, Map.of());
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--cells takes conductance, a memristor model (" + MemristorModels.KINDS
                    + "), cbram or 1t1r:MODEL, not " + cellKind);
        }
        if (oneT) {
            OneTransistorOneMemristor cell = new OneTransistorOneMemristor(AccessTransistor.typical(), model, Map.of());
            OneTransistorCells c = new OneTransistorCells(count, cell);
            fill(c.state(), cell.memristor(), random);
            return c;
        }
        MemristorCells c = new MemristorCells(count, model, Map.of());
        fill(c.state(), c.model(), random);
        return c;
    }

    /** States from the file (checked against the model's bounds) or drawn over the model's range. */
    private void fill(double[] state, MemristorModel m, SplittableRandom random) {
        for (int k = 0; k < state.length; k++) {
            if (matrix == null) {
                state[k] = m.minState() + (m.maxState() - m.minState()) * random.nextDouble();
                continue;
            }
            double x = matrix[k / cols][k % cols];
            if (!(x >= m.minState() && x <= m.maxState())) {
                throw new UserInputException(stateFile + ": row " + (k / cols + 1) + ", column " + (k % cols + 1) + ": state "
                        + x + " outside [" + m.minState() + ", " + m.maxState() + "] of model " + m.kind());
            }
            state[k] = x;
        }
    }
}
