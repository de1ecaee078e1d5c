package org.memspice.crossbar.cell;

import java.util.SplittableRandom;
import org.memspice.devices.stochastic.StochasticCbram;

/**
 * Binary stochastic CBRAM cells ({@link StochasticCbram}): each cell is on (Ron) or off (Roff), a
 * linear resistor during a read; {@link #applyPulse} switches cells at random under the voltage
 * each one really sees (from a solved array), with the caller's seeded random source.
 */
public final class CbramCells extends ResistorCells {
    private final StochasticCbram model;
    private final boolean[] on;

    public CbramCells(int count, StochasticCbram model) {
        this.model = model;
        this.on = new boolean[count];
    }

    /** The cells' states (true = on), writable. */
    public boolean[] on() {
        return on;
    }

    public StochasticCbram model() {
        return model;
    }

    /**
     * One pulse of {@code width} seconds with cell k at {@code cellVoltage[k]} volts; returns how
     * many cells switched.
     */
    public int applyPulse(double[] cellVoltage, double width, SplittableRandom random) {
        int switched = 0;
        for (int k = 0; k < on.length; k++) {
            boolean after = model.applyPulse(on[k], cellVoltage[k], width, random);
            if (after != on[k]) {
                on[k] = after;
                switched++;
            }
        }
        return switched;
    }

    @Override
    public int size() {
        return on.length;
    }

    @Override
    public double conductance(int k) {
        return model.conductance(on[k]);
    }
}
