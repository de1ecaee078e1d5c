package org.memspice.spice.measure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memspice.spice.expr.Expr;
import org.memspice.spice.expr.ExpressionException;
import org.memspice.spice.expr.ExpressionParser;
import org.memspice.spice.expr.Symbols;
import org.memspice.spice.output.Waveforms;

/**
 * Evaluates {@code .measure} requests on the waveforms of their analysis, in netlist order (so
 * that PARAM= can use the ones before it). Between recorded points signals are linear, as in
 * ngspice: crossings, FIND and window ends are interpolated, integrals are trapezoidal.
 */
public final class Measurements {
    private Measurements() {
    }

    /** The results of the measurements of {@code w}'s analysis. */
    public static List<MeasureResult> evaluate(List<Measure> measures, Waveforms w) {
        List<MeasureResult> out = new ArrayList<>();
        Map<String, MeasureResult> done = new HashMap<>();
        for (Measure m : measures) {
            if (!m.analysis().equals(w.analysis())) {
                continue;
            }
            MeasureResult r;
            try {
                r = evaluate(m, w, done);
            } catch (IllegalStateException e) {
                r = MeasureResult.failed(m, e.getMessage());
            }
            out.add(r);
            done.put(m.name(), r);
        }
        return out;
    }

    private static MeasureResult evaluate(Measure m, Waveforms w, Map<String, MeasureResult> done) {
        if (w.rows() < 2 && m.kind() != Measure.Kind.PARAM) {
            return MeasureResult.failed(m, "the analysis has fewer than two points");
        }
        switch (m.kind()) {
            case TRIG_TARG: {
                double trig = locate(m.trig(), w, "TRIG");
                double targ = locate(m.targ(), w, "TARG");
                return MeasureResult.ok(m, targ - trig, String.format(Locale.ROOT, "targ %.6g, trig %.6g", targ, trig));
            }
            case WHEN:
                return MeasureResult.ok(m, locate(m.trig(), w, "WHEN"), "");
            case FIND_WHEN:
            case FIND_AT: {
                double at = locate(m.trig(), w, m.kind() == Measure.Kind.FIND_AT ? "AT" : "WHEN");
                return MeasureResult.ok(m, interpolate(w, m.signal(), at), String.format(Locale.ROOT, "at %.6g", at));
            }
            case DERIV_WHEN:
            case DERIV_AT: {
                double at = locate(m.trig(), w, m.kind() == Measure.Kind.DERIV_AT ? "AT" : "WHEN");
                return MeasureResult.ok(m, slope(w, m.signal(), at), String.format(Locale.ROOT, "at %.6g", at));
            }
            case PARAM:
                return MeasureResult.ok(m, param(m, done), "");
            default:
                return aggregate(m, w);
        }
    }

    /** First and last scale values of {@code w}. */
    private static double[] range(Waveforms w) {
        Waveforms.Cursor c = w.cursor();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double first = Double.NaN;
        double last = Double.NaN;
        while (c.next()) {
            if (c.row() == 0) {
                first = c.scale();
            }
            last = c.scale();
            lo = Math.min(lo, last);
            hi = Math.max(hi, last);
        }
        return new double[] {first, last, lo, hi};
    }

