package org.memspice.spice.element;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memspice.spice.circuit.ModelCard;
import org.memspice.spice.expr.ExpressionException;
import org.memspice.spice.expr.ExpressionParser;
import org.memspice.spice.netlist.NetlistException;
import org.memspice.spice.netlist.SourceLine;
import org.memspice.spice.netlist.SpiceNumber;
import org.memspice.spice.netlist.Token;
import org.memspice.spice.netlist.TokenSpans;

/**
 * An element line as a factory reads it: the instance name, then a cursor over the remaining
 * tokens with helpers that resolve nodes, numbers, parameter expressions and models, and that
 * raise errors naming the file, line and column.
 */
public final class ElementCard {
    private final SourceLine line;
    private final String name;
    /** The line's tokens; this card reads those from {@code first} on (after the name). */
    private final TokenSpans spans;
    private final int first;
    private final int size;
    /** The tokens made into objects so far (index relative to {@code first}), or null for none yet. */
    private Token[] made;
    private final CardScope scope;
    private int pos;

    /**
     * @param spans the tokens of the line
     * @param first the index of the first token after the instance name
     */
    public ElementCard(SourceLine line, String fullName, TokenSpans spans, int first, CardScope scope) {
        this.line = line;
        this.name = fullName;
        this.spans = spans;
        this.first = first;
        this.size = spans.size() - first;
        this.scope = scope;
    }

    /** Full lower-case instance name. */
    public String name() {
        return name;
    }

    public SourceLine line() {
        return line;
    }

    public CardScope scope() {
        return scope;
    }

    /** Token i after the name as an object, made on first use (node names and numbers are read without one). */
    private Token token(int i) {
        if (made == null) {
            made = new Token[size];
        }
        if (made[i] == null) {
            made[i] = spans.token(first + i);
        }
        return made[i];
    }

