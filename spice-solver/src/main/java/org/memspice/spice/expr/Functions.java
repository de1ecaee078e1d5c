package org.memspice.spice.expr;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in functions of the expression language (ngspice's set), each with its exact partial
 * derivatives. Discontinuous functions (u, sgn, floor, ceil) report the one-sided derivative 0;
 * kinks (abs, min, max, limit, uramp) report the derivative of the active branch.
 */
public final class Functions {
    /** A function of fixed arity with its partial derivatives. */
    public interface Function {
        int arity();

        double value(double[] a);

        void partials(double[] a, double[] out);
    }

    private interface F1 {
        double f(double x);
    }

    private static final Map<String, Function> TABLE = new HashMap<>();

    private Functions() {
    }

    private static void unary(String name, F1 f, F1 df) {
        TABLE.put(name, new Function() {
            @Override
            public int arity() {
                return 1;
            }

            @Override
            public double value(double[] a) {
                return f.f(a[0]);
            }

            @Override
            public void partials(double[] a, double[] out) {
                out[0] = df.f(a[0]);
            }
        });
    }

    static {
        unary("abs", Math::abs, x -> x >= 0 ? 1 : -1);
        unary("sqrt", Math::sqrt, x -> 0.5 / Math.sqrt(x));
        unary("exp", Math::exp, Math::exp);
        unary("ln", Math::log, x -> 1 / x);
        unary("log", Math::log, x -> 1 / x);
        unary("log10", Math::log10, x -> 1 / (x * Math.log(10)));
        unary("sin", Math::sin, Math::cos);
        unary("cos", Math::cos, x -> -Math.sin(x));
        unary("tan", Math::tan, x -> 1 / (Math.cos(x) * Math.cos(x)));
        unary("asin", Math::asin, x -> 1 / Math.sqrt(1 - x * x));
        unary("acos", Math::acos, x -> -1 / Math.sqrt(1 - x * x));
        unary("atan", Math::atan, x -> 1 / (1 + x * x));
        unary("sinh", Math::sinh, Math::cosh);
        unary("cosh", Math::cosh, Math::sinh);
        unary("tanh", Math::tanh, x -> 1 - Math.tanh(x) * Math.tanh(x));
        unary("u", x -> x > 0 ? 1 : 0, x -> 0);
        unary("uramp", x -> x > 0 ? x : 0, x -> x > 0 ? 1 : 0);
        unary("sgn", Math::signum, x -> 0);
        unary("floor", Math::floor, x -> 0);
        unary("ceil", Math::ceil, x -> 0);
        TABLE.put("pow", new Function() {
            @Override
            public int arity() {
                return 2;
            }

            @Override
            public double value(double[] a) {
                return pow(a[0], a[1]);
            }

            @Override
            public void partials(double[] a, double[] out) {
                out[0] = powDx(a[0], a[1]);
                out[1] = powDy(a[0], a[1]);
            }
        });
        TABLE.put("pwr", new Function() {
            @Override
            public int arity() {
                return 2;
            }

            @Override
            public double value(double[] a) {
                return Math.signum(a[0]) * Math.pow(Math.abs(a[0]), a[1]);
            }

            @Override
            public void partials(double[] a, double[] out) {
                double m = Math.abs(a[0]);
                out[0] = m == 0 ? 0 : a[1] * Math.pow(m, a[1] - 1);
                out[1] = m == 0 ? 0 : Math.signum(a[0]) * Math.pow(m, a[1]) * Math.log(m);
            }
        });
        TABLE.put("min", new Function() {
            @Override
            public int arity() {
                return 2;
            }

            @Override
            public double value(double[] a) {
                return Math.min(a[0], a[1]);
            }

            @Override
            public void partials(double[] a, double[] out) {
                out[0] = a[0] <= a[1] ? 1 : 0;
                out[1] = 1 - out[0];
            }
        });
        TABLE.put("max", new Function() {
            @Override
            public int arity() {
                return 2;
            }

            @Override
            public double value(double[] a) {
                return Math.max(a[0], a[1]);
            }

            @Override
            public void partials(double[] a, double[] out) {
                out[0] = a[0] >= a[1] ? 1 : 0;
                out[1] = 1 - out[0];
            }
        });
        TABLE.put("limit", new Function() {
            @Override
            public int arity() {
                return 3;
            }

            @Override
            public double value(double[] a) {
                double lo = Math.min(a[1], a[2]);
                double hi = Math.max(a[1], a[2]);
                return a[0] < lo ? lo : a[0] > hi ? hi : a[0];
            }

            @Override
            public void partials(double[] a, double[] out) {
                double lo = Math.min(a[1], a[2]);
                double hi = Math.max(a[1], a[2]);
                out[0] = a[0] >= lo && a[0] <= hi ? 1 : 0;
                out[1] = a[0] < lo ? (a[1] <= a[2] ? 1 : 0) : a[0] > hi ? (a[1] > a[2] ? 1 : 0) : 0;
                out[2] = a[0] < lo ? (a[2] < a[1] ? 1 : 0) : a[0] > hi ? (a[2] >= a[1] ? 1 : 0) : 0;
            }
        });
        TABLE.put("if", new Function() {
            @Override
            public int arity() {
                return 3;
            }

            @Override
            public double value(double[] a) {
                return a[0] != 0 ? a[1] : a[2];
            }

            @Override
            public void partials(double[] a, double[] out) {
                out[0] = 0;
                out[1] = a[0] != 0 ? 1 : 0;
                out[2] = a[0] != 0 ? 0 : 1;
            }
        });
    }

    /** The built-in function of that name (case-insensitive), or null. */
    public static Function lookup(String name) {
        return TABLE.get(name.toLowerCase(Locale.ROOT));
    }

    /** SPICE's power: x^y, with a negative base allowed for integer exponents. */
    public static double pow(double x, double y) {
        return Math.pow(x, y);
    }

    static double powDx(double x, double y) {
        if (y == 0) {
            return 0;
        }
        return y * Math.pow(x, y - 1);
    }

    static double powDy(double x, double y) {
        if (x <= 0) {
            return 0;
        }
        return Math.pow(x, y) * Math.log(x);
    }
}
