package org.memspice.spice.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The expression engine against Java's own math, and its derivatives against finite differences. */
class ExpressionEngineTest {
    /** x, y, z are variables 0, 1, 2; p is a parameter worth 3. */
    private static final Symbols XYZ = new Symbols() {
        @Override
        public Expr identifier(String name) {
            switch (name) {
                case "x": return ExpressionParser.variable(0);
                case "y": return ExpressionParser.variable(1);
                case "z": return ExpressionParser.variable(2);
                case "p": return ExpressionParser.constant(3);
                default: return null;
            }
        }
    };

    private static double tape(String text, double... in) {
        return CompiledExpression.compile(ExpressionParser.parse(text, XYZ), 3).eval(pad(in));
    }

    private static double tree(String text, double... in) {
        return ExpressionParser.parse(text, XYZ).eval(pad(in));
    }

    private static double[] pad(double[] in) {
        double[] v = new double[3];
        System.arraycopy(in, 0, v, 0, in.length);
        return v;
    }

    private static void unary(String fn, DoubleUnaryOperator java, double... xs) {
        for (double x : xs) {
            double expected = java.applyAsDouble(x);
            assertEquals(expected, tape(fn + "(x)", x), 1e-15 * Math.max(1, Math.abs(expected)), fn + "(" + x + ")");
            assertEquals(expected, tree(fn + "(x)", x), 1e-15 * Math.max(1, Math.abs(expected)), fn + "(" + x + ")");
        }
    }

    @Test
    void everyUnaryFunctionMatchesJavaMath() {
        double[] any = {-2.5, -0.3, 0, 0.7, 3.1};
        double[] positive = {0.01, 0.7, 3.1, 100};
        double[] unit = {-0.9, -0.2, 0, 0.5, 0.99};
        unary("abs", Math::abs, any);
        unary("sqrt", Math::sqrt, positive);
        unary("exp", Math::exp, any);
        unary("ln", Math::log, positive);
        unary("log", Math::log, positive);
        unary("log10", Math::log10, positive);
        unary("sin", Math::sin, any);
        unary("cos", Math::cos, any);
        unary("tan", Math::tan, any);
        unary("asin", Math::asin, unit);
        unary("acos", Math::acos, unit);
        unary("atan", Math::atan, any);
        unary("sinh", Math::sinh, any);
        unary("cosh", Math::cosh, any);
        unary("tanh", Math::tanh, any);
        unary("u", x -> x > 0 ? 1 : x < 0 ? 0 : 0.5, any); // ngspice's step is 0.5 at 0
        unary("uramp", x -> Math.max(x, 0), any);
        unary("sgn", Math::signum, any);
        unary("floor", Math::floor, any);
        unary("ceil", Math::ceil, any);
    }

    private static void binary(String text, DoubleBinaryOperator java) {
        double[][] pts = {{2, 3}, {-1.5, 0.5}, {0.25, -4}, {3, 3}, {0, 1}};
        for (double[] p : pts) {
            double expected = java.applyAsDouble(p[0], p[1]);
            assertEquals(expected, tape(text, p[0], p[1]), 1e-14 * Math.max(1, Math.abs(expected)), text + " at " + p[0] + "," + p[1]);
            assertEquals(expected, tree(text, p[0], p[1]), 1e-14 * Math.max(1, Math.abs(expected)), text);
        }
    }

    @Test
    void everyOperatorAndBinaryFunctionMatchesJava() {
        binary("x + y", (a, b) -> a + b);
        binary("x - y", (a, b) -> a - b);
        binary("x * y", (a, b) -> a * b);
        binary("x / y", (a, b) -> a / b);
        binary("abs(x) ^ y", (a, b) -> Math.pow(Math.abs(a), b));
        binary("abs(x) ** y", (a, b) -> Math.pow(Math.abs(a), b));
        binary("pow(x, 2)", (a, b) -> a * a);
        binary("pwr(x, y)", (a, b) -> Math.signum(a) * Math.pow(Math.abs(a), b));
        binary("min(x, y)", Math::min);
        binary("max(x, y)", Math::max);
        binary("x < y", (a, b) -> a < b ? 1 : 0);
        binary("x <= y", (a, b) -> a <= b ? 1 : 0);
        binary("x > y", (a, b) -> a > b ? 1 : 0);
        binary("x >= y", (a, b) -> a >= b ? 1 : 0);
        binary("x == y", (a, b) -> a == b ? 1 : 0);
        binary("x != y", (a, b) -> a != b ? 1 : 0);
        binary("x > 0 && y > 0", (a, b) -> a > 0 && b > 0 ? 1 : 0);
        binary("x > 0 || y > 0", (a, b) -> a > 0 || b > 0 ? 1 : 0);
        binary("!(x > y)", (a, b) -> a > b ? 0 : 1);
        binary("x > y ? x - y : y * 2", (a, b) -> a > b ? a - b : b * 2);
        binary("if(x > y, x, -y)", (a, b) -> a > b ? a : -b);
        binary("limit(x, -1, y)", (a, b) -> Math.max(Math.min(-1, b), Math.min(a, Math.max(-1, b))));
        binary("-x ^ 2", (a, b) -> -(a * a));
        binary("2 ^ 3 ^ 2", (a, b) -> Math.pow(2, 9));
        binary("x - y - 1", (a, b) -> a - b - 1);
        binary("x / y / 2", (a, b) -> a / b / 2);
        binary("1 + 2 * 3 - 4 / 2", (a, b) -> 5);
        binary("p * 1k + 2meg", (a, b) -> 3000 + 2e6);
    }

