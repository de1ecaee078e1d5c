package org.memspice.cli;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Axis tick labels in engineering notation with an SI prefix and the unit, as oscilloscopes and
 * ngspice's plots write them: {@code 50 µs}, {@code 2 mA}, {@code -1.5 V}, {@code 0 s}.
 */
final class EngineeringFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;
    private static final String[] PREFIXES = {"a", "f", "p", "n", "µ", "m", "", "k", "M", "G", "T"};
    private static final int UNITY = 6;

    private final String unit;

    /** @param unit the unit symbol after the prefix ("s", "V", "A"), or "" for plain numbers */
    EngineeringFormat(String unit) {
        this.unit = unit;
    }

    /** {@code value} with a prefix so that the mantissa lies in [1, 1000), at most 4 significant digits. */
    static String format(double value, String unit) {
        if (value == 0) {
            return unit.isEmpty() ? "0" : "0 " + unit;
        }
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        int exponent = (int) Math.floor(Math.log10(Math.abs(value)) / 3) * 3;
        // rounding to 4 digits may reach 1000: move to the next prefix
        double mantissa = value / Math.pow(10, exponent);
        if (Math.abs(Double.parseDouble(String.format(Locale.ROOT, "%.4g", mantissa))) >= 1000) {
            exponent += 3;
            mantissa = value / Math.pow(10, exponent);
        }
        int index = exponent / 3 + UNITY;
        String text = trim(String.format(Locale.ROOT, "%.4g", mantissa));
        if (index < 0 || index >= PREFIXES.length) {
            return trim(String.format(Locale.ROOT, "%.4g", value)) + (unit.isEmpty() ? "" : " " + unit);
        }
        String suffix = PREFIXES[index] + unit;
        return suffix.isEmpty() ? text : text + " " + suffix;
    }

    /** Drops trailing zeros of a fraction (and the point) but never of an integer part. */
    private static String trim(String s) {
        if (s.indexOf('e') >= 0 || s.indexOf('.') < 0) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(format(number, unit));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(format((double) number, unit));
    }

    /** Reads back what {@link #format} writes ("50 µs" is 5e-5); null when it is not such a label. */
    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        String s = source.substring(parsePosition.getIndex()).trim();
        if (!unit.isEmpty() && s.endsWith(unit)) {
            s = s.substring(0, s.length() - unit.length()).trim();
        }
        double scale = 1;
        for (int i = 0; i < PREFIXES.length; i++) {
            if (!PREFIXES[i].isEmpty() && s.endsWith(PREFIXES[i])) {
                scale = Math.pow(10, 3 * (i - UNITY));
                s = s.substring(0, s.length() - PREFIXES[i].length()).trim();
                break;
            }
        }
        try {
            double v = Double.parseDouble(s) * scale;
            parsePosition.setIndex(source.length());
            return v;
        } catch (NumberFormatException e) {
            parsePosition.setErrorIndex(parsePosition.getIndex());
            return null;
        }
    }
}
