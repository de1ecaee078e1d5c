package org.memspice.spice.elements;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.circuit.ModelCard;
import org.memspice.spice.element.CardScope;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.LineTemplates;
import org.memspice.spice.expr.Expr;
import org.memspice.spice.expr.ExpressionParser;
import org.memspice.spice.expr.Symbols;
import org.memspice.spice.expr.UserFunction;
import org.memspice.spice.netlist.SourceLine;
import org.memspice.spice.netlist.Token;
import org.memspice.spice.netlist.TokenSpans;
import org.memspice.spice.netlist.Tokenizer;
import org.memspice.spice.output.Waveforms;

/**
 * A subcircuit line's expression is parsed once and read from its template in the other instances
 * ({@link LineTemplates}), but only where every name it looks up means the same there.
 */
class ExpressionTemplatesTest {
    /** One instance's scope: its ports, parameters and functions; the build's shared store. */
    private static final class Instance implements CardScope, Symbols {
        final String prefix;
        final Map<String, String> ports;
        final Map<String, Double> params;
        final Map<String, UserFunction> functions;
        final LineTemplates templates;

        Instance(String prefix, Map<String, String> ports, Map<String, Double> params,
                Map<String, UserFunction> functions, LineTemplates templates) {
            this.prefix = prefix;
            this.ports = ports;
            this.params = params;
            this.functions = functions;
            this.templates = templates;
        }

        @Override
        public int node(String localName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String nodeName(String localName) {
            return ports.getOrDefault(localName, prefix + localName);
        }

        @Override
        public String elementName(String localName) {
            return prefix + localName;
        }

        @Override
        public ModelCard model(String localName) {
            return null;
        }

        @Override
        public UserFunction function(String name) {
            return functions.get(name);
        }

        @Override
        public Symbols parameters() {
            return this;
        }

        @Override
        public Expr identifier(String name) {
            Double v = params.get(name);
            return v == null ? null : ExpressionParser.constant(v);
        }

        @Override
        public LineTemplates templates() {
            return templates;
        }
    }

    private static final SourceLine LINE = new SourceLine(null, 3, "B1 a b I = g * sq(V(a, b)) + V(c) * 1m + I(vs)");
    private static final UserFunction SQ = new UserFunction("sq", List.of("x"), "x * x");

    private static BehavioralExpression read(Instance scope) {
        TokenSpans spans = Tokenizer.scan(LINE, new TokenSpans());
        ElementCard card = new ElementCard(LINE, scope.prefix + "b1", spans, 1, scope);
        int at = LINE.text().indexOf("g *");
        return BehavioralExpression.parse(card, new Token(Token.Kind.EXPRESSION, LINE.text().substring(at), at));
    }

    private static Instance instance(LineTemplates store, String name, String a, String b, double g) {
        return new Instance(name + ".", Map.of("a", a, "b", b), Map.of("g", g), Map.of("sq", SQ), store);
    }

    @Test
    void instancesThatResolveAlikeShareTheFirstReading() {
        LineTemplates store = new LineTemplates();
        BehavioralExpression first = read(instance(store, "x1", "n1", "n2", 2));
        BehavioralExpression second = read(instance(store, "x2", "n3", "n4", 2));
        assertEquals(1, store.size());
        assertEquals(1, store.reuses());
        assertEquals(first.references(), second.references());
        assertArrayEquals(first.constants(), second.constants());
    }

    @Test
    void aDifferentParameterValueIsParsedAgain() {
        LineTemplates store = new LineTemplates();
        BehavioralExpression first = read(instance(store, "x1", "n1", "n2", 2));
        BehavioralExpression other = read(instance(store, "x2", "n3", "n4", 5));
        assertEquals(0, store.reuses());
        assertFalse(java.util.Arrays.equals(first.constants(), other.constants()));
        assertEquals(1, java.util.Arrays.stream(other.constants()).filter(c -> c == 5).count());
        // the template now holds the later reading: a third instance like the second reuses it
        read(instance(store, "x3", "n5", "n6", 5));
        assertEquals(1, store.reuses());
    }