    /** Random smooth expressions in x, y, z. */
    private static String randomExpression(Random r, int depth) {
        if (depth == 0 || r.nextInt(5) == 0) {
            switch (r.nextInt(4)) {
                case 0: return "x";
                case 1: return "y";
                case 2: return "z";
                default: return String.format(java.util.Locale.ROOT, "%.3f", 0.5 + r.nextDouble() * 2);
            }
        }
        String a = randomExpression(r, depth - 1);
        String b = randomExpression(r, depth - 1);
        switch (r.nextInt(14)) {
            case 0: return "(" + a + " + " + b + ")";
            case 1: return "(" + a + " - " + b + ")";
            case 2: return "(" + a + " * " + b + ")";
            case 3: return "(" + a + " / (1.5 + " + b + " * " + b + "))";
            case 4: return "exp(0.3 * " + a + ")";
            case 5: return "sin(" + a + ")";
            case 6: return "cos(" + a + ")";
            case 7: return "tanh(" + a + ")";
            case 8: return "sqrt(1 + " + a + " * " + a + ")";
            case 9: return "ln(2 + " + a + " * " + a + ")";
            case 10: return "pow(" + a + ", 3)";
            case 11: return "(1 + " + a + " * " + a + ") ^ 0.5";
            case 12: return "atan(" + a + ")";
            default: return "sinh(0.2 * " + a + ")";
        }
    }