    /** Token {@code i} after the name (consumed or not), e.g. the node names for a derived expression. */
    public Token tokenAt(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("token " + i + " of " + size);
        }
        return token(i);
    }

    public boolean hasNext() {
        return pos < size;
    }

    public Token peek() {
        return pos < size ? token(pos) : null;
    }

    /** The token after the next one, or null. */
    public Token peek(int ahead) {
        return pos + ahead < size ? token(pos + ahead) : null;
    }

    public Token next(String expected) {
        return next(expected, "");
    }

    /**
     * The next token; {@code expected + suffix} names what was expected when the line ends (the
     * two are joined only then: node() runs for every node of every element line).
     */
    private Token next(String expected, String suffix) {
        if (pos >= size) {
            throw error("expected " + expected + suffix + " but the line ends");
        }
        return token(pos++);
    }

    /** The remaining tokens (consumed). */
    public List<Token> rest() {
        List<Token> r = new ArrayList<>(size - pos);
        while (pos < size) {
            r.add(token(pos++));
        }
        return r;
    }

    /** True when the next token is a word: a name or a number, read in place without a token object. */
    private boolean nextIsWord() {
        return pos < size && spans.kind(first + pos) == Token.Kind.WORD;
    }

    /**
     * Consumes the next token when it is a plain SPICE number (a word, not the key of a
     * key=value pair) and returns its value, read in place; NaN, consuming nothing, otherwise.
     */
    public double nextNumber() {
        if (!nextIsWord() || pos + 1 < size && spans.kind(first + pos + 1) == Token.Kind.EQUALS) {
            return Double.NaN;
        }
        int k = first + pos;
        double v = SpiceNumber.parse(spans.text(), spans.start(k), spans.end(k));
        if (!Double.isNaN(v)) {
            pos++;
        }
        return v;
    }

    /** The model named by the next token (not consumed) when it is a word naming one visible here, else null. */
    public ModelCard peekModel() {
        if (!nextIsWord()) {
            return null;
        }
        int k = first + pos;
        return scope.model(spans.text(), spans.start(k), spans.end(k));
    }

    /** Consumes a node name and returns its unknown. */
    public int node(String role) {
        if (nextIsWord()) {
            int k = first + pos++;
            return scope.node(spans.text(), spans.start(k), spans.end(k));
        }
        Token t = next(role, " node");
        throw error(t, "expected " + role + " node name, found '" + t + "'");
    }

    /** Consumes a word (model name, source name ...), lower-cased. */
    public String word(String role) {
        Token t = next(role);
        if (!t.is(Token.Kind.WORD)) {
            throw error(t, "expected " + role + ", found '" + t + "'");
        }
        return t.text().toLowerCase(Locale.ROOT);
    }

    /** Consumes a value: a SPICE number, a {expression} or a parameter name. */
    public double value(String role) {
        if (nextIsWord()) {
            int k = first + pos;
            double v = SpiceNumber.parse(spans.text(), spans.start(k), spans.end(k));
            if (!Double.isNaN(v)) {
                pos++;
                return v; // a plain number, the common case: no token object
            }
        }
        Token t = next(role);
        return valueOf(t, role);
    }

    /** The numeric value of a token: number, braced expression or parameter. */
    public double valueOf(Token t, String role) {
        if (t.is(Token.Kind.WORD)) {
            double v = SpiceNumber.parse(t.text());
            if (!Double.isNaN(v)) {
                return v;
            }
        } else if (!t.is(Token.Kind.EXPRESSION)) {
            throw error(t, "expected " + role + " (a number or {expression}), found '" + t + "'");
        }
        double v;
        try {
            v = ExpressionParser.evaluate(t.text(), scope.parameters());
        } catch (ExpressionException e) {
            int col = t.column() + (t.is(Token.Kind.EXPRESSION) ? 1 : 0) + e.column();
            throw new NetlistException(line, col, e.getMessage() + " in " + role);
        }
        if (!Double.isFinite(v)) {
            throw error(t, role + " '" + t.text() + "' is not a finite number (" + v + ")");
        }
        return v;
    }

    /** True when the next token is a value (not a key=value pair or a keyword). */
    public boolean nextIsValue() {
        Token t = peek();
        if (t == null) {
            return false;
        }
        Token after = peek(1);
        if (after != null && after.is(Token.Kind.EQUALS)) {
            return false;
        }
        return t.is(Token.Kind.EXPRESSION) || (t.is(Token.Kind.WORD) && SpiceNumber.isNumber(t.text()));
    }

    /** Consumes trailing {@code key=value} pairs (keys lower-cased), rejecting anything else. */
    public Map<String, Double> namedValues() {
        if (!hasNext()) {
            return Map.of();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        while (hasNext()) {
            Token key = next("key=value");
            if (!key.is(Token.Kind.WORD) || peek() == null || !peek().is(Token.Kind.EQUALS)) {
                throw error(key, "expected key=value, found '" + key + "'");
            }
            pos++;
            String k = key.text().toLowerCase(Locale.ROOT);
            out.put(k, value(k));
        }
        return out;
    }

    /** Consumes a model name and returns the model, checking its type. */
    public ModelCard model(String... types) {
        Token t = next("model name");
        ModelCard m = scope.model(t.text().toLowerCase(Locale.ROOT));
        if (m == null) {
            throw error(t, "no .model named '" + t.text() + "'");
        }
        for (String ty : types) {
            if (m.type().equals(ty)) {
                return m;
            }
        }
        throw error(t, "model '" + t.text() + "' is of type " + m.type() + ", expected " + String.join(" or ", types));
    }

    /**
     * Consumes everything after the {@code =} token just read and returns it as expression text
     * (one pair of enclosing quotes removed), with the column where it starts.
     */
    public Token expressionAfter(Token equals) {
        String text = line.text();
        int start = equals.column() + 1;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        String expr = text.substring(start).trim();
        if (expr.length() >= 2 && expr.startsWith("'") && expr.endsWith("'")) {
            expr = expr.substring(1, expr.length() - 1);
            start++;
        }
        if (expr.isEmpty()) {
            throw error(equals, "expected an expression after '='");
        }
        pos = size;
        return new Token(Token.Kind.EXPRESSION, expr, start);
    }

    /** Fails unless every token was used. */
    public void end() {
        if (hasNext()) {
            throw error(peek(), "unexpected '" + peek() + "' at end of " + name);
        }
    }

    public NetlistException error(String message) {
        return new NetlistException(line, name + ": " + message);
    }

    public NetlistException error(Token at, String message) {
        return new NetlistException(line, at.column(), name + ": " + message);
    }
}
