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

    private static final Map<String, Function> TABLE = new HashMap<>();

    private Functions() {
    }

    /**
     * A built-in function of one argument. Its value and derivative are computed by
     * {@link #unaryValue} and {@link #unaryDerivative}, switches on {@link #id}, so that a compiled
     * expression calls them directly (no argument array, no call through an interface with as
     * many implementations as there are functions).
     */
    static final class Unary implements Function {
        final int id;

        Unary(int id) {
            this.id = id;
        }

        @Override
        public int arity() {
            return 1;
        }

        @Override
        public double value(double[] a) {
            return unaryValue(id, a[0]);
        }

        @Override
        public void partials(double[] a, double[] out) {
            out[0] = unaryDerivative(id, a[0]);
        }
    }

    static final int ABS = 0;
    static final int SQRT = 1;
    static final int SQR = 2;
    static final int EXP = 3;
    static final int LN = 4;
    static final int LOG10 = 5;
    static final int SIN = 6;
    static final int COS = 7;
    static final int TAN = 8;
    static final int ASIN = 9;
    static final int ACOS = 10;
    static final int ATAN = 11;
    static final int SINH = 12;
    static final int COSH = 13;
    static final int TANH = 14;
    static final int ASINH = 15;
    static final int ACOSH = 16;
    static final int ATANH = 17;
    static final int U = 18;
    static final int U2 = 19;
    static final int URAMP = 20;
    static final int SGN = 21;
    static final int FLOOR = 22;
    static final int CEIL = 23;
    static final int INT = 24;
    static final int NINT = 25;
    static final int EQ0 = 26;
    static final int NE0 = 27;
    static final int GT0 = 28;
    static final int LT0 = 29;
    static final int GE0 = 30;
    static final int LE0 = 31;

    /** The value of unary function {@code id} at x. */
    static double unaryValue(int id, double x) {
        switch (id) {
            case ABS: return Math.abs(x);
            case SQRT: return Math.sqrt(x);
            case SQR: return x * x;
            case EXP: return Math.exp(x);
            case LN: return Math.log(x);
            case LOG10: return Math.log10(x);
            case SIN: return Math.sin(x);
            case COS: return Math.cos(x);
            case TAN: return Math.tan(x);
            case ASIN: return Math.asin(x);
            case ACOS: return Math.acos(x);
            case ATAN: return Math.atan(x);
            case SINH: return sinh(x);
            case COSH: return cosh(x);
            case TANH: return Math.tanh(x);
            case ASINH: return Math.log(x + Math.sqrt(x * x + 1));
            case ACOSH: return Math.log(x + Math.sqrt(x * x - 1));
            case ATANH: return 0.5 * Math.log((1 + x) / (1 - x));
            case U: return x > 0 ? 1 : x < 0 ? 0 : 0.5;
            case U2: return x <= 0 ? 0 : x <= 1 ? x : 1;
            case URAMP: return x > 0 ? x : 0;
            case SGN: return Math.signum(x);
            case FLOOR: return Math.floor(x);
            case CEIL: return Math.ceil(x);
            case INT: return x < 0 ? Math.ceil(x) : Math.floor(x);
            case NINT: return Math.rint(x);
            case EQ0: return x == 0 ? 1 : 0;
            case NE0: return x != 0 ? 1 : 0;
            case GT0: return x > 0 ? 1 : 0;
            case LT0: return x < 0 ? 1 : 0;
            case GE0: return x >= 0 ? 1 : 0;
            case LE0: return x <= 0 ? 1 : 0;
            default: throw new IllegalArgumentException("unary function " + id);
        }
    }

    /** The derivative of unary function {@code id} at x (one-sided at kinks and steps, see the class comment). */
    static double unaryDerivative(int id, double x) {
        switch (id) {
            case ABS: return x >= 0 ? 1 : -1;
            case SQRT: return 0.5 / Math.sqrt(x);
            case SQR: return 2 * x;
            case EXP: return Math.exp(x);
            case LN: return 1 / x;
            case LOG10: return 1 / (x * Math.log(10));
            case SIN: return Math.cos(x);
            case COS: return -Math.sin(x);
            case TAN: return 1 / (Math.cos(x) * Math.cos(x));
            case ASIN: return 1 / Math.sqrt(1 - x * x);
            case ACOS: return -1 / Math.sqrt(1 - x * x);
            case ATAN: return 1 / (1 + x * x);
            case SINH: return cosh(x);
            case COSH: return sinh(x);
            case TANH: return 1 - Math.tanh(x) * Math.tanh(x);
            case ASINH: return 1 / Math.sqrt(x * x + 1);
            case ACOSH: return 1 / Math.sqrt(x * x - 1);
            case ATANH: return 1 / (1 - x * x);
            case U2: return x > 0 && x <= 1 ? 1 : 0;
            case URAMP: return x > 0 ? 1 : 0;
            case U: case SGN: case FLOOR: case CEIL: case INT: case NINT: case EQ0: case NE0: case GT0: case LT0:
            case GE0: case LE0:
                return 0;
            default: throw new IllegalArgumentException("unary function " + id);
        }
    }

    /**
     * sinh from {@link Math#exp} (a compiler intrinsic) instead of {@link Math#sinh}, which in
     * JDK 17 is a native call into fdlibm costing several times more (memristor models evaluate
     * sinh and cosh at every Newton iteration of every cell): a Taylor polynomial below 0.3 in
     * magnitude, (e<sup>x</sup> - e<sup>-x</sup>)/2 above, Math.sinh beyond 700 (overflow). Within
     * a few units in the last place of Math.sinh.
     */
    static double sinh(double x) {
        double ax = Math.abs(x);
        if (ax < 0.3) {
            double x2 = x * x;
            // x + x^3/3! + ... + x^13/13!: the next term is below 1e-19 of x
            return x + x * x2 * (1.0 / 6 + x2 * (1.0 / 120 + x2 * (1.0 / 5040 + x2 * (1.0 / 362880
                    + x2 * (1.0 / 39916800 + x2 * (1.0 / 6227020800.0))))));
        }
        if (ax > 700 || Double.isNaN(x)) {
            return Math.sinh(x);
        }
        double e = Math.exp(x);
        return 0.5 * (e - 1 / e);
    }

    /** cosh from {@link Math#exp} (see {@link #sinh}): (e<sup>x</sup> + e<sup>-x</sup>)/2, Math.cosh beyond 700. */
    static double cosh(double x) {
        if (Math.abs(x) > 700 || Double.isNaN(x)) {
            return Math.cosh(x);
        }
        double e = Math.exp(x);
        return 0.5 * (e + 1 / e);
    }

    private static void unary(String name, int id) {
        TABLE.put(name, new Unary(id));
    }

    private abstract static class Binary implements Function {
        @Override
        public int arity() {
            return 2;
        }
    }

    static {
        unary("abs", ABS);
        unary("sqrt", SQRT);
        unary("sqr", SQR);
        unary("exp", EXP);
        unary("ln", LN);
        unary("log", LN);
        unary("log10", LOG10);
        unary("sin", SIN);
        unary("cos", COS);
        unary("tan", TAN);
        unary("asin", ASIN);
        unary("acos", ACOS);
        unary("atan", ATAN);
        unary("arctan", ATAN);
        unary("sinh", SINH);
        unary("cosh", COSH);
        unary("tanh", TANH);
        unary("asinh", ASINH);
        unary("acosh", ACOSH);
        unary("atanh", ATANH);
        unary("u", U);
        unary("u2", U2);
        unary("uramp", URAMP);
        unary("sgn", SGN);
        unary("floor", FLOOR);
        unary("ceil", CEIL);
        unary("int", INT);
        unary("nint", NINT);
        unary("eq0", EQ0);
        unary("ne0", NE0);
        unary("gt0", GT0);
        unary("lt0", LT0);
        unary("ge0", GE0);
        unary("le0", LE0);
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
