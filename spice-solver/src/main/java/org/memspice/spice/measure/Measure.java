package org.memspice.spice.measure;

import java.util.ArrayList;
import java.util.List;
import org.memspice.spice.expr.Symbols;
import org.memspice.spice.netlist.SourceLine;

/**
 * One {@code .measure tran|dc NAME ...} request: what it measures on which signals. Built by the
 * netlist reader, evaluated by {@link Measurements} on the analysis's recorded waveforms.
 */
public final class Measure {
    /** What is measured. */
    public enum Kind { TRIG_TARG, WHEN, FIND_WHEN, FIND_AT, DERIV_WHEN, DERIV_AT, AVG, MIN, MAX, PP, RMS, INTEG,
        MIN_AT, MAX_AT, PARAM }

    /** Which crossings of a level count. */
    public enum Direction { RISE, FALL, CROSS }

    /**
     * A point found on the scale: where {@code left} crosses {@code right} the {@code count}-th time
     * (-1: the last time) in {@code direction} after {@code td}, or simply {@code at}.
     */
    public record Crossing(Signal left, Signal right, Direction direction, int count, double td, double at) {
        /** The point given as AT=. */
        public static Crossing atTime(double t) {
            return new Crossing(null, null, Direction.CROSS, 1, 0, t);
        }

        boolean isAt() {
            return left == null;
        }
    }

    private final String name;
    private final String analysis;
    private final SourceLine line;
    private final Kind kind;
    private final Signal signal;
    private final Crossing trig;
    private final Crossing targ;
    private final double from;
    private final double to;
    private final String paramText;
    private final Symbols params;

    Measure(String name, String analysis, SourceLine line, Kind kind, Signal signal, Crossing trig, Crossing targ,
            double from, double to, String paramText, Symbols params) {
        this.name = name;
        this.analysis = analysis;
        this.line = line;
        this.kind = kind;
        this.signal = signal;
        this.trig = trig;
        this.targ = targ;
        this.from = from;
        this.to = to;
        this.paramText = paramText;
        this.params = params;
    }

    /** TRIG ... TARG ...: the scale difference targ − trig. */
    public static Measure trigTarg(String name, String analysis, SourceLine line, Crossing trig, Crossing targ) {
        return new Measure(name, analysis, line, Kind.TRIG_TARG, null, trig, targ, Double.NaN, Double.NaN, null, null);
    }

    /** WHEN ...: the scale value of a crossing. */
    public static Measure when(String name, String analysis, SourceLine line, Crossing when) {
        return new Measure(name, analysis, line, Kind.WHEN, null, when, null, Double.NaN, Double.NaN, null, null);
    }

    /** FIND signal WHEN/AT ..., or DERIV signal WHEN/AT ... */
    public static Measure at(String name, String analysis, SourceLine line, boolean derivative, Signal signal,
            Crossing where) {
        Kind k = where.isAt() ? (derivative ? Kind.DERIV_AT : Kind.FIND_AT)
                : (derivative ? Kind.DERIV_WHEN : Kind.FIND_WHEN);
        return new Measure(name, analysis, line, k, signal, where, null, Double.NaN, Double.NaN, null, null);
    }

    /** AVG, MIN, MAX, PP, RMS, INTEG, MIN_AT, MAX_AT of a signal over [from, to] (NaN: the whole run). */
    public static Measure aggregate(String name, String analysis, SourceLine line, Kind kind, Signal signal,
            double from, double to) {
        return new Measure(name, analysis, line, kind, signal, null, null, from, to, null, null);
    }

    /** PARAM='expression' of parameters and the measurements before it. */
    public static Measure param(String name, String analysis, SourceLine line, String expression, Symbols params) {
        return new Measure(name, analysis, line, Kind.PARAM, null, null, null, Double.NaN, Double.NaN, expression,
                params);
    }

    public String name() {
        return name;
    }

    /** {@code tran} or {@code dc}. */
    public String analysis() {
        return analysis;
    }

    public SourceLine line() {
        return line;
    }

    public Kind kind() {
        return kind;
    }

    Signal signal() {
        return signal;
    }

    Crossing trig() {
        return trig;
    }

    Crossing targ() {
        return targ;
    }

    double from() {
        return from;
    }

    double to() {
        return to;
    }

    String paramText() {
        return paramText;
    }

    Symbols params() {
        return params;
    }

    /** Every recorded vector this measurement reads (the analysis must record them). */
    public List<String> vectors() {
        List<String> out = new ArrayList<>();
        add(out, signal);
        for (Crossing c : new Crossing[] {trig, targ}) {
            if (c != null && !c.isAt()) {
                add(out, c.left());
                add(out, c.right());
            }
        }
        return out;
    }

    private static void add(List<String> out, Signal s) {
        if (s != null) {
            for (String v : s.vectors()) {
                if (!out.contains(v)) {
                    out.add(v);
                }
            }
        }
    }
}
