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
        int n = token.length();
        int i = 0;
        if (i < n && (token.charAt(i) == '+' || token.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(token.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && token.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(token.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < n && (token.charAt(i) == 'e' || token.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (token.charAt(j) == '+' || token.charAt(j) == '-')) {
                j++;
            }
            if (j < n && Character.isDigit(token.charAt(j))) {
                while (j < n && Character.isDigit(token.charAt(j))) {
                    j++;
                }
                i = j;
            }
        }
        double mantissa;
        try {
            mantissa = Double.parseDouble(token.substring(0, i));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
        String rest = token.substring(i).toLowerCase(java.util.Locale.ROOT);
        for (int k = 0; k < rest.length(); k++) {
            if (!Character.isLetter(rest.charAt(k))) {
                return Double.NaN;
            }
        }
        double v = mantissa * scale(rest);
        return Double.isFinite(v) ? v : Double.NaN;
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
