package org.memspice.spice.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Tapes compiled to bytecode ({@link TapeCompiler}) against the interpreter of
 * {@link CompiledExpression}: value, gradient, adjoints of the constants and the sequence of ddt()
 * calls equal bit for bit (and a load's evaluation without the constants' partials gives the same
 * value and gradient and leaves those partials alone), for every instruction and built-in
 * function, for random expressions, and over inputs that produce infinities and NaN.
 */
class TapeCompilerTest {
    private static final Symbols XYZ = new Symbols() {
        @Override
        public Expr identifier(String name) {
            switch (name) {
                case "x": return ExpressionParser.variable(0);
                case "y": return ExpressionParser.variable(1);
                case "z": return ExpressionParser.variable(2);
                case "p": return ExpressionParser.constant(3);
                case "q": return ExpressionParser.constant(-0.0);
                default: return null;
            }
        }

        @Override
        public Expr timeDerivative(Expr arg) {
            return ExpressionParser.timeDerivative(slots++, arg);
        }

        private int slots;
    };

    /** Inputs that exercise signs, zeros of both signs, domain edges, overflow, infinities and NaN. */
    private static final double[] SPECIAL = {Double.NEGATIVE_INFINITY, -1e300, -710, -3, -1, -0.5, -1e-300, -0.0, 0.0,
        1e-300, 0.3, 0.5, 1, 1.5, 2, 3, 700.5, 710, 1e300, Double.POSITIVE_INFINITY, Double.NaN};

    /** A ddt() integration that records what it is asked and answers a function of it. */
    private static final class Recorder implements CompiledExpression.TimeDerivatives {
        final List<String> calls = new ArrayList<>();
        final double coefficient;

        Recorder(double coefficient) {
            this.coefficient = coefficient;
        }

        @Override
        public double derivative(int slot, double value) {
            calls.add(slot + ":" + Double.doubleToRawLongBits(value));
            return 3 * value - slot;
        }

        @Override
        public double coefficient() {
            return coefficient;
        }
    }

