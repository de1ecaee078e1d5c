package org.memspice.dse.infer;

import java.util.Locale;

/** Numbers with SI prefixes for reports: 1.23 µJ, 45.6 ns. */
public final class Si {
    private static final String[] PREFIX = {"f", "p", "n", "µ", "m", "", "k", "M", "G", "T"};

    private Si() {
    }

    public static String format(double v, String unit) {
        if (v == 0 || !Double.isFinite(v)) {
            return String.format(Locale.ROOT, "%.3g %s", v, unit);
        }
        int e = (int) Math.floor(Math.log10(Math.abs(v)) / 3);
        e = Math.max(-5, Math.min(4, e));
        return String.format(Locale.ROOT, "%.3g %s%s", v / Math.pow(1000, e), PREFIX[e + 5], unit);
    }
}
