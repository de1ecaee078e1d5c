package org.memspice.spice.netlist;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.memspice.spice.expr.Expr;
import org.memspice.spice.expr.ExpressionException;
import org.memspice.spice.expr.ExpressionParser;
import org.memspice.spice.expr.Symbols;
import org.memspice.spice.measure.Measure;
import org.memspice.spice.measure.Signal;

/**
 * Reads {@code .measure} (or {@code .meas}) cards in ngspice's syntax:
 * {@code TRIG ... TARG ...}, {@code WHEN}, {@code FIND ... WHEN|AT}, {@code DERIV ... WHEN|AT},
 * {@code AVG|MIN|MAX|PP|RMS|INTEG|MIN_AT|MAX_AT ... [FROM=] [TO=]} and {@code PARAM='expr'},
 * on vectors {@code v(...)}, {@code i(...)} or {@code par('expression')}. Errors name the column.
 */
final class MeasureCards {
    private final SourceLine line;
    private final List<Token> t;
    private final Scope scope;
    private int i;

    private MeasureCards(SourceLine line, List<Token> tokens, Scope scope) {
        this.line = line;
        this.t = tokens;
        this.scope = scope;
    }

    /**
     * The measurement of one card, or null for one of an analysis memspice skips (.meas ac).
     * {@code earlier} are the names of the measurements before it (PARAM= may use them).
     */
    static Measure parse(SourceLine line, Scope scope, Set<String> earlier) {
        MeasureCards p = new MeasureCards(line, Tokenizer.tokenize(line), scope);
        return p.measure(earlier);
    }

    private NetlistException error(String message) {
        return i < t.size() ? new NetlistException(line, t.get(i).column(), message) : new NetlistException(line, message);
    }

    private Token word(String what) {
        if (i >= t.size() || !t.get(i).is(Token.Kind.WORD)) {
            throw error("expected " + what + (i < t.size() ? ", found '" + t.get(i) + "'" : " but the line ends"));
        }
        return t.get(i++);
    }

    private boolean peekWord(String w) {
        return i < t.size() && t.get(i).isWord(w);
    }

    private Measure measure(Set<String> earlier) {
        i = 1;
        String analysis = word("the analysis (tran or dc)").text().toLowerCase(Locale.ROOT);
        String name = word("a name for the measurement").text().toLowerCase(Locale.ROOT);
        if (!analysis.equals("tran") && !analysis.equals("dc")) {
            if (List.of("ac", "sp", "noise", "op").contains(analysis)) {
                return null;
            }
            throw new NetlistException(line, t.get(1).column(), ".measure works on tran or dc, not '" + analysis + "'");
        }
        Token kw = word("TRIG, WHEN, FIND, DERIV, AVG, MIN, MAX, PP, RMS, INTEG, MIN_AT, MAX_AT or PARAM");
        String k = kw.text().toLowerCase(Locale.ROOT);
        Measure m;
        switch (k) {
            case "trig": {
                Measure.Crossing trig = crossing(true, "TRIG");
                if (!peekWord("targ")) {
                    throw error("expected TARG after the TRIG part");
                }
                i++;
                Measure.Crossing targ = crossing(true, "TARG");
                m = Measure.trigTarg(name, analysis, line, trig, targ);
                break;
            }
            case "when":
                m = Measure.when(name, analysis, line, when());
                break;
            case "find":
            case "deriv":
            case "derivative": {
                var signal = signal("the signal");
                Measure.Crossing where;
                if (peekWord("when")) {
                    i++;
                    where = when();
                } else if (peekWord("at")) {
                    where = Measure.Crossing.atTime(keyValue("at"));
                } else {
                    throw error("expected WHEN or AT= after the signal");
                }
                m = Measure.at(name, analysis, line, !k.equals("find"), signal, where);
                break;
            }
            case "param":
                m = param(name, analysis, earlier);
                break;
            default:
                m = aggregate(name, analysis, k, kw);
        }
        if (i < t.size()) {
            throw error("unexpected '" + t.get(i) + "' at the end of .measure " + name);
        }
        return m;
    }

