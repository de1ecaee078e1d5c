package org.memspice.crossbar.cell;

/** Fixed conductances (a programmed array read at voltages that do not disturb it). */
public final class ConductanceCells extends ResistorCells {
    private final double[] g;

    public ConductanceCells(int count) {
        this.g = new double[count];
    }

    public void set(int k, double siemens) {
        if (!(siemens >= 0) || Double.isInfinite(siemens)) {
            throw new IllegalArgumentException("conductance must be finite and non-negative, got " + siemens);
        }
        g[k] = siemens;
    }

    @Override
    public double conductance(int k) {
        return g[k];
    }

    @Override
    public int size() {
        return g.length;
    }
}
