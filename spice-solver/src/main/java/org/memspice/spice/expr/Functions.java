package org.memspice.spice.expr;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in functions of the expression language (ngspice's B-source set), each with its exact
 * partial derivatives. Discontinuous functions (u, sgn, floor, ceil, int, nint, the comparisons
 * with zero) report the one-sided derivative 0; kinks (abs, min, max, limit, uramp, u2, pwl)
 * report the derivative of the active piece. Semantics follow ngspice where SPICE dialects
 * differ: u(0) is 0.5, nint rounds halves to even, pwl extrapolates its end segments.
 */
public final class Functions {
    /** A function with its partial derivatives. */
    public interface Function {
        /** The number of arguments it takes, or -1 for a variable number ({@link #accepts} decides). */
        int arity();

        /** True when it can be called with {@code n} arguments. */
        default boolean accepts(int n) {
            return n == arity();
        }

        /** How to call it, for messages. */
        default String usage(String name) {
            return name + " takes " + arity() + " argument(s)";
        }

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

    private abstract static class Binary implements Function {
        @Override
        public int arity() {
            return 2;
        }
    }

    static {
        unary("abs", Math::abs, x -> x >= 0 ? 1 : -1);
        unary("sqrt", Math::sqrt, x -> 0.5 / Math.sqrt(x));
        unary("sqr", x -> x * x, x -> 2 * x);
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
        unary("arctan", Math::atan, x -> 1 / (1 + x * x));
        unary("sinh", Math::sinh, Math::cosh);
        unary("cosh", Math::cosh, Math::sinh);
        unary("tanh", Math::tanh, x -> 1 - Math.tanh(x) * Math.tanh(x));
        unary("asinh", x -> Math.log(x + Math.sqrt(x * x + 1)), x -> 1 / Math.sqrt(x * x + 1));
        unary("acosh", x -> Math.log(x + Math.sqrt(x * x - 1)), x -> 1 / Math.sqrt(x * x - 1));
        unary("atanh", x -> 0.5 * Math.log((1 + x) / (1 - x)), x -> 1 / (1 - x * x));
        unary("u", x -> x > 0 ? 1 : x < 0 ? 0 : 0.5, x -> 0);
        unary("u2", x -> x <= 0 ? 0 : x <= 1 ? x : 1, x -> x > 0 && x <= 1 ? 1 : 0);
        unary("uramp", x -> x > 0 ? x : 0, x -> x > 0 ? 1 : 0);
        unary("sgn", Math::signum, x -> 0);
        unary("floor", Math::floor, x -> 0);
        unary("ceil", Math::ceil, x -> 0);
        unary("int", x -> x < 0 ? Math.ceil(x) : Math.floor(x), x -> 0);
        unary("nint", Math::rint, x -> 0);
        unary("eq0", x -> x == 0 ? 1 : 0, x -> 0);
        unary("ne0", x -> x != 0 ? 1 : 0, x -> 0);
        unary("gt0", x -> x > 0 ? 1 : 0, x -> 0);
        unary("lt0", x -> x < 0 ? 1 : 0, x -> 0);
        unary("ge0", x -> x >= 0 ? 1 : 0, x -> 0);
        unary("le0", x -> x <= 0 ? 1 : 0, x -> 0);
        TABLE.put("pow", new Binary() {
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
        TABLE.put("pwr", new Binary() {
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
        TABLE.put("min", new Binary() {
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
        TABLE.put("max", new Binary() {
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
        Function conditional = new Function() {
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
        };
        TABLE.put("if", conditional);
        TABLE.put("ternary_fcn", conditional);
        TABLE.put("pwl", new PiecewiseLinearFunction());
    }

    /**
     * {@code pwl(x, x1, y1, x2, y2, ...)}: linear interpolation of the points (the abscissas
     * increasing), extended beyond the first and last point along the end segments (ngspice).
     */
    private static final class PiecewiseLinearFunction implements Function {
        @Override
        public int arity() {
            return -1;
        }

        @Override
        public boolean accepts(int n) {
            return n >= 5 && n % 2 == 1;
        }

        @Override
        public String usage(String name) {
            return name + " takes x and at least two x,y points: pwl(x, x1, y1, x2, y2, ...)";
        }

        /** Index k0 of the segment [k0, k0 + 1] that x falls in (or extends). */
        private static int segment(double[] a) {
            int points = (a.length - 1) / 2;
            int k0 = 0;
            int k1 = points - 1;
            while (k1 - k0 > 1) {
                int k = (k0 + k1) >>> 1;
                if (a[1 + 2 * k] > a[0]) {
                    k1 = k;
                } else {
                    k0 = k;
                }
            }
            return k0;
        }

        @Override
        public double value(double[] a) {
            int k = segment(a);
            int k1 = Math.min(k + 1, (a.length - 1) / 2 - 1);
            double x0 = a[1 + 2 * k];
            double y0 = a[2 + 2 * k];
            double x1 = a[1 + 2 * k1];
            double y1 = a[2 + 2 * k1];
            return x1 == x0 ? y1 : y0 + (y1 - y0) * (a[0] - x0) / (x1 - x0);
        }

        @Override
        public void partials(double[] a, double[] out) {
            java.util.Arrays.fill(out, 0);
            int k = segment(a);
            int k1 = Math.min(k + 1, (a.length - 1) / 2 - 1);
            double x0 = a[1 + 2 * k];
            double x1 = a[1 + 2 * k1];
            out[0] = x1 == x0 ? 0 : (a[2 + 2 * k1] - a[2 + 2 * k]) / (x1 - x0);
        }
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