    private Measure aggregate(String name, String analysis, String k, Token kw) {
        Measure.Kind kind;
        switch (k) {
            case "avg": kind = Measure.Kind.AVG; break;
            case "min": kind = Measure.Kind.MIN; break;
            case "max": kind = Measure.Kind.MAX; break;
            case "pp": kind = Measure.Kind.PP; break;
            case "rms": kind = Measure.Kind.RMS; break;
            case "integ":
            case "integral":
                kind = Measure.Kind.INTEG;
                break;
            case "min_at": kind = Measure.Kind.MIN_AT; break;
            case "max_at": kind = Measure.Kind.MAX_AT; break;
            default:
                throw new NetlistException(line, kw.column(), "unknown .measure kind '" + kw.text() + "' (memspice has"
                        + " TRIG/TARG, WHEN, FIND, DERIV, AVG, MIN, MAX, PP, RMS, INTEG, MIN_AT, MAX_AT, PARAM)");
        }
        var signal = signal("the signal");
        double from = Double.NaN;
        double to = Double.NaN;
        while (i < t.size()) {
            if (peekWord("from")) {
                from = keyValue("from");
            } else if (peekWord("to")) {
                to = keyValue("to");
            } else if (peekWord("td")) {
                from = keyValue("td");
            } else {
                throw error("expected FROM=, TO= or TD=, found '" + t.get(i) + "'");
            }
        }
        return Measure.aggregate(name, analysis, line, kind, signal, from, to);
    }

    private Measure param(String name, String analysis, Set<String> earlier) {
        if (i >= t.size() || !t.get(i).is(Token.Kind.EQUALS)) {
            throw error("expected PARAM='expression'");
        }
        i++;
        if (i >= t.size()) {
            throw error("expected an expression after PARAM=");
        }
        Token e = t.get(i++);
        // check the names now: parameters, or the measurements before this one
        Symbols check = new Symbols() {
            @Override
            public Expr identifier(String n) {
                return earlier.contains(n) ? ExpressionParser.constant(1) : scope.identifier(n);
            }

            @Override
            public Expr userFunction(String n, List<Expr> args) {
                return scope.userFunction(n, args);
            }
        };
        try {
            ExpressionParser.parse(e.text(), check);
        } catch (ExpressionException ex) {
            throw new NetlistException(line, e.column() + (e.is(Token.Kind.EXPRESSION) ? 1 : 0) + ex.column(),
                    ex.getMessage() + " in PARAM= (parameters and earlier .measure names only)");
        }
        return Measure.param(name, analysis, line, e.text(), scope);
    }

    /** {@code KEY=value} at the cursor, the value a number or {expression} of parameters. */
    private double keyValue(String key) {
        i++;
        if (i >= t.size() || !t.get(i).is(Token.Kind.EQUALS) || i + 1 >= t.size()) {
            throw error("expected " + key.toUpperCase(Locale.ROOT) + "=value");
        }
        i++;
        double v = CircuitBuilder.evaluate(scope, line, t.get(i));
        i++;
        return v;
    }

    /** A count: a whole number >= 1, or LAST (-1). */
    private int count(String key) {
        i++;
        if (i + 1 >= t.size() || !t.get(i).is(Token.Kind.EQUALS)) {
            throw error("expected " + key + "=N or " + key + "=LAST");
        }
        i++;
        Token v = t.get(i++);
        if (v.isWord("last")) {
            return -1;
        }
        double n = CircuitBuilder.evaluate(scope, line, v);
        if (n != Math.rint(n) || n < 1 || n > Integer.MAX_VALUE) {
            throw new NetlistException(line, v.column(), key + " must be a whole number >= 1 or LAST, got " + n);
        }
        return (int) n;
    }

    /** TRIG/TARG part: {@code AT=t} or {@code signal VAL=v [TD=] [RISE=|FALL=|CROSS=]}. */
    private Measure.Crossing crossing(boolean withVal, String what) {
        if (peekWord("at")) {
            return Measure.Crossing.atTime(keyValue("at"));
        }
        var left = signal("the " + what + " signal");
        if (!peekWord("val")) {
            throw error("expected VAL= after the " + what + " signal");
        }
        var right = Signal.constant(keyValue("val"));
        return conditions(left, right);
    }

