package org.memspice.spice.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.memspice.spice.netlist.SpiceNumber;

/**
 * Parses SPICE expressions once into an {@link Expr} tree: numbers with SPICE suffixes,
 * parameters, {@code V(n)}, {@code V(a,b)}, {@code I(Vx)}, the operators
 * {@code + - * / ^ **}, unary minus, comparisons, {@code && || !}, the ternary {@code c ? a : b},
 * and the functions of {@link Functions}. Constant subtrees are folded.
 */
public final class ExpressionParser {
    private final String text;
    private final Symbols symbols;
    private int pos;

    private ExpressionParser(String text, Symbols symbols) {
        this.text = text;
        this.symbols = symbols;
    }

    /** Parses {@code text} (braces around the whole text are allowed). */
    public static Expr parse(String text, Symbols symbols) {
        ExpressionParser p = new ExpressionParser(text, symbols);
        Expr e = p.ternary();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw new ExpressionException("unexpected '" + text.charAt(p.pos) + "' in expression", p.pos);
        }
        return e;
    }

    /** Parses and evaluates a constant expression. */
    public static double evaluate(String text, Symbols symbols) {
        Expr e = parse(text, symbols);
        if (!e.isConstant()) {
            throw new ExpressionException("expression must be constant here: " + text, 0);
        }
        return e.eval(new double[0]);
    }

    private static Expr fold(Expr e) {
        if (e.isConstant() && !(e instanceof Nodes.Const)) {
            return new Nodes.Const(e.eval(new double[0]));
        }
        return e;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean accept(String token) {
        skipSpace();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw new ExpressionException("expected '" + token + "'"
                    + (pos < text.length() ? " but found '" + text.charAt(pos) + "'" : " at end of expression"), pos);
        }
    }

    private Expr ternary() {
        Expr c = or();
        if (accept("?")) {
            Expr t = ternary();
            expect(":");
            Expr f = ternary();
            return fold(new Nodes.Ternary(c, t, f));
        }
        return c;
    }

    private Expr or() {
        Expr a = and();
        while (accept("||")) {
            a = fold(new Nodes.Binary(Nodes.BinaryOp.OR, a, and()));
        }
        return a;
    }

    private Expr and() {
        Expr a = comparison();
        while (accept("&&")) {
            a = fold(new Nodes.Binary(Nodes.BinaryOp.AND, a, comparison()));
        }
        return a;
    }

    private Expr comparison() {
        Expr a = additive();
        while (true) {
            Nodes.BinaryOp op;
            if (accept("==")) {
                op = Nodes.BinaryOp.EQ;
            } else if (accept("!=") || accept("<>")) {
                op = Nodes.BinaryOp.NE;
            } else if (accept("<=")) {
                op = Nodes.BinaryOp.LE;
            } else if (accept(">=")) {
                op = Nodes.BinaryOp.GE;
            } else if (accept("<")) {
                op = Nodes.BinaryOp.LT;
            } else if (accept(">")) {
                op = Nodes.BinaryOp.GT;
            } else {
                return a;
            }
            a = fold(new Nodes.Binary(op, a, additive()));
        }
    }

    private Expr additive() {
        Expr a = multiplicative();
        while (true) {
            if (accept("+")) {
                a = fold(new Nodes.Binary(Nodes.BinaryOp.ADD, a, multiplicative()));
            } else if (accept("-")) {
                a = fold(new Nodes.Binary(Nodes.BinaryOp.SUB, a, multiplicative()));
            } else {
                return a;
            }
        }
    }

    private Expr multiplicative() {
        Expr a = unary();
        while (true) {
            if (accept("*")) {
                a = fold(new Nodes.Binary(Nodes.BinaryOp.MUL, a, unary()));
            } else if (accept("/")) {
                a = fold(new Nodes.Binary(Nodes.BinaryOp.DIV, a, unary()));
            } else {
                return a;
            }
        }
    }

    private Expr unary() {
        if (accept("-")) {
            return fold(new Nodes.Negate(unary()));
        }
        if (accept("+")) {
            return unary();
        }
        skipSpace();
        if (text.startsWith("!", pos) && !text.startsWith("!=", pos)) {
            pos++;
            return fold(new Nodes.Not(unary()));
        }
        return power();
    }

    private Expr power() {
        Expr base = primary();
        if (accept("**") || accept("^")) {
            Expr exponent = unary();
            return fold(new Nodes.Binary(Nodes.BinaryOp.POW, base, exponent));
        }
        return base;
    }

    private Expr primary() {
        skipSpace();
        if (pos >= text.length()) {
            throw new ExpressionException("expression ends where a value was expected", pos);
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Expr e = ternary();
            expect(")");
            return e;
        }
        if (c == '{') {
            pos++;
            Expr e = ternary();
            expect("}");
            return e;
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            return name();
        }
        throw new ExpressionException("unexpected '" + c + "' where a value was expected", pos);
    }

    private Expr number() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        String token = text.substring(start, pos);
        double v = SpiceNumber.parse(token);
        if (Double.isNaN(v)) {
            throw new ExpressionException(SpiceNumber.isOutOfRange(token) ? "number '" + token
                    + "' is beyond the range of a double (about 1.8e308)" : "malformed number '" + token + "'", start);
        }
        return new Nodes.Const(v);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '#' || c == '$';
    }

    private Expr name() {
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos))) {
            pos++;
        }
        String name = text.substring(start, pos).toLowerCase(Locale.ROOT);
        int save = pos;
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '(') {
            if (name.equals("v") || name.equals("i")) {
                return circuitQuantity(name, start);
            }
            pos++;
            List<Expr> args = new ArrayList<>();
            skipSpace();
            if (!accept(")")) {
                do {
                    args.add(ternary());
                } while (accept(","));
                expect(")");
            }
            Expr user = symbols.userFunction(name, args);
            if (user != null) {
                return fold(user);
            }
            Functions.Function fn = Functions.lookup(name);
            if (fn == null) {
                throw new ExpressionException("unknown function '" + name + "'", start);
            }
            if (fn.arity() != args.size()) {
                throw new ExpressionException("function '" + name + "' takes " + fn.arity()
                        + " argument(s), not " + args.size(), start);
            }
            return fold(new Nodes.Call(fn, args));
        }
        pos = save;
        Expr e = symbols.identifier(name);
        if (e == null) {
            throw new ExpressionException("unknown parameter '" + name + "'", start);
        }
        return e;
    }

    private Expr circuitQuantity(String kind, int start) {
        pos++; // '('
        List<String> names = new ArrayList<>();
        while (true) {
            skipSpace();
            int s = pos;
            while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != ')'
                    && !Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (s == pos) {
                throw new ExpressionException("expected a name inside " + kind.toUpperCase(Locale.ROOT) + "()", pos);
            }
            names.add(text.substring(s, pos).toLowerCase(Locale.ROOT));
            if (accept(",")) {
                continue;
            }
            expect(")");
            break;
        }
        Expr e;
        if (kind.equals("v")) {
            if (names.size() > 2) {
                throw new ExpressionException("V() takes one or two nodes", start);
            }
            e = symbols.voltage(names.get(0), names.size() > 1 ? names.get(1) : null);
            if (e == null) {
                throw new ExpressionException("V(" + String.join(",", names) + ") cannot be used here", start);
            }
        } else {
            if (names.size() != 1) {
                throw new ExpressionException("I() takes one device name", start);
            }
            e = symbols.current(names.get(0));
            if (e == null) {
                throw new ExpressionException("I(" + names.get(0) + ") cannot be used here", start);
            }
        }
        return e;
    }

    /** Creates a constant node (for symbol tables). */
    public static Expr constant(double v) {
        return new Nodes.Const(v);
    }

    /** Creates a variable node reading {@code in[index]} (for symbol tables). */
    public static Expr variable(int index) {
        return new Nodes.Var(index);
    }

    /** {@code a - b}, for V(a,b). */
    public static Expr difference(Expr a, Expr b) {
        return fold(new Nodes.Binary(Nodes.BinaryOp.SUB, a, b));
    }
}