    /**
     * Equal bit for bit, every NaN counting as one: Java leaves the sign and payload of a NaN
     * unspecified (x86 makes 0xfff8... where Double.NaN is 0x7ff8..., and which operand's NaN an
     * operation passes on may depend on how the JIT orders it). Signed zeros are told apart.
     */
    private static void same(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                () -> what + ": interpreter " + expected + ", compiled " + actual);
    }

    /** Compiles {@code e}, then compares compiled with interpreted evaluation at each input. */
    private static int check(CompiledExpression e, String text, Iterable<double[]> inputs) {
        assertTrue(e.compileNow(), () -> "not compiled: " + text);
        int n = e.variables();
        int points = 0;
        for (double[] in : inputs) {
            String at = text + " at " + java.util.Arrays.toString(in);
            Recorder ri = new Recorder(0.25);
            Recorder rc = new Recorder(0.25);
            same(e.interpretedEval(in, ri), e.eval(in, rc), at + " (value)");
            assertEquals(ri.calls, rc.calls, at + " (ddt calls of the value)");
            double[] gi = new double[n];
            double[] gc = new double[n];
            java.util.Arrays.fill(gc, 42); // the compiled gradient must clear what it does not set
            ri = new Recorder(0.25);
            rc = new Recorder(0.25);
            double vi = e.interpretedEvalGradient(in, gi, ri);
            double[] ki = new double[e.size()];
            e.constantPartials(ki);
            double vc = e.evalGradient(in, gc, rc);
            double[] kc = new double[e.size()];
            e.constantPartials(kc);
            same(vi, vc, at + " (value with gradient)");
            assertEquals(ri.calls, rc.calls, at + " (ddt calls of the gradient)");
            for (int k = 0; k < n; k++) {
                same(gi[k], gc[k], at + " (d/d variable " + k + ")");
            }
            for (int k = 0; k < ki.length; k++) {
                same(ki[k], kc[k], at + " (d/d constant " + k + ")");
            }
            // a load's evaluation, at another point: the same value and gradient as the interpreter's
            // there, and the constants' partials still those of the point before
            double[] moved = new double[n];
            for (int k = 0; k < n; k++) {
                moved[k] = in[k] * 2 + 0.5;
            }
            double[] gm = new double[n];
            ri = new Recorder(0.25);
            double vm = e.interpretedEvalGradient(moved, gm, ri);
            double[] gl = new double[n];
            java.util.Arrays.fill(gl, 42);
            rc = new Recorder(0.25);
            same(vm, e.evalGradientWithoutConstants(moved, gl, rc), at + " moved (value without the constants)");
            assertEquals(ri.calls, rc.calls, at + " moved (ddt calls without the constants)");
            for (int k = 0; k < n; k++) {
                same(gm[k], gl[k], at + " moved (d/d variable " + k + " without the constants)");
            }
            e.evalGradient(in, gc, new Recorder(0.25));
            e.evalGradientWithoutConstants(moved, gl, new Recorder(0.25));
            double[] kl = new double[e.size()];
            e.constantPartials(kl);
            for (int k = 0; k < kl.length; k++) {
                same(kc[k], kl[k], at + " (d/d constant " + k + " not overwritten)");
            }
            points++;
        }
        return points;
    }

    private static int check(String text, Iterable<double[]> inputs) {
        return check(CompiledExpression.compile(ExpressionParser.parse(text, XYZ), 3), text, inputs);
    }

    /** Every combination of the special values for x and y, with z cycling through them too. */
    private static List<double[]> grid() {
        List<double[]> in = new ArrayList<>();
        int k = 0;
        for (double x : SPECIAL) {
            for (double y : SPECIAL) {
                in.add(new double[] {x, y, SPECIAL[k++ % SPECIAL.length]});
            }
        }
        return in;
    }

    private static List<double[]> random(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> in = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] v = new double[3];
            for (int k = 0; k < 3; k++) {
                int kind = r.nextInt(8);
                v[k] = kind == 0 ? SPECIAL[r.nextInt(SPECIAL.length)]
                        : kind == 1 ? r.nextInt(-3, 4) // exact integers and zero: ties of comparisons
                        : (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-3, 4));
            }
            in.add(v);
        }
        return in;
    }

    @Test
    void everyInstructionMatchesTheInterpreterBitForBit() {
        String[] texts = {"x", "p", "q", "-x", "x + y", "x - y", "x * y", "x / y", "x ^ y", "x ** p", "p ^ x",
            "x < y", "x <= y", "x > y", "x >= y", "x == y", "x != y", "x && y", "x || y", "!x", "x ? y : z",
            "x > 0 ? ln(x) : y", "x * x", "x / x", "(x + y) * (x - y) / z", "(x < y) * x + (x >= y) * y",
            "!(x && y) || z", "x ? (y ? p : q) : (z ? x : -x)", "ddt(x)", "ddt(x * y) + ddt(sin(x)) * y",
            "x > 1 ? ddt(x) : ddt(y)", "ddt(ddt(x))", "ddt(p)", "q * x + p", "-q"};
        int points = 0;
        for (String t : texts) {
            points += check(t, grid());
            points += check(t, random(t.hashCode(), 300));
        }
        assertEquals(texts.length * (SPECIAL.length * SPECIAL.length + 300), points);
    }

    @Test
    void everyBuiltInFunctionMatchesTheInterpreterBitForBit() {
        String[] unary = {"abs", "sqrt", "sqr", "exp", "ln", "log", "log10", "sin", "cos", "tan", "asin", "acos",
            "atan", "arctan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "u", "u2", "uramp", "sgn", "floor",
            "ceil", "int", "nint", "eq0", "ne0", "gt0", "lt0", "ge0", "le0"};
        for (String f : unary) {
            check(f + "(x)", grid());
            check(f + "(x * y + z)", random(f.hashCode(), 500));
            check("p * " + f + "(x / 700) + " + f + "(y)", random(f.hashCode() + 1, 300));
        }
        String[] calls = {"pow(x, y)", "pwr(x, y)", "min(x, y)", "max(x, y)", "limit(x, y, z)", "if(x, y, z)",
            "ternary_fcn(x > y, y * z, z)", "pwl(x, 0, 0, 1, y, 2, z)", "pwl(x, -1, 1, 0, 0, 0, 2, 3, p)",
            "min(x, x)", "max(x * y, pow(x, p))", "limit(x, x, x)"};
        for (String t : calls) {
            check(t, grid());
            check(t, random(t.hashCode(), 500));
        }
    }

    /** A random expression DAG over three variables (subtrees reused, as .func expansion does). */
    private static Expr randomExpr(SplittableRandom r, int depth, List<Expr> pool, int[] ddtSlots) {
        if (depth == 0 || r.nextInt(6) == 0) {
            if (!pool.isEmpty() && r.nextInt(4) == 0) {
                return pool.get(r.nextInt(pool.size())); // a shared subtree
            }
            return r.nextBoolean() ? new Nodes.Var(r.nextInt(3))
                    : new Nodes.Const(r.nextInt(5) == 0 ? -0.0 : r.nextInt(-4, 5) * 0.5);
        }
        Expr e;
        int kind = r.nextInt(10);
        if (kind < 4) {
            Nodes.BinaryOp[] ops = Nodes.BinaryOp.values();
            e = new Nodes.Binary(ops[r.nextInt(ops.length)], randomExpr(r, depth - 1, pool, ddtSlots),
                    randomExpr(r, depth - 1, pool, ddtSlots));
        } else if (kind == 4) {
            e = r.nextBoolean() ? new Nodes.Negate(randomExpr(r, depth - 1, pool, ddtSlots))
                    : new Nodes.Not(randomExpr(r, depth - 1, pool, ddtSlots));
        } else if (kind == 5) {
            e = new Nodes.Ternary(randomExpr(r, depth - 1, pool, ddtSlots), randomExpr(r, depth - 1, pool, ddtSlots),
                    randomExpr(r, depth - 1, pool, ddtSlots));
        } else if (kind == 6 && r.nextInt(3) == 0) {
            e = new Nodes.Ddt(ddtSlots[0]++, randomExpr(r, depth - 1, pool, ddtSlots));
        } else if (kind <= 8) {
            String[] unary = {"abs", "sqrt", "sqr", "exp", "ln", "log10", "sin", "cos", "tan", "asin", "acos", "atan",
                "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "u", "u2", "uramp", "sgn", "floor", "ceil", "int",
                "nint", "eq0", "ne0", "gt0", "lt0", "ge0", "le0"};
            e = new Nodes.Call(Functions.lookup(unary[r.nextInt(unary.length)]),
                    List.of(randomExpr(r, depth - 1, pool, ddtSlots)));
        } else {
            String[] fn = {"pow", "pwr", "min", "max", "limit", "if", "pwl"};
            String name = fn[r.nextInt(fn.length)];
            int arity = name.equals("pwl") ? 7 : Functions.lookup(name).arity();
            List<Expr> args = new ArrayList<>();
            for (int k = 0; k < arity; k++) {
                args.add(randomExpr(r, depth - 1, pool, ddtSlots));
            }
            e = new Nodes.Call(Functions.lookup(name), args);
        }
        pool.add(e);
        return e;
    }

    /**
     * Regions of the forward sweep: an entry used on one side of a ternary only is computed in that
     * side; one used on both sides, or in the condition too, before the ternary.
     */
    @Test
    void entriesUsedOnOneSideOfATernaryAreComputedOnlyThere() {
        int c = CompiledExpression.CONST;
        int v = CompiledExpression.VAR;
        int u = CompiledExpression.UNARY;
        // x > 0 ? exp(x) * s : (x < -1 ? exp(-x) * s : s), with s = sin(x) used on both sides of the outer ternary
        int[] op = {v, c, CompiledExpression.GT, u, u, CompiledExpression.MUL, CompiledExpression.NEG, u,
            CompiledExpression.MUL, c, CompiledExpression.LT, CompiledExpression.TERNARY, CompiledExpression.TERNARY};
        int[] a = {0, 0, 0, 0, 0, 3, 0, 6, 7, 0, 0, 10, 2};
        int[] b = {0, 0, 1, 0, 0, 4, 0, 0, 4, 0, 9, 8, 5};
        int[] cc = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 11};
        int[] home = TapeCompiler.homes(op, a, b, cc, new int[op.length][]);
        int outerTrue = TapeCompiler.branch(12, true);
        int outerFalse = TapeCompiler.branch(12, false);
        int innerTrue = TapeCompiler.branch(11, true);
        int[] expected = {0, 0, 0, outerTrue, 0, outerTrue, innerTrue, innerTrue, innerTrue, outerFalse, outerFalse,
            outerFalse, 0};
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(home));
        assertEquals(null, TapeCompiler.homes(new int[] {v, u}, new int[] {0, 0}, new int[2], new int[2], new int[2][]),
                "no ternary: no regions");
    }

    @Test
    void randomExpressionsMatchTheInterpreterBitForBit() {
        SplittableRandom r = new SplittableRandom(20261202);
        int compiled = 0;
        for (int k = 0; k < 400; k++) {
            Expr e = randomExpr(r, 2 + r.nextInt(6), new ArrayList<>(), new int[1]);
            CompiledExpression c = CompiledExpression.compile(e, 3);
            check(c, "random expression " + k, random(k, 60));
            compiled++;
        }
        assertEquals(400, compiled);
    }

    /**
     * The behavioural Yakopcic cell's three expressions, evaluated often enough that the JIT
     * compiles both the interpreter and the compiled tapes with its optimizing compiler, still
     * equal bit for bit.
     */
    @Test
    void hotCompiledCodeStillMatchesTheHotInterpreter() {
        Symbols s = new Symbols() {
            @Override
            public Expr identifier(String name) {
                switch (name) {
                    case "v": return ExpressionParser.variable(0);
                    case "x": return ExpressionParser.variable(1);
                    case "a1": case "a2": return ExpressionParser.constant(0.17);
                    case "b": return ExpressionParser.constant(0.05);
                    case "vp": return ExpressionParser.constant(0.16);
                    case "vn": return ExpressionParser.constant(0.15);
                    case "ap": case "an": return ExpressionParser.constant(4000);
                    case "xp": return ExpressionParser.constant(0.3);
                    case "xn": return ExpressionParser.constant(0.5);
                    case "alphap": return ExpressionParser.constant(1);
                    case "alphan": return ExpressionParser.constant(5);
                    default: return null;
                }
            }
        };
        String[] texts = {
            "(v >= 0 ? a1 : a2) * x * sinh(b*v)",
            "v > vp ? ap*(exp(v) - exp(vp)) : (v < -vn ? -an*(exp(-v) - exp(vn)) : 0)",
            "v >= 0 ? (x >= xp ? exp(-alphap*(x-xp)) * ((xp-x)/(1-xp) + 1) : 1) : (x <= 1-xn ? exp(alphan*(x+xn-1))"
                + " * (x/(1-xn)) : 1)"};
        SplittableRandom r = new SplittableRandom(7);
        for (String t : texts) {
            CompiledExpression e = CompiledExpression.compile(ExpressionParser.parse(t, s), 2);
            assertTrue(e.compileNow());
            double[] gi = new double[2];
            double[] gc = new double[2];
            CompiledExpression.TimeDerivatives dc = new Recorder(0);
            for (int k = 0; k < 300_000; k++) {
                double[] in = {-1 + 2 * r.nextDouble(), k % 1000 == 0 ? SPECIAL[k / 1000 % SPECIAL.length]
                    : r.nextDouble()};
                same(e.interpretedEvalGradient(in, gi, dc), e.evalGradient(in, gc, dc), t);
                same(gi[0], gc[0], t + " d/dv");
                same(gi[1], gc[1], t + " d/dx");
            }
        }
    }

    @Test
    void aTapeTooLongForTheJitStaysWithTheInterpreter() {
        List<Expr> terms = new ArrayList<>();
        for (int k = 0; k < 3000; k++) {
            terms.add(new Nodes.Binary(Nodes.BinaryOp.MUL, new Nodes.Var(k % 2), new Nodes.Const(k)));
        }
        while (terms.size() > 1) { // a balanced sum: the parser refuses nesting this deep
            List<Expr> pairs = new ArrayList<>();
            for (int k = 0; k + 1 < terms.size(); k += 2) {
                pairs.add(new Nodes.Binary(Nodes.BinaryOp.ADD, terms.get(k), terms.get(k + 1)));
            }
            if (terms.size() % 2 == 1) {
                pairs.add(terms.get(terms.size() - 1));
            }
            terms = pairs;
        }
        CompiledExpression huge = CompiledExpression.compile(terms.get(0), 3);
        assertTrue(huge.size() > TapeCompiler.MAX_TAPE);
        assertFalse(huge.compileNow());
        // shorter than MAX_TAPE, but more code than the JIT takes: refused after generation
        StringBuilder mid = new StringBuilder("sin(x)");
        for (int k = 1; k < 250; k++) {
            mid.append(" + sinh(x * ").append(k).append(" + y)");
        }
        CompiledExpression big = CompiledExpression.compile(ExpressionParser.parse(mid.toString(), XYZ), 3);
        assertTrue(big.size() < TapeCompiler.MAX_TAPE);
        assertFalse(big.compileNow());
        for (CompiledExpression e : List.of(huge, big)) {
            double[] at = {0.5, 0.25, 0};
            for (int k = 0; k <= CompiledExpression.COMPILE_AFTER; k++) {
                e.eval(at); // past the threshold: the shape would be compiled now, were it compilable
            }
            for (int k = 0; k < 10; k++) {
                double[] in = {0.1 * k, -0.2, 0};
                double[] g = new double[3];
                double[] gi = new double[3];
                same(e.interpretedEvalGradient(in, gi, new Recorder(0)), e.evalGradient(in, g), "fallback value");
                same(gi[0], g[0], "fallback d/dx");
                same(gi[1], g[1], "fallback d/dy");
            }
            assertFalse(e.isCompiled());
        }
        // a tape just below the limits does compile
        CompiledExpression fits = CompiledExpression.compile(ExpressionParser.parse(
                mid.substring(0, mid.indexOf(" + sinh(x * 20 ")), XYZ), 3);
        assertTrue(fits.compileNow());
        check(fits, "fits", random(5, 50));
    }

    @Test
    void tapesDifferingOnlyInTheirConstantsShareOneCompiledClassAndKeepTheirConstants() {
        CompiledExpression two = CompiledExpression.compile(ExpressionParser.parse("2 * exp(x) + 0.5", XYZ), 3);
        CompiledExpression three = CompiledExpression.compile(ExpressionParser.parse("3 * exp(x) + 1.5", XYZ), 3);
        assertTrue(two.compileNow());
        assertTrue(three.compileNow());
        double[] in = {0.7, 0, 0};
        same(2 * Math.exp(0.7) + 0.5, two.eval(in), "2 exp(x) + 0.5");
        same(3 * Math.exp(0.7) + 1.5, three.eval(in), "3 exp(x) + 1.5");
        double[] g = new double[3];
        three.evalGradient(in, g);
        same(3 * Math.exp(0.7), g[0], "d/dx 3 exp(x)");
    }

    @Test
    void beyondTheLimitOfCompiledShapesExpressionsStayInterpreted() {
        int limit = CompiledExpression.maxCompiled;
        try {
            CompiledExpression.maxCompiled = 0;
            CompiledExpression e = CompiledExpression.compile(ExpressionParser.parse("x / (y + 9.75) - z * z", XYZ), 3);
            assertFalse(e.compileNow());
            double[] in = {1, 2, 3};
            for (int k = 0; k < 2 * CompiledExpression.COMPILE_AFTER + 2; k++) {
                same(1 / (2 + 9.75) - 3 * 3, e.eval(in), "interpreted value");
            }
            assertFalse(e.isCompiled());
        } finally {
            CompiledExpression.maxCompiled = limit;
        }
    }

    @Test
    void expressionsCompileOnceTheirShapeIsEvaluatedOften() {
        CompiledExpression e = CompiledExpression.compile(ExpressionParser.parse("x * y - 17.25 * z", XYZ), 3);
        double[] in = {1, 2, 3};
        e.eval(in);
        assertEquals(CompiledExpression.COMPILE && CompiledExpression.COMPILE_AFTER <= 1, e.isCompiled());
        for (int k = 0; k < CompiledExpression.COMPILE_AFTER; k++) {
            e.eval(in);
        }
        assertEquals(CompiledExpression.COMPILE, e.isCompiled());
        same(1 * 2 - 17.25 * 3, e.eval(in), "value once compiled");
        assertTrue(CompiledExpression.compilerStatistics().startsWith("expression tapes compiled "));
    }
}
