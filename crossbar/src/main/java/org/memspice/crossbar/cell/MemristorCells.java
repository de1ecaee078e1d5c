package org.memspice.crossbar.cell;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModels;
import org.memspice.devices.memristor.MemristorPoint;

/**
 * Passive (0T1R) cells of one memristor model of device-models, each with its own state. During a
 * read the states hold (a DC solution, as {@code YMEMRISTOR} at an operating point); programming
 * moves them through {@link #state}.
 */
public final class MemristorCells extends DeviceCells {
    private final String kind;
    private final Map<String, Double> parameters;
    private final MemristorModel model;
    private final MemristorPoint point = new MemristorPoint();

    public MemristorCells(int count, String kind, Map<String, Double> parameters) {
        this(count, kind, parameters, MemristorModels.create(kind, parameters));
    }

    private MemristorCells(int count, String kind, Map<String, Double> parameters, MemristorModel model) {
        super(count, model.initialState());
        this.kind = kind;
        this.parameters = new TreeMap<>(parameters);
        this.model = model;
    }

    public MemristorModel model() {
        return model;
    }

    @Override
    public boolean isTwoTerminal() {
        return true;
    }

    @Override
    public void evaluate(int k, double row, double column, double wordLine, CellPoint out) {
        model.evaluate(row - column, state[k], point);
        out.set(point.current, point.dCurrentDv, -point.dCurrentDv);
    }

    @Override
    public String netlist(int k, String name, String row, String column, String wordLine) {
        return String.format(Locale.ROOT, "ymemristor %s %s %s cellmem x0=%.17g%n", name, row, column, state[k]);
    }

    @Override
    public String modelCards() {
        StringBuilder sb = new StringBuilder(".model cellmem memristor (model=" + kind);
        parameters.forEach((key, v) -> sb.append(String.format(Locale.ROOT, " %s=%.17g", key, v)));
        return sb.append(")\n").toString();
    }
}