    /** WHEN part: {@code signal=signal|value [TD=] [RISE=|FALL=|CROSS=]}. */
    private Measure.Crossing when() {
        var left = signal("the WHEN signal");
        if (i >= t.size() || !t.get(i).is(Token.Kind.EQUALS)) {
            throw error("expected '=' after the WHEN signal");
        }
        i++;
        var right = signal("the level (a number or a signal)");
        return conditions(left, right);
    }

    private Measure.Crossing conditions(Signal left, Signal right) {
        Measure.Direction dir = Measure.Direction.CROSS;
        int count = 1;
        double td = 0;
        while (i < t.size() && t.get(i).is(Token.Kind.WORD) && i + 1 < t.size() && t.get(i + 1).is(Token.Kind.EQUALS)) {
            String k = t.get(i).text().toLowerCase(Locale.ROOT);
            switch (k) {
                case "td":
                    td = keyValue("td");
                    break;
                case "rise":
                    dir = Measure.Direction.RISE;
                    count = count("RISE");
                    break;
                case "fall":
                    dir = Measure.Direction.FALL;
                    count = count("FALL");
                    break;
                case "cross":
                    dir = Measure.Direction.CROSS;
                    count = count("CROSS");
                    break;
                default:
                    return new Measure.Crossing(left, right, dir, count, td, Double.NaN);
            }
        }
        return new Measure.Crossing(left, right, dir, count, td, Double.NaN);
    }

    /** {@code v(a[,b])}, {@code i(x)}, {@code par('expression')}, a number or {expression} of parameters. */
    private Signal signal(String what) {
        if (i >= t.size()) {
            throw error("expected " + what + " but the line ends");
        }
        Token a = t.get(i);
        if (a.is(Token.Kind.WORD) && i + 1 < t.size() && t.get(i + 1).is(Token.Kind.LPAREN)) {
            String kind = a.text().toLowerCase(Locale.ROOT);
            if (kind.equals("par")) {
                if (i + 3 >= t.size() || !t.get(i + 2).is(Token.Kind.EXPRESSION) || !t.get(i + 3).is(Token.Kind.RPAREN)) {
                    throw error("expected par('expression')");
                }
                Token e = t.get(i + 2);
                i += 4;
                try {
                    return Signal.expression(e.text(), scope, scope::nodeName, scope::elementName);
                } catch (ExpressionException ex) {
                    throw new NetlistException(line, e.column() + 1 + ex.column(), ex.getMessage());
                }
            }
            if (!kind.equals("v") && !kind.equals("i")) {
                throw error("expected " + what + ": v(...), i(...) or par('expression'), found '" + a.text() + "(...)'");
            }
            StringBuilder sb = new StringBuilder(kind).append('(');
            int j = i + 2;
            int names = 0;
            while (j < t.size() && !t.get(j).is(Token.Kind.RPAREN)) {
                Token n = t.get(j);
                if (n.is(Token.Kind.COMMA)) {
                    sb.append(',');
                } else if (n.is(Token.Kind.WORD)) {
                    String local = n.text().toLowerCase(Locale.ROOT);
                    sb.append(kind.equals("v") ? scope.nodeName(local) : scope.elementName(local));
                    names++;
                } else {
                    throw new NetlistException(line, n.column(), "expected a name inside " + a.text() + "(...)");
                }
                j++;
            }
            if (j >= t.size() || names == 0 || names > (kind.equals("v") ? 2 : 1)) {
                throw error("expected " + kind + "(name" + (kind.equals("v") ? "[,name]" : "") + ")");
            }
            i = j + 1;
            return Signal.vector(sb.append(')').toString());
        }
        if (a.is(Token.Kind.WORD) || a.is(Token.Kind.EXPRESSION)) {
            i++;
            return Signal.constant(CircuitBuilder.evaluate(scope, line, a));
        }
        throw error("expected " + what + ", found '" + a + "'");
    }
}
