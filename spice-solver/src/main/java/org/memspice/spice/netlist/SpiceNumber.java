package org.memspice.spice.netlist;

/**
 * SPICE numbers: a decimal number with an optional exponent, then an optional scale suffix
 * (f p n u m k meg g t, and mil), then any unit letters, which are ignored as SPICE does
 * ({@code 10nF}, {@code 1megohm}, {@code 5mA}).
 */
public final class SpiceNumber {
    private SpiceNumber() {
    }

    /**
     * The value of {@code token}, or NaN when it is not a SPICE number or lies beyond the range of
     * a double ({@code 1e999}); use {@link #isOutOfRange} to tell the two apart in messages.
     */
    public static double parse(String token) {
        return parse(token, 0, token.length());
    }

    /** {@link #parse(String)} of {@code text[start, end)}, without making the substring. */
    public static double parse(String text, int start, int end) {
        int i = start;
        if (i < end && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < end && Character.isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (i < end && text.charAt(i) == '.') {
            i++;
            while (i < end && Character.isDigit(text.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < end && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < end && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
                j++;
            }
            if (j < end && Character.isDigit(text.charAt(j))) {
                while (j < end && Character.isDigit(text.charAt(j))) {
                    j++;
                }
                i = j;
            }
        }
        double mantissa = exact(text, start, i);
        if (Double.isNaN(mantissa)) {
            try {
                mantissa = Double.parseDouble(text.substring(start, i));
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        double scale = 1;
        if (i < end) {
            for (int k = i; k < end; k++) {
                if (!Character.isLetter(text.charAt(k))) {
                    return Double.NaN;
                }
            }
            scale = scale(text.substring(i, end).toLowerCase(java.util.Locale.ROOT));
        }
        double v = mantissa * scale;
        return Double.isFinite(v) ? v : Double.NaN;
    }

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * The value of the decimal number {@code token[start, end)} (sign, digits, point, exponent; already
     * checked), when it is exactly what {@link Double#parseDouble} gives without its general
     * algorithm: at most 2^53 as an integer of all its digits, times or over a power of ten up to
     * 10^22, which are both exact, so that the one rounding of the product or quotient is the
     * correctly rounded value (Clinger's fast path). NaN otherwise.
     */
    private static double exact(String token, int start, int end) {
        int i = start;
        boolean negative = false;
        char c0 = token.charAt(start);
        if (c0 == '+' || c0 == '-') {
            negative = c0 == '-';
            i++;
        }
        long digits = 0;
        int scale = 0;
        boolean point = false;
        for (; i < end; i++) {
            char c = token.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits >= (1L << 53) / 10) {
                    return Double.NaN;
                }
                digits = digits * 10 + (c - '0');
                if (point) {
                    scale--;
                }
            } else if (c == '.') {
                point = true;
            } else {
                break; // e or E: the exponent follows
            }
        }
        if (i < end) {
            i++;
            boolean minus = false;
            if (token.charAt(i) == '+' || token.charAt(i) == '-') {
                minus = token.charAt(i) == '-';
                i++;
            }
            int e = 0;
            for (; i < end; i++) {
                e = e * 10 + (token.charAt(i) - '0');
                if (e > 1000) {
                    return Double.NaN;
                }
            }
            scale += minus ? -e : e;
        }
        double v = digits;
        if (scale < 0) {
            if (scale < -22) {
                return Double.NaN;
            }
            v /= POWERS_OF_TEN[-scale];
        } else if (scale > 0) {
            if (scale > 22) {
                return Double.NaN;
            }
            v *= POWERS_OF_TEN[scale];
        }
        return negative ? -v : v;
    }

    private static double scale(String suffix) {
        if (suffix.isEmpty()) {
            return 1;
        }
        if (suffix.startsWith("meg")) {
            return 1e6;
        }
        if (suffix.startsWith("mil")) {
            return 25.4e-6;
        }
        switch (suffix.charAt(0)) {
            case 't': return 1e12;
            case 'g': return 1e9;
            case 'k': return 1e3;
            case 'm': return 1e-3;
            case 'u': return 1e-6;
            case 'n': return 1e-9;
            case 'p': return 1e-12;
            case 'f': return 1e-15;
            default: return 1;
        }
    }

    /** True when {@code token} has the form of a number but its value overflows a double. */
    public static boolean isOutOfRange(String token) {
        if (!Double.isNaN(parse(token))) {
            return false;
        }
        String t = token.toLowerCase(java.util.Locale.ROOT);
        int e = t.indexOf('e');
        if (e <= 0) {
            return false;
        }
        int end = e + 1;
        if (end < t.length() && (t.charAt(end) == '+' || t.charAt(end) == '-')) {
            end++;
        }
        int digits = end;
        while (end < t.length() && Character.isDigit(t.charAt(end))) {
            end++;
        }
        if (end == digits) {
            return false;
        }
        try {
            double m = Double.parseDouble(t.substring(0, end));
            return Double.isInfinite(m);
        } catch (NumberFormatException ex) {
            return false;
        }
    }

    /** True when the whole token is a SPICE number. */
    public static boolean isNumber(String token) {
        return !Double.isNaN(parse(token));
    }
}
