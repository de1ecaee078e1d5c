package org.memspice.spice.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The memo of parsed expressions against fresh parses: a tree is reused only where every name
 * resolves as it did (same constant bits, same input order, no .func in the way), and then the
 * reused tree and the symbol table's inputs are what a fresh parse gives; anywhere else the text
 * is parsed afresh, after the table's state from the replay is discarded.
 */
class ParseMemoTest {

    /** A symbol table like a behavioural source's: parameters, and nodes numbered in order of first use. */
    private static final class Table implements Symbols {
        final Map<String, Double> params = new HashMap<>();
        final Map<String, String> ports = new HashMap<>();
        final List<String> inputs = new ArrayList<>();
        UserFunction func;
        int discarded;

        private Expr node(String local) {
            String global = ports.getOrDefault(local, local);
            if (global.equals("0")) {
                return ExpressionParser.constant(0);
            }
            int i = inputs.indexOf(global);
            if (i < 0) {
                inputs.add(global);
                i = inputs.size() - 1;
            }
            return ExpressionParser.variable(i);
        }

        @Override
        public Expr identifier(String name) {
            Double v = params.get(name);
            return v == null ? null : ExpressionParser.constant(v);
        }

        @Override
        public Expr voltage(String plus, String minus) {
            Expr p = node(plus);
            return minus == null ? p : ExpressionParser.difference(p, node(minus));
        }

        @Override
        public Expr userFunction(String name, List<Expr> args) {
            return func != null && name.equals("sinh") ? func.apply(args, this) : null;
        }

        void discard() {
            inputs.clear();
            discarded++;
        }
    }

    private static Table table(double a, String p, String n) {
        Table t = new Table();
        t.params.put("a", a);
        t.ports.put("p", p);
        t.ports.put("n", n);
        return t;
    }

    private static final String TEXT = "a * sinh(V(p,n)) + (V(p) > 0.1 ? exp(V(n)) : a)";

    private static double[] at(Table t, double vp, double vn) {
        double[] in = new double[t.inputs.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = t.inputs.get(i).startsWith("r") ? vp : vn;
        }
        return in;
    }

    @Test
    void theSameAnswersReuseTheTreeAndGiveTheInputsAFreshParseGives() {
        ParseMemo memo = new ParseMemo();
        Table first = table(2.5, "r1", "c1");
        Expr e1 = memo.parse(TEXT, first, first::discard);
        Table second = table(2.5, "r7", "c3");
        Expr e2 = memo.parse(TEXT, second, second::discard);
        assertSame(e1, e2, "another instance with the same parameter reuses the tree");
        assertEquals(1, memo.reused());
        Table fresh = table(2.5, "r7", "c3");
        Expr e3 = ExpressionParser.parse(TEXT, fresh);
        assertEquals(fresh.inputs, second.inputs, "the replay numbered the inputs as a parse does");
        assertEquals(e3.eval(at(fresh, 0.3, -0.2)), e2.eval(at(second, 0.3, -0.2)));
        assertEquals(0, second.discarded);
    }

    @Test
    void anotherParameterValueAliasedNodesOrGroundParseAfresh() {
        ParseMemo memo = new ParseMemo();
        Table first = table(2.5, "r1", "c1");
        Expr e1 = memo.parse(TEXT, first, first::discard);
        // another value of a
        Table other = table(4.0, "r2", "c2");
        Expr e2 = memo.parse(TEXT, other, other::discard);
        assertNotSame(e1, e2);
        assertEquals(1, other.discarded);
        Table fresh = table(4.0, "r2", "c2");
        assertEquals(ExpressionParser.parse(TEXT, fresh).eval(at(fresh, 0.3, -0.2)), e2.eval(at(other, 0.3, -0.2)));
        assertEquals(fresh.inputs, other.inputs, "the replay's inputs were discarded before the parse");
        // both ports on one node: one input where there were two
        Table aliased = table(2.5, "r3", "r3");
        Expr e3 = memo.parse(TEXT, aliased, aliased::discard);
        assertEquals(List.of("r3"), aliased.inputs);
        assertEquals(1, aliased.discarded);
        assertEquals(2.5 * Math.sinh(0) + Math.exp(0.4), e3.eval(new double[] {0.4}), 1e-15);
        // n on ground: a constant where there was an input
        Table grounded = table(2.5, "r4", "0");
        Expr e4 = memo.parse(TEXT, grounded, grounded::discard);
        assertEquals(List.of("r4"), grounded.inputs);
        assertEquals(2.5 * Math.sinh(0.4) + 1, e4.eval(new double[] {0.4}), 1e-15);
        assertEquals(0, memo.reused(), "none of these could reuse a tree");
    }

    @Test
    void aFuncShadowingABuiltInParsesAfreshAndFuncBodiesAreNotRemembered() {
        ParseMemo memo = new ParseMemo();
        Table first = table(2.5, "r1", "c1");
        memo.parse(TEXT, first, first::discard);
        Table shadowed = table(2.5, "r1", "c1");
        shadowed.func = new UserFunction("sinh", List.of("u"), "3*u");
        Expr e = memo.parse(TEXT, shadowed, shadowed::discard);
        assertEquals(1, shadowed.discarded);
        assertEquals(2.5 * 3 * 0.5 + Math.exp(0.2), e.eval(at(shadowed, 0.7, 0.2)), 1e-12);
        // the .func expansion was not remembered: the first table's answers still reuse the first tree
        Table again = table(2.5, "r5", "c5");
        memo.parse(TEXT, again, again::discard);
        assertEquals(1, memo.reused());
    }
}
