package org.memspice.crossbar.programming;

import java.util.Arrays;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.FirstOrderIntegrator;
import org.apache.commons.math3.ode.nonstiff.DormandPrince54Integrator;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorPoint;

/**
 * Write-and-verify programming of one cell of a crossbar of dynamic memristors (ideal lines):
 * read the cell's conductance at the read voltage; while it is off target, apply a SET or RESET
 * pulse (whichever moves it toward the target) with the lines biased by a {@link HalfSelectScheme};
 * every cell of the array evolves during each pulse under the voltage the scheme puts across it,
 * integrated with Commons Math's adaptive Dormand-Prince method from the device model's state
 * equation. Counts pulses and measures the disturbance of the unselected cells.
 */
public final class WriteVerifyProgrammer {
    private final MemristorModel model;
    private final int rows;
    private final int cols;
    private final double[] state;
    private final MemristorPoint point = new MemristorPoint();

    /** The outcome of programming one cell. */
    public record Result(boolean reached, int pulses, double conductance, double maxDisturbance, int disturbedCells) {
    }

    public WriteVerifyProgrammer(MemristorModel model, int rows, int cols) {
        this.model = model;
        this.rows = rows;
        this.cols = cols;
        this.state = new double[rows * cols];
        Arrays.fill(state, model.initialState());
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
        double range = model.maxState() - model.minState();
        FirstOrderIntegrator integrator = new DormandPrince54Integrator(1e-18, width, 1e-9 * range, 1e-7);
        double[] y = new double[1];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double cellV = scheme.cellVoltage(r == sr, c == sc, v);
                int k = r * cols + c;
                y[0] = state[k];
                integrator.integrate(new CellEquation(cellV), 0, y, width, y);
                state[k] = Math.max(model.minState(), Math.min(model.maxState(), y[0]));
            }
        }
    }

    /** dx/dt = f(v, x) of one cell under a fixed voltage, held at the bounds it pushes against. */
    private final class CellEquation implements FirstOrderDifferentialEquations {
        private final double v;
        private final MemristorPoint p = new MemristorPoint();

        CellEquation(double v) {
            this.v = v;
        }

        @Override
        public int getDimension() {
            return 1;
        }

        @Override
        public void computeDerivatives(double t, double[] x, double[] dx) {
            double s = Math.max(model.minState(), Math.min(model.maxState(), x[0]));
            model.evaluate(v, s, p);
            double f = p.rate;
            if ((s >= model.maxState() && f > 0) || (s <= model.minState() && f < 0)) {
                f = 0;
            }
            dx[0] = f;
        }
    }
}