    @Test
    void gradientsOfRandomExpressionsMatchFiniteDifferences() {
        Random r = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            String text = randomExpression(r, 5);
            Expr tree = ExpressionParser.parse(text, XYZ);
            CompiledExpression tape = CompiledExpression.compile(tree, 3);
            double[] at = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            double[] grad = new double[3];
            double value = tape.evalGradient(at, grad);
            assertEquals(tree.eval(at), value, 1e-12 * Math.max(1, Math.abs(value)), text);
            double[] treeGrad = new double[3];
            tree.gradient(at, 1, treeGrad);
            for (int k = 0; k < 3; k++) {
                double h = 1e-6 * Math.max(1, Math.abs(at[k]));
                double[] up = at.clone();
                double[] down = at.clone();
                up[k] += h;
                down[k] -= h;
                double fd = (tape.eval(up) - tape.eval(down)) / (2 * h);
                double tol = 1e-5 * Math.max(1, Math.abs(fd));
                assertEquals(fd, grad[k], tol, "d/d" + "xyz".charAt(k) + " of " + text);
                assertEquals(grad[k], treeGrad[k], 1e-9 * Math.max(1, Math.abs(grad[k])), "tree and tape agree: " + text);
            }
        }
    }

    @Test
    void discontinuitiesGiveOneSidedDerivatives() {
        CompiledExpression e = CompiledExpression.compile(ExpressionParser.parse(
                "u(x) * 3 + (y > 1 ? y * y : 2 * y) + sgn(z) + abs(x) + min(x, y)", XYZ), 3);
        double[] g = new double[3];
        e.evalGradient(new double[] {0.5, 2, -1}, g);
        assertEquals(1 + 1, g[0], 0); // abs' = 1 for x > 0; min picks x (0.5 < 2)
        assertEquals(4, g[1], 0); // taken branch y*y
        assertEquals(0, g[2], 0); // sgn is piecewise constant
        e.evalGradient(new double[] {-0.5, 0.5, 1}, g);
        assertEquals(-1 + 1, g[0], 0);
        assertEquals(2, g[1], 0);
    }

    @Test
    void untakenBranchNaNDoesNotLeakIntoGradient() {
        CompiledExpression e = CompiledExpression.compile(ExpressionParser.parse("x > 0 ? ln(x) : x", XYZ), 3);
        double[] g = new double[3];
        assertEquals(-2, e.evalGradient(new double[] {-2, 0, 0}, g), 0);
        assertEquals(1, g[0], 0);
    }

    @Test
    void errorsNameTheColumn() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> ExpressionParser.parse("1 + foo(x)", XYZ));
        assertEquals(4, e.column());
        assertTrue(e.getMessage().contains("unknown function 'foo'"));
        e = assertThrows(ExpressionException.class, () -> ExpressionParser.parse("x * q", XYZ));
        assertEquals(4, e.column());
        e = assertThrows(ExpressionException.class, () -> ExpressionParser.parse("(x + 1", XYZ));
        assertTrue(e.getMessage().contains("expected ')'"), e.getMessage());
        e = assertThrows(ExpressionException.class, () -> ExpressionParser.parse("sin(x, y)", XYZ));
        assertTrue(e.getMessage().contains("takes 1 argument"), e.getMessage());
        e = assertThrows(ExpressionException.class, () -> ExpressionParser.parse("x ? 1", XYZ));
        assertTrue(e.getMessage().contains("expected ':'"), e.getMessage());
    }

    @Test
    void userFunctionsInline() {
        UserFunction sq = new UserFunction("sq", List.of("a"), "a * a + p");
        Symbols withFunc = new Symbols() {
            @Override
            public Expr identifier(String name) {
                return XYZ.identifier(name);
            }

            @Override
            public Expr userFunction(String name, List<Expr> args) {
                return name.equals("sq") ? sq.apply(args, this) : null;
            }
        };
        assertEquals(2 * 2 + 3 + 1, ExpressionParser.parse("sq(x) + 1", withFunc).eval(new double[] {2, 0, 0}), 0);
    }

    @Test
    void ngspiceFunctionsMemspiceLacked() {
        assertEquals(Math.atan(0.3), tape("arctan(0.3)"), 1e-15);
        assertEquals(0.8813735870195430, tape("asinh(1)"), 1e-15);
        assertEquals(0.6223625037147786, tape("acosh(1.2)"), 1e-15);
        assertEquals(0.8673005276940532, tape("atanh(0.7)"), 1e-15);
        // nint rounds halves to even, int truncates towards zero
        assertEquals(2, tape("nint(2.5)"));
        assertEquals(-2, tape("nint(-2.5)"));
        assertEquals(-1, tape("int(-1.9)"));
        assertEquals(4, tape("sqr(2)"));
        assertEquals(0.25, tape("u2(0.25)"));
        assertEquals(1, tape("ge0(0)") + tape("lt0(0)") + tape("eq0(0.1)"));
        assertEquals(42, tape("ternary_fcn(3 > 2, 42, 4)"));
        // pwl interpolates inside and extends the end segments outside (ngspice)
        assertEquals(2.5, tape("pwl(0.5, -10, -8, 2, 4, 12, 9, 22, 19)"), 1e-12);
        assertEquals(-98, tape("pwl(-100, -10, -8, 2, 4, 12, 9, 22, 19)"), 1e-12);
        assertEquals(97, tape("pwl(100, -10, -8, 2, 4, 12, 9, 22, 19)"), 1e-12);
        assertEquals(0.5, CompiledExpression.compile(ExpressionParser.parse("pwl(x, 0, 0, 2, 1, 4, 0)", XYZ), 3)
                .evalGradient(new double[] {1, 0, 0}, new double[3]), 1e-12);
        assertTrue(assertThrows(ExpressionException.class, () -> tree("pwl(1, 2, 3)")).getMessage()
                .contains("at least two x,y points"));
    }

    @Test
    void integralsAreNamedAsUnsupportedAndDdtOnlyWhereThereIsTime() {
        assertTrue(assertThrows(ExpressionException.class, () -> tree("sdt(x)")).getMessage()
                .contains("not an ngspice function"));
        assertTrue(assertThrows(ExpressionException.class, () -> tree("ddt(x)")).getMessage()
                .contains("allowed in B sources"));
        assertEquals(0, tree("ddt(3)")); // the derivative of a constant is folded to 0
    }

    @Test
    void recursiveAndExplodingFunctionsAndDeepNestingAreRefused() {
        java.util.Map<String, UserFunction> funcs = new java.util.HashMap<>();
        Symbols withFuncs = new Symbols() {
            @Override
            public Expr identifier(String name) {
                return XYZ.identifier(name);
            }

            @Override
            public Expr userFunction(String name, java.util.List<Expr> args) {
                UserFunction f = funcs.get(name);
                return f == null ? null : f.apply(args, this);
            }
        };
        funcs.put("f", new UserFunction("f", List.of("a"), "g(a) + 1"));
        funcs.put("g", new UserFunction("g", List.of("a"), "f(a) * 2"));
        String recursive = assertThrows(ExpressionException.class, () -> ExpressionParser.parse("f(x)", withFuncs))
                .getMessage();
        assertTrue(recursive.contains(".func f calls itself (f -> g -> f)"), recursive);
        // each level calls the one below twice: 2^40 nodes if expanded
        funcs.clear();
        funcs.put("h0", new UserFunction("h0", List.of("a"), "a + x"));
        for (int k = 1; k <= 40; k++) {
            funcs.put("h" + k, new UserFunction("h" + k, List.of("a"), "h" + (k - 1) + "(a) + h" + (k - 1) + "(a)"));
        }
        String exploding = assertThrows(ExpressionException.class, () -> ExpressionParser.parse("h40(x)", withFuncs))
                .getMessage();
        assertTrue(exploding.contains("grows past 1000000 nodes"), exploding);
        String deep = assertThrows(ExpressionException.class, () -> tree("(".repeat(100_000) + "x" + ")".repeat(100_000)))
                .getMessage();
        assertTrue(deep.contains("nested more than 500 levels"), deep);
        String signs = assertThrows(ExpressionException.class, () -> tree("-".repeat(100_000) + "x")).getMessage();
        assertTrue(signs.contains("nested more than 500 levels"), signs);
    }
}
