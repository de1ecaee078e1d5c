package org.memspice.crossbar.cell;

import org.memspice.devices.cell.OneTransistorOneMemristor;

/**
 * 1T1R cells: a memristor from the row (bit line) to an internal node and a level-1 NMOS access
 * transistor from there to the column (source line), gate on the row's word line. Each cell's
 * internal node is solved inside {@link OneTransistorOneMemristor#solve} (exact static
 * condensation), so the array solver sees a nonlinear three-terminal cell without extra unknowns.
 */
public final class OneTransistorCells extends DeviceCells {
    private final OneTransistorOneMemristor cell;
    private final OneTransistorOneMemristor.OperatingPoint op = new OneTransistorOneMemristor.OperatingPoint();

    public OneTransistorCells(int count, OneTransistorOneMemristor cell) {
        super(count, cell.memristor().initialState());
        this.cell = cell;
    }

    @Override
    public boolean isTwoTerminal() {
        return false;
    }

    @Override
    public void evaluate(int k, double row, double column, double wordLine, CellPoint out) {
        cell.solve(wordLine, row, column, state[k], op);
        out.set(op.current, op.dCurrentDBitLine, op.dCurrentDSourceLine);
    }

    @Override
    public String netlist(int k, String name, String row, String column, String wordLine) {
        return cell.instanceLines(name, wordLine, row, column, state[k], "cellmem", "cellnmos");
    }

    @Override
    public String modelCards() {
        return cell.modelCards("cellmem", "cellnmos");
    }
}
