package org.memspice.dse.hw;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.memspice.crossbar.programming.HalfSelectScheme;
import org.memspice.crossbar.programming.WriteVerifyProgrammer;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModels;
import org.memspice.dse.DesignPoint;
import org.memspice.dse.DseInputException;

/**
 * Endurance-limited programming through the crossbar's write-and-verify
 * ({@link WriteVerifyProgrammer}, ideal lines, V/3 biasing): a device of the point's model starts
 * from its fresh state and is pulsed toward its target until the verify read is within
 * {@code write_tolerance}, at most {@code max_pulses} times and at most as often as its endurance
 * still allows: each device's endurance is endurance_limit·exp(endurance_spread·N(0,1)) cycles,
 * of which {@code endurance_cycles} are used up before this programming. The cell's normalized
 * range [G_low, G_high] is mapped onto the central 90 % of the model's read conductances at the
 * read voltage. The programmer is run once per point on {@link #GRID} targets, pulse by pulse,
 * and a cell's result is its target plus the error of the neighbouring grid targets after as
 * many pulses as its budget allows (interpolated): the verify residual, the stall of a target the
 * pulses cannot reach, and the half-way state of a worn device all come from the device model.
 */
final class WriteVerify {
    /** Targets the programmer is run for, evenly spread over the range. */
    static final int GRID = 65;
    private static final Map<String, double[][]> TRAJECTORIES = new ConcurrentHashMap<>();
    private final DesignPoint p;
    /** Per grid target, the normalized conductance after 0, 1, 2, ... pulses until verified or max_pulses. */
    private final double[][] trajectory;

    WriteVerify(DesignPoint p) {
        this.p = p;
        String key = p.writeVerify + "|" + p.readVoltage + "|" + p.writeVoltage + "|" + p.pulseWidth + "|" + p.writeTolerance
                + "|" + p.maxPulses;
        this.trajectory = TRAJECTORIES.computeIfAbsent(key, k -> trajectories(p));
    }

    private static double[][] trajectories(DesignPoint p) {
        MemristorModel m = MemristorModels.create(p.writeVerify, Map.of());
        double a = m.readConductance(m.minState(), p.readVoltage);
        double b = m.readConductance(m.maxState(), p.readVoltage);
        double lo = Math.min(a, b) + 0.05 * Math.abs(b - a);
        double span = 0.9 * Math.abs(b - a);
        if (!(span > 0)) {
            throw new DseInputException("write_verify " + p.writeVerify + ": the model's read conductance does not change at "
                    + p.readVoltage + " V");
        }
        double[][] out = new double[GRID][];
        for (int k = 0; k < GRID; k++) {
            double target = lo + span * k / (GRID - 1.0);
            WriteVerifyProgrammer wv = new WriteVerifyProgrammer(m, 1, 1);
            double[] g = new double[p.maxPulses + 1];
            g[0] = (wv.conductance(0, 0, p.readVoltage) - lo) / span;
            int n = 0;
            while (n < p.maxPulses) {
                WriteVerifyProgrammer.Result r = wv.program(0, 0, target, p.writeTolerance, p.readVoltage, p.writeVoltage,
                        -p.writeVoltage, p.pulseWidth, 1, HalfSelectScheme.V_THIRD);
                if (r.pulses() == 0) {
                    break; // verified (or no pulse moves it further)
                }
                g[++n] = (r.conductance() - lo) / span;
            }
            out[k] = java.util.Arrays.copyOf(g, n + 1);
        }
        return out;
    }

    /** Programs the formed cells of a tile to their (normalized) targets, each within its endurance. */
    void program(TileConductances t, double low, double high, SplittableRandom random) {
        double span = high - low;
        for (int k = 0; k < t.g.length; k++) {
            double z = org.memspice.devices.programming.DeviceSpread.gaussian(random);
            if (!t.formed[k]) {
                continue;
            }
            double endurance = p.enduranceLimit * Math.exp(p.enduranceSpread * z);
            int budget = (int) Math.max(0, Math.min(p.maxPulses, endurance - p.enduranceCycles));
            double u = Math.max(0, Math.min(1, (t.g[k] - low) / span));
            double pos = u * (GRID - 1);
            int i = Math.min(GRID - 2, (int) pos);
            double w = pos - i;
            double error = (1 - w) * error(i, budget) + w * error(i + 1, budget);
            t.g[k] = low + (u + error) * span;
        }
    }

    /** Grid target i's normalized error after at most {@code budget} pulses. */
    private double error(int i, int budget) {
        double[] g = trajectory[i];
        return g[Math.min(budget, g.length - 1)] - i / (GRID - 1.0);
    }
}