    @Test
    void aPortOnGroundOrTwoPortsOnOneNodeAreParsedAgain() {
        LineTemplates store = new LineTemplates();
        assertEquals(4, read(instance(store, "x1", "n1", "n2", 2)).references()); // a, b, c, I(vs)
        assertEquals(3, read(instance(store, "x2", "n3", "0", 2)).references()); // V(b) is the constant 0
        assertEquals(3, read(instance(store, "x3", "n5", "n5", 2)).references()); // V(a) and V(b) are one input
        assertEquals(4, read(instance(store, "x4", "n7", "n8", 2)).references());
        assertEquals(0, store.reuses());
    }

    @Test
    void anotherFunctionOfTheSameNameIsParsedAgain() {
        LineTemplates store = new LineTemplates();
        read(instance(store, "x1", "n1", "n2", 2));
        Instance cube = new Instance("x2.", Map.of("a", "n3", "b", "n4"), Map.of("g", 2.0),
                Map.of("sq", new UserFunction("sq", List.of("x"), "x * x * x")), store);
        read(cube);
        assertEquals(0, store.reuses());
    }

    @Test
    void withoutAStoreEveryInstanceIsParsed() {
        Instance top = new Instance("", Map.of(), Map.of("g", 2.0), Map.of("sq", SQ), null);
        assertEquals(4, read(top).references());
    }

    /**
     * Through the netlist reader: instances that differ from the one before in a parameter, a
     * grounded port or two ports on one node, and instances like the one before (read from its
     * template), each with a branch current of its own and the subcircuit's .func, give the same
     * operating point as the same circuit written out flat.
     */
    @Test
    void subcircuitInstancesSolveAsTheFlatCircuit() {
        // name, port a, port b, g (x1 and x2 differ only in g; x6 is read from x5's template)
        String[][] cells = {{"x1", "n2", "n3", "1"}, {"x2", "n2", "n4", "3"}, {"x3", "n2", "0", "3"},
            {"x4", "n2", "n2", "3"}, {"x5", "n2", "n5", "3"}, {"x6", "n2", "n6", "3"}};
        StringBuilder sub = new StringBuilder("t\n.param k=2\n.subckt cell a b params: g=1\n.func sq(x) = {x * x}\n"
                + "vs a m 0\nB1 m b I = g * k * 1m * sq(V(a, b)) + 1m * I(vs) * time\nR1 a b {1k * g}\n"
                + "R2 m b r = {500 + 100 * V(a, b) * V(a, b)}\n.ends\nV1 n1 0 2\nRs n1 n2 100\n");
        StringBuilder flat = new StringBuilder("t\nV1 n1 0 2\nRs n1 n2 100\n");
        for (String[] c : cells) {
            sub.append(c[0]).append(' ').append(c[1]).append(' ').append(c[2]).append(" cell g=").append(c[3]).append('\n');
            flat.append(cell(c[0], c[1], c[2], Double.parseDouble(c[3])));
        }
        String loads = "R3 n3 0 1k\nR4 n4 0 2k\nR5 n5 0 3k\nR6 n6 0 4k\n.op\n";
        Waveforms a = Netlists.run(sub + loads);
        Waveforms b = Netlists.run(flat + loads);
        for (String v : new String[] {"v(n2)", "v(n3)", "v(n4)", "v(n5)", "v(n6)", "v(x1.m)", "v(x2.m)", "v(x3.m)",
            "v(x4.m)", "v(x6.m)", "i(v1)"}) {
            assertEquals(b.vector(v)[0], a.vector(v)[0], 1e-12 * Math.abs(b.vector(v)[0]) + 1e-15, v);
        }
    }

    private static String cell(String x, String a, String b, double g) {
        String m = x + ".m";
        return "vs." + x + " " + a + " " + m + " 0\n"
                + "B1." + x + " " + m + " " + b + " I = " + g + " * 2 * 1m * (V(" + a + ", " + b + ") * V(" + a + ", " + b
                + ")) + 1m * I(vs." + x + ") * time\n"
                + "R1." + x + " " + a + " " + b + " " + (1000 * g) + "\n"
                + "R2." + x + " " + m + " " + b + " r = {500 + 100 * V(" + a + ", " + b + ") * V(" + a + ", " + b + ")}\n";
    }
}
