package org.memspice.crossbar.cell;

/** Cells built around a dynamic device: one state per cell, held during a read, moved by programming. */
public abstract class DeviceCells implements CellArray {
    protected final double[] state;

    protected DeviceCells(int count, double initialState) {
        this.state = new double[count];
        java.util.Arrays.fill(state, initialState);
    }

    /** The device states, one per cell, in the model's units (writable; callers keep them within the model's bounds). */
    public double[] state() {
        return state;
    }

    @Override
    public int size() {
        return state.length;
    }

    @Override
    public boolean isLinear() {
        return false;
    }
}
