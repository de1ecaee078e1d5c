package org.memspice.spice.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.memspice.spice.circuit.Limits;
import org.memspice.spice.netlist.SpiceNumber;

/**
 * Parses SPICE expressions once into an {@link Expr} tree: numbers with SPICE suffixes,
 * parameters, {@code V(n)}, {@code V(a,b)}, {@code I(Vx)}, the operators
 * {@code + - * / ^ **}, unary minus, comparisons, {@code && || !}, the ternary {@code c ? a : b},
 * and the functions of {@link Functions}. Constant subtrees are folded.
 */
public final class ExpressionParser {
    /** Nodes one top-level expression may grow to with its .func calls inlined. */
    private static final int MAX_NODES = Limits.MAX_EXPRESSION_NODES;
    /** Depth of the tree after inlining: every walk of it is recursive. */
    private static final int MAX_TREE_DEPTH = 2000;
    /** .func calls nested inside one another. */
    private static final int MAX_CALL_DEPTH = 100;

    /**
     * The work of one top-level parse, shared by the parses of the .func bodies it inlines: nodes
     * built so far and the functions being expanded (for recursion).
     */
    private static final class Budget {
        long nodes;
        final java.util.ArrayDeque<String> calls = new java.util.ArrayDeque<>();
    }

    private static final ThreadLocal<Budget> BUDGET = new ThreadLocal<>();

    private final String text;
    private final Symbols symbols;
    private final Budget budget;
    private int pos;
    private int nesting;

    private ExpressionParser(String text, Symbols symbols, Budget budget) {
        this.text = text;
        this.symbols = symbols;
        this.budget = budget;
    }

    /**
     * Parses {@code text} (braces around the whole text are allowed). The work is bounded: an
     * expression nested too deep, a recursive .func, or .func calls that expand past a million
     * nodes end in an {@link ExpressionException} instead of a StackOverflowError or a hang.
     */
    public static Expr parse(String text, Symbols symbols) {
        Budget outer = BUDGET.get();
        Budget budget = outer != null ? outer : new Budget();
        if (outer == null) {
            BUDGET.set(budget);
        }
        try {
            ExpressionParser p = new ExpressionParser(text, symbols, budget);
            Expr e = p.ternary();
            p.skipSpace();
            if (p.pos < text.length()) {
                throw new ExpressionException("unexpected '" + text.charAt(p.pos) + "' in expression", p.pos);
            }
            return e;
        } finally {
            if (outer == null) {
                BUDGET.remove();
            }
        }
    }

    /** Marks .func {@code name} as being expanded; refuses recursion and call chains too deep. */
    static void enterFunction(String name) {
        Budget b = BUDGET.get();
        if (b == null) {
            return;
        }
        if (b.calls.contains(name)) {
            StringBuilder chain = new StringBuilder();
            for (java.util.Iterator<String> it = b.calls.descendingIterator(); it.hasNext();) {
                chain.append(it.next()).append(" -> ");
            }
            throw new ExpressionException(".func " + name + " calls itself (" + chain + name + "): recursion has no end"
                    + " in an expression", 0);
        }
        if (b.calls.size() >= MAX_CALL_DEPTH) {
            throw new ExpressionException(".func calls nested more than " + MAX_CALL_DEPTH + " deep", 0);
        }
        b.calls.push(name);
    }

    static void exitFunction() {
        Budget b = BUDGET.get();
        if (b != null && !b.calls.isEmpty()) {
            b.calls.pop();
        }
    }

    /** Counts a new node against the budget and checks the depth of the tree it tops. */
    private Expr built(Expr e) {
        if (++budget.nodes > MAX_NODES) {
            throw new ExpressionException("the expression grows past " + MAX_NODES + " nodes once its .func calls are"
                    + " expanded (functions that call each other several times multiply)", pos);
        }
        if (e.depth > MAX_TREE_DEPTH) {
            throw new ExpressionException("the expression is nested more than " + MAX_TREE_DEPTH + " levels deep once"
                    + " its .func calls are expanded", pos);
        }
        return e;
    }

    private void enter() {
        if (++nesting > Limits.MAX_EXPRESSION_DEPTH) {
            throw new ExpressionException("expression nested more than " + Limits.MAX_EXPRESSION_DEPTH
                    + " levels deep (parentheses, operators or signs)", pos);
        }
    }

    /** Parses and evaluates a constant expression. */
    public static double evaluate(String text, Symbols symbols) {
        Expr e = parse(text, symbols);
        if (!e.isConstant()) {
            throw new ExpressionException("expression must be constant here: " + text, 0);
        }
        return e.eval(new double[0]);
    }

    private Expr fold(Expr e) {
        built(e);
        if (e.isConstant() && !(e instanceof Nodes.Const)) {
            return new Nodes.Const(e.eval(new double[0]));
        }
        return e;
    }

    private static Expr foldStatic(Expr e) {
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
        enter();
        try {
            return ternaryBody();
        } finally {
            nesting--;
        }
    }

    private Expr ternaryBody() {
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
        enter();
        try {
            return unaryBody();
        } finally {
            nesting--;
        }
    }

    private Expr unaryBody() {
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
        built(new Nodes.Const(0));
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
            if (name.equals("ddt")) {
                if (args.size() != 1) {
                    throw new ExpressionException("ddt takes 1 argument, not " + args.size(), start);
                }
                if (args.get(0).isConstant()) {
                    return fold(new Nodes.Const(0));
                }
                Expr d = symbols.timeDerivative(args.get(0));
                if (d == null) {
                    throw new ExpressionException("ddt() needs the circuit's time: it is allowed in B sources and E/G"
                            + " value= expressions, not here", start);
                }
                return fold(d);
            }
            if (name.equals("sdt") || name.equals("idt") || name.equals("integ")) {
                throw new ExpressionException(name + "() (a time integral) is not an ngspice function and memspice has"
                        + " none: integrate with a capacitor fed by a B current source", start);
            }
            Functions.Function fn = Functions.lookup(name);
            if (fn == null) {
                throw new ExpressionException("unknown function '" + name + "'", start);
            }
            if (!fn.accepts(args.size())) {
                throw new ExpressionException(fn.usage(name) + ", not " + args.size(), start);
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
        return foldStatic(new Nodes.Binary(Nodes.BinaryOp.SUB, a, b));
    }

    /** {@code a / b}, for a behavioural resistor's current V(a,b)/R. */
    public static Expr quotient(Expr a, Expr b) {
        return foldStatic(new Nodes.Binary(Nodes.BinaryOp.DIV, a, b));
    }

    /** {@code ddt(arg)} reading integration slot {@code slot} (for symbol tables of time-domain elements). */
    public static Expr timeDerivative(int slot, Expr arg) {
        return new Nodes.Ddt(slot, arg);
    }
}
