package org.memspice.crossbar.cell;

import java.util.Locale;

/** Fixed conductances (a programmed array read at voltages that do not disturb it). */
public final class ConductanceCells implements CellArray {
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

    public double get(int k) {
        return g[k];
    }

    @Override
    public int size() {
        return g.length;
    }

    @Override
    public boolean isLinear() {
        return true;
    }

    @Override
    public boolean isTwoTerminal() {
        return true;
    }

    @Override
    public void evaluate(int k, double row, double column, double wordLine, CellPoint out) {
        out.set(g[k] * (row - column), g[k], -g[k]);
    }

    @Override
    public String netlist(int k, String name, String row, String column, String wordLine) {
        return g[k] > 0 ? String.format(Locale.ROOT, "R%s %s %s %.17g%n", name, row, column, 1 / g[k]) : "";
    }

    @Override
    public String modelCards() {
        return "";
    }
}
