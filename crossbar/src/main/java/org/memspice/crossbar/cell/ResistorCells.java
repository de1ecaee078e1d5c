package org.memspice.crossbar.cell;

import java.util.Locale;

/** Cells that are plain resistors during a read: linear, two-terminal, written as R lines. */
public abstract class ResistorCells implements CellArray {
    /** Conductance of cell k (S). */
    public abstract double conductance(int k);

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
        double g = conductance(k);
        out.set(g * (row - column), g, -g);
    }

    @Override
    public String netlist(int k, String name, String row, String column, String wordLine) {
        double g = conductance(k);
        return g > 0 ? String.format(Locale.ROOT, "R%s %s %s %.17g%n", name, row, column, 1 / g) : "";
    }

    @Override
    public String modelCards() {
        return "";
    }
}
