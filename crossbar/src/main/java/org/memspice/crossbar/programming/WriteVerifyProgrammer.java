package org.memspice.crossbar.programming;

import java.util.Arrays;
import org.memspice.crossbar.Crossbar;
import org.memspice.crossbar.cell.MemristorCells;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorPoint;
import org.memspice.devices.programming.PulseIntegrator;

/**
 * Write-and-verify programming of one cell of a crossbar of dynamic memristors: read the cell's
 * conductance at the read voltage; while it is off target, apply a SET or RESET pulse (whichever
 * moves it toward the target) with the lines biased by a {@link HalfSelectScheme}; every cell of
 * the array evolves during each pulse under the voltage across it ({@link PulseIntegrator}: the
 * device model's state equation, integrated adaptively). With ideal lines that
 * voltage is the scheme's; with a {@link Crossbar} of {@link MemristorCells} it comes from the
 * array's DC solution (IR drop and sneak paths), re-solved at every one of {@code substeps} equal
 * parts of a pulse as the states move. Counts pulses and measures the disturbance of the other
 * cells. The verify read is the device's own conductance at the read voltage.
 */
public final class WriteVerifyProgrammer {
    private final MemristorModel model;
    private final int rows;
    private final int cols;
    private final double[] state;
    private final MemristorPoint point = new MemristorPoint();
    private final PulseIntegrator integrator;
    private final PulseVoltages lines;
    private final int substeps;
    private final double[] cellVoltage;

    /** The outcome of programming one cell. */
    public record Result(boolean reached, int pulses, double conductance, double maxDisturbance, int disturbedCells) {
    }

    /** An array with ideal lines; cells start at the model's initial state. */
    public WriteVerifyProgrammer(MemristorModel model, int rows, int cols) {
        this.model = model;
        this.rows = rows;
        this.cols = cols;
        this.state = new double[rows * cols];
        Arrays.fill(state, model.initialState());
        this.lines = new IdealLines(rows, cols);
        this.substeps = 1;
        this.cellVoltage = new double[rows * cols];
        this.integrator = new PulseIntegrator(model);
    }

    /**
     * An array with line resistance; its cells must be {@link MemristorCells}, whose states this
     * programmer moves. Each pulse is split into {@code substeps} re-solved parts.
     */
    public WriteVerifyProgrammer(Crossbar array, int substeps) {
        if (!(array.cells() instanceof MemristorCells cells)) {
            throw new IllegalArgumentException("programming needs memristor cells, not " + array.cells().getClass().getSimpleName());
        }
        if (substeps < 1) {
            throw new IllegalArgumentException("substeps must be at least 1");
        }
        this.model = cells.model();
        this.rows = array.rows();
        this.cols = array.cols();
        this.state = cells.state();
        this.lines = new ResistiveLines(array);
        this.substeps = substeps;
        this.cellVoltage = new double[rows * cols];
        this.integrator = new PulseIntegrator(model);
    }

    public double state(int r, int c) {
        return state[r * cols + c];
    }

    public void setState(int r, int c, double x) {
        state[r * cols + c] = Math.max(model.minState(), Math.min(model.maxState(), x));
    }

    /** Read conductance I(vRead, x)/vRead of a cell. */
    public double conductance(int r, int c, double readVoltage) {
        model.evaluate(readVoltage, state[r * cols + c], point);
        return point.current / readVoltage;
    }

    /**
     * Programs cell (r, c) to {@code target} siemens within relative {@code tolerance}, with pulses
     * of {@code setVoltage} (positive) or {@code resetVoltage} (negative) lasting {@code width}
     * seconds, at most {@code maxPulses}. A cell of another row or column counts as disturbed when
     * its state moved by more than 1e-6 of the model's range.
     */
    public Result program(int r, int c, double target, double tolerance, double readVoltage, double setVoltage,
            double resetVoltage, double width, int maxPulses, HalfSelectScheme scheme) {
        double[] before = state.clone();
        int pulses = 0;
        double g = conductance(r, c, readVoltage);
        while (Math.abs(g - target) > tolerance * Math.abs(target) && pulses < maxPulses) {
            double v = pulseToward(r, c, target > g, readVoltage, setVoltage, resetVoltage);
            if (v == 0) {
                break; // neither polarity moves the cell toward the target (at a bound)
            }
            applyPulse(r, c, v, width, scheme);
            pulses++;
            g = conductance(r, c, readVoltage);
        }
        double range = model.maxState() - model.minState();
        double maxDisturbance = 0;
        int disturbed = 0;
        for (int k = 0; k < state.length; k++) {
            if (k == r * cols + c) {
                continue;
            }
            double d = Math.abs(state[k] - before[k]);
            maxDisturbance = Math.max(maxDisturbance, d);
            if (d > 1e-6 * range) {
                disturbed++;
            }
        }
        boolean reached = Math.abs(g - target) <= tolerance * Math.abs(target);
        return new Result(reached, pulses, g, maxDisturbance, disturbed);
    }

    /** The write voltage that moves cell (r, c)'s conductance up ({@code up}) or down, or 0. */
    private double pulseToward(int r, int c, boolean up, double readVoltage, double setVoltage, double resetVoltage) {
        double x = state[r * cols + c];
        model.evaluate(readVoltage, x, point);
        double dGdx = point.dCurrentDx / readVoltage;
        for (double v : new double[] {setVoltage, resetVoltage}) {
            model.evaluate(v, x, point);
            double dG = dGdx * point.rate;
            if (up ? dG > 0 : dG < 0) {
                return v;
            }
        }
        return 0;
    }

    private void applyPulse(int sr, int sc, double v, double width, HalfSelectScheme scheme) {
        double part = width / substeps;
        for (int s = 0; s < substeps; s++) {
            lines.compute(sr, sc, v, scheme, cellVoltage);
            for (int k = 0; k < state.length; k++) {
                state[k] = integrator.apply(state[k], cellVoltage[k], part);
            }
        }
    }

    /** Voltage across cell (r, c) during the last part of the last pulse (V). */
    public double lastPulseVoltage(int r, int c) {
        return cellVoltage[r * cols + c];
    }
}