    /** The scale value of an AT= or a crossing (one pass), or fails saying which crossing was not found. */
    private static double locate(Measure.Crossing c, Waveforms w, String what) {
        if (c.isAt()) {
            double[] r = range(w);
            if (c.at() < r[2] || c.at() > r[3]) {
                throw new IllegalStateException(what + " " + c.at() + " lies outside the run [" + r[0] + ", " + r[1] + "]");
            }
            return c.at();
        }
        Signal.Reader left = c.left().reader(w);
        Signal.Reader right = c.right().reader(w);
        Waveforms.Cursor cur = w.cursor();
        int seen = 0;
        double last = Double.NaN;
        double x0 = Double.NaN;
        double d0 = Double.NaN;
        while (cur.next()) {
            double x1 = cur.scale();
            double d1 = left.at(cur) - right.at(cur);
            if (cur.row() > 0) {
                boolean rise = d0 < 0 && d1 >= 0;
                boolean fall = d0 > 0 && d1 <= 0;
                boolean counts = c.direction() == Measure.Direction.RISE ? rise
                        : c.direction() == Measure.Direction.FALL ? fall : rise || fall;
                if (counts) {
                    double t = x0 + (x1 - x0) * (-d0) / (d1 - d0);
                    if (t >= c.td()) {
                        seen++;
                        last = t;
                        if (c.count() > 0 && seen == c.count()) {
                            return t;
                        }
                    }
                }
            }
            x0 = x1;
            d0 = d1;
        }
        if (c.count() < 0 && seen > 0) {
            return last;
        }
        String verb = c.direction() == Measure.Direction.RISE ? "rises through"
                : c.direction() == Measure.Direction.FALL ? "falls through" : "crosses";
        String after = c.td() > 0 ? " after td " + c.td() : "";
        if (seen == 0) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s: %s never %s %s%s", what, c.left(), verb,
                    c.right(), after));
        }
        throw new IllegalStateException(String.format(Locale.ROOT, "%s: %s %s %s only %d time%s%s, not %s time", what,
                c.left(), verb, c.right(), seen, seen == 1 ? "" : "s", after, ordinal(c.count())));
    }

    private static String ordinal(int n) {
        return n == 1 ? "a 1st" : n == 2 ? "a 2nd" : n == 3 ? "a 3rd" : "a " + n + "th";
    }

    /** The signal at scale value t on the first segment that contains it (one pass). */
    static double interpolate(Waveforms w, Signal s, double t) {
        Signal.Reader r = s.reader(w);
        Waveforms.Cursor c = w.cursor();
        double x0 = Double.NaN;
        double y0 = Double.NaN;
        while (c.next()) {
            double x1 = c.scale();
            double y1 = r.at(c);
            if (c.row() > 0 && t >= Math.min(x0, x1) && t <= Math.max(x0, x1)) {
                return x1 == x0 ? y1 : y0 + (y1 - y0) * (t - x0) / (x1 - x0);
            }
            x0 = x1;
            y0 = y1;
        }
        throw new IllegalStateException(t + " lies outside the run");
    }

    /** d(signal)/d(scale) at t: the slope of the segment that holds it, averaged over both at a recorded point. */
    static double slope(Waveforms w, Signal s, double t) {
        Signal.Reader r = s.reader(w);
        Waveforms.Cursor c = w.cursor();
        double[] xs = new double[3];
        double[] ys = new double[3];
        double found = Double.NaN;
        while (c.next()) {
            xs[0] = xs[1];
            ys[0] = ys[1];
            xs[1] = xs[2];
            ys[1] = ys[2];
            xs[2] = c.scale();
            ys[2] = r.at(c);
            if (c.row() < 1 || !(xs[2] > xs[1])) {
                continue;
            }
            double sNow = (ys[2] - ys[1]) / (xs[2] - xs[1]);
            if (!Double.isNaN(found)) {
                return t == xs[1] ? (found + sNow) / 2 : found;
            }
            if (t >= xs[1] && t <= xs[2]) {
                if (t == xs[1] && c.row() >= 2 && xs[1] > xs[0]) {
                    return (sNow + (ys[1] - ys[0]) / (xs[1] - xs[0])) / 2;
                }
                if (t < xs[2]) {
                    return sNow;
                }
                found = sNow; // t is this segment's end: average with the next one, if any
            }
        }
        if (!Double.isNaN(found)) {
            return found;
        }
        throw new IllegalStateException(t + " lies outside the run");
    }

    /** AVG, MIN, MAX, PP, RMS, INTEG, MIN_AT, MAX_AT over [from, to] with interpolated ends (two passes). */
    private static MeasureResult aggregate(Measure m, Waveforms w) {
        double[] range = range(w);
        double from = Double.isNaN(m.from()) ? range[0] : m.from();
        double to = Double.isNaN(m.to()) ? range[1] : m.to();
        if (!(from < to) || from < range[2] || to > range[3]) {
            return MeasureResult.failed(m, "the window from " + from + " to " + to + " is empty or outside the run ["
                    + range[0] + ", " + range[1] + "]");
        }
        Signal.Reader r = m.signal().reader(w);
        double integral = 0;
        double squares = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double minAt = from;
        double maxAt = from;
        boolean started = false;
        double px = Double.NaN;
        double py = Double.NaN;
        double prevX = Double.NaN;
        double prevY = Double.NaN;
        Waveforms.Cursor c = w.cursor();
        boolean done = false;
        while (!done && c.next()) {
            double x = c.scale();
            double y = r.at(c);
            if (c.row() > 0 && !started && from >= prevX && from <= x) {
                started = true;
                px = from;
                py = x == prevX ? y : prevY + (y - prevY) * (from - prevX) / (x - prevX);
            }
            if (started) {
                double cx = x;
                double cy = y;
                if (x >= to) {
                    cx = to;
                    cy = x == prevX ? y : prevY + (y - prevY) * (to - prevX) / (x - prevX);
                    done = true;
                }
                if (py < min) {
                    min = py;
                    minAt = px;
                }
                if (py > max) {
                    max = py;
                    maxAt = px;
                }
                integral += (cx - px) * (py + cy) / 2;
                // the trapezoidal rule on the squares, as ngspice (exact over whole periods of a sampled sine)
                squares += (cx - px) * (py * py + cy * cy) / 2;
                px = cx;
                py = cy;
            }
            prevX = x;
            prevY = y;
        }
        if (py < min) {
            min = py;
            minAt = px;
        }
        if (py > max) {
            max = py;
            maxAt = px;
        }
        String window = String.format(Locale.ROOT, "from %.6g to %.6g", from, to);
        switch (m.kind()) {
            case AVG:
                return MeasureResult.ok(m, integral / (to - from), window);
            case RMS:
                return MeasureResult.ok(m, Math.sqrt(squares / (to - from)), window);
            case INTEG:
                return MeasureResult.ok(m, integral, window);
            case MIN:
                return MeasureResult.ok(m, min, String.format(Locale.ROOT, "at %.6g", minAt));
            case MAX:
                return MeasureResult.ok(m, max, String.format(Locale.ROOT, "at %.6g", maxAt));
            case MIN_AT:
                return MeasureResult.ok(m, minAt, String.format(Locale.ROOT, "value %.6g", min));
            case MAX_AT:
                return MeasureResult.ok(m, maxAt, String.format(Locale.ROOT, "value %.6g", max));
            default:
                return MeasureResult.ok(m, max - min, window);
        }
    }

    /** PARAM=: parameters and the values of the measurements before this one. */
    private static double param(Measure m, Map<String, MeasureResult> done) {
        Symbols symbols = new Symbols() {
            @Override
            public Expr identifier(String name) {
                MeasureResult r = done.get(name);
                if (r != null) {
                    if (r.failed()) {
                        throw new IllegalStateException("it uses measurement " + name + ", which failed");
                    }
                    return ExpressionParser.constant(r.value());
                }
                return m.params().identifier(name);
            }

            @Override
            public Expr userFunction(String name, List<Expr> args) {
                return m.params().userFunction(name, args);
            }
        };
        try {
            return ExpressionParser.evaluate(m.paramText(), symbols);
        } catch (ExpressionException e) {
            throw new IllegalStateException(e.getMessage() + " in PARAM='" + m.paramText() + "'");
        }
    }
}
