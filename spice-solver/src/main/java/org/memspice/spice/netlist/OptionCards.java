package org.memspice.spice.netlist;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.circuit.Options;
import org.memspice.spice.linalg.SparseLu;

/**
 * {@code .options} and {@code .temp}, read before anything else (parameters may use temper). Every
 * value is checked where it is read: finite, in range, whole where it counts iterations. Options
 * memspice implements are set; options that only shape ngspice's printed listing are accepted
 * (they change no result); options that would change results and that memspice does not
 * implement are refused by name; anything else is reported as a warning and has no effect.
 */
final class OptionCards {
    /** ngspice options that only affect its listings, accounting or interactive front end. */
    private static final Set<String> LISTING = Set.of("acct", "noacct", "list", "node", "nomod", "nopage", "opts",
            "post", "numdgt", "lvlcod", "lvltim", "limpts", "warn", "maxwarns", "norefvalue", "noinit", "keepopinfo",
            "savecurrents", "probe", "brief", "width", "cptime");
    /** Options that change results in ngspice and that memspice does not implement. */
    private static final Set<String> UNSUPPORTED = Set.of("rshunt", "cshunt", "xmu", "interp", "minbreak",
            "gminfactor", "scale", "defl", "defw", "defad", "defas");

    private OptionCards() {
    }

    /** Reads every .options and .temp card of {@code controls} into the circuit's options. */
    static void read(Circuit circuit, List<SourceLine> controls) {
        for (SourceLine line : controls) {
            String kw = line.keyword();
            if (kw.startsWith(".opt")) {
                options(circuit, line);
            } else if (kw.equals(".temp")) {
                List<Token> t = Tokenizer.tokenize(line);
                if (t.size() != 2) {
                    throw new NetlistException(line, "expected .temp DEGREES_C (one temperature; sweep it with .dc TEMP)");
                }
                double celsius = constant(line, t.get(1), "temperature");
                checkTemperature(line, t.get(1), celsius, ".temp");
                circuit.options().temp = celsius;
            }
        }
    }

    private static void checkTemperature(SourceLine line, Token at, double celsius, String what) {
        if (!(celsius > -273.15) || !Double.isFinite(celsius)) {
            throw new NetlistException(line, at.column(), what + " must be a finite temperature above absolute zero"
                    + " (-273.15 C), got " + celsius);
        }
    }

    /** A number, or a braced expression of constants (parameters are not known yet here). */
    static double constant(SourceLine line, Token value, String what) {
        if (value.is(Token.Kind.WORD)) {
            double v = SpiceNumber.parse(value.text());
            if (!Double.isNaN(v)) {
                return v;
            }
        }
        if (!value.is(Token.Kind.WORD) && !value.is(Token.Kind.EXPRESSION)) {
            throw new NetlistException(line, value.column(), "expected " + what + ", found '" + value + "'");
        }
        try {
            double v = org.memspice.spice.expr.ExpressionParser.evaluate(value.text(), name -> null);
            if (!Double.isFinite(v)) {
                throw new NetlistException(line, value.column(), what + " is not a finite number: " + v);
            }
            return v;
        } catch (org.memspice.spice.expr.ExpressionException e) {
            int col = value.column() + (value.is(Token.Kind.EXPRESSION) ? 1 : 0) + e.column();
            throw new NetlistException(line, col, e.getMessage() + " in " + what);
        }
    }

    private static void options(Circuit circuit, SourceLine line) {
        List<Token> t = Tokenizer.tokenize(line);
        int i = 1;
        while (i < t.size()) {
            Token key = t.get(i);
            if (!key.is(Token.Kind.WORD)) {
                throw new NetlistException(line, key.column(), "expected an option name, found '" + key + "'");
            }
            String k = key.text().toLowerCase(Locale.ROOT);
            Token value = null;
            if (i + 1 < t.size() && t.get(i + 1).is(Token.Kind.EQUALS)) {
                if (i + 2 >= t.size()) {
                    throw new NetlistException(line, key.column(), "option " + k + " has no value after '='");
                }
                value = t.get(i + 2);
                i += 3;
            } else {
                i += 1;
            }
            set(circuit, line, key, k, value);
        }
    }

    /**
     * The value of option {@code k} that names one of {@code values} (case-insensitive); any other
     * value, or none, is exit 2 at the value (or the key) saying which it {@code takes}.
     */
    private static <E> E choice(SourceLine line, Token key, String k, Token value, String takes, Map<String, E> values) {
        E chosen = value == null ? null : values.get(value.text().toLowerCase(Locale.ROOT));
        if (chosen == null) {
            throw new NetlistException(line, value == null ? key.column() : value.column(),
                    "option " + k + " takes " + takes + ", not '" + (value == null ? "" : value.text()) + "'");
        }
        return chosen;
    }

    private static void set(Circuit circuit, SourceLine line, Token key, String k, Token value) {
        Options o = circuit.options();
        if (LISTING.contains(k)) {
            return;
        }
        if (UNSUPPORTED.contains(k)) {
            throw new NetlistException(line, key.column(), "option " + k + " is not supported by memspice (it would"
                    + " change the results, so it is not ignored); remove it");
        }
        switch (k) {
            case "method" -> {
                o.method = choice(line, key, k, value, "trap or gear", Map.of("trap", Options.Method.TRAP,
                        "trapezoidal", Options.Method.TRAP, "gear", Options.Method.GEAR));
                return;
            }
            case "newton" -> {
                o.newton = choice(line, key, k, value, "modified, chord or full", Map.of("modified",
                        Options.NewtonMethod.MODIFIED, "chord", Options.NewtonMethod.CHORD, "full", Options.NewtonMethod.FULL));
                return;
            }
            case "ordering" -> {
                o.ordering = choice(line, key, k, value, "auto, amd (minimum degree) or nd (nested dissection)",
                        Map.of("auto", SparseLu.Ordering.AUTO, "amd", SparseLu.Ordering.MINIMUM_DEGREE,
                                "nd", SparseLu.Ordering.NESTED_DISSECTION));
                return;
            }
            default -> {
            }
        }
        if (!Options.NUMERIC.contains(k)) {
            circuit.warn(line.location() + ": option " + k + " is unknown to memspice and has no effect");
            return;
        }
        if (value == null) {
            throw new NetlistException(line, key.column(), "option " + k + " needs a value: " + k + "=NUMBER");
        }
        double v = constant(line, value, "option " + k);
        String problem = o.set(k, v);
        if (problem != null) {
            throw new NetlistException(line, value.column(), "option " + k + " " + problem + ", got " + v);
        }
    }
}
