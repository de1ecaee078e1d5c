package org.memspice.spice.measure;

import java.util.Locale;

/**
 * The outcome of one measurement: its value with the points that located it, or why it failed
 * (a level never crossed, a window outside the run); a failed measurement is reported, not fatal,
 * as in ngspice.
 */
public record MeasureResult(String name, String analysis, double value, String detail, String failure) {
    static MeasureResult ok(Measure m, double value, String detail) {
        return new MeasureResult(m.name(), m.analysis(), value, detail, null);
    }

    static MeasureResult failed(Measure m, String why) {
        return new MeasureResult(m.name(), m.analysis(), Double.NaN, "", why);
    }

    public boolean failed() {
        return failure != null;
    }

    /** One line as printed on the console: {@code name = value  (detail)} or {@code name: failed (why)}. */
    @Override
    public String toString() {
        if (failed()) {
            return String.format(Locale.ROOT, "%-20s failed (%s)", name, failure);
        }
        return String.format(Locale.ROOT, "%-20s = %.9g%s", name, value, detail.isEmpty() ? "" : "  (" + detail + ")");
    }
}
