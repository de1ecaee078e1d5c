package org.memspice.spice.expr;

import java.util.List;

/** The node types of an expression tree. */
final class Nodes {
    private Nodes() {
    }

    static final class Const extends Expr {
        final double value;

        Const(double value) {
            super(1);
            this.value = value;
        }

        @Override
        public double eval(double[] in) {
            return value;
        }

        @Override
        public void gradient(double[] in, double seed, double[] grad) {
        }

        @Override
        public boolean isConstant() {
            return true;
        }
    }

    static final class Var extends Expr {
        final int index;

        Var(int index) {
            super(1);
            this.index = index;
        }

        @Override
        public double eval(double[] in) {
            return in[index];
        }

        @Override
        public void gradient(double[] in, double seed, double[] grad) {
            grad[index] += seed;
        }

        @Override
        public boolean isConstant() {
            return false;
        }
    }

    static final class Negate extends Expr {
        final Expr a;

        Negate(Expr a) {
            super(a.depth + 1);
            this.a = a;
        }

        @Override
        public double eval(double[] in) {
            return -a.eval(in);
        }

        @Override
        public void gradient(double[] in, double seed, double[] grad) {
            a.gradient(in, -seed, grad);
        }

        @Override
        public boolean isConstant() {
            return a.isConstant();
        }
    }

    enum BinaryOp { ADD, SUB, MUL, DIV, POW, LT, LE, GT, GE, EQ, NE, AND, OR }

    static final class Binary extends Expr {
        final BinaryOp op;
        final Expr a;
        final Expr b;

        Binary(BinaryOp op, Expr a, Expr b) {
            super(Math.max(a.depth, b.depth) + 1);
            this.op = op;
            this.a = a;
            this.b = b;
        }

        @Override
        public double eval(double[] in) {
            double x = a.eval(in);
            double y = b.eval(in);
            switch (op) {
                case ADD: return x + y;
                case SUB: return x - y;
                case MUL: return x * y;
                case DIV: return x / y;
                case POW: return Functions.pow(x, y);
                case LT: return x < y ? 1 : 0;
                case LE: return x <= y ? 1 : 0;
                case GT: return x > y ? 1 : 0;
                case GE: return x >= y ? 1 : 0;
                case EQ: return x == y ? 1 : 0;
                case NE: return x != y ? 1 : 0;
                case AND: return x != 0 && y != 0 ? 1 : 0;
                case OR: return x != 0 || y != 0 ? 1 : 0;
                default: throw new AssertionError(op);
            }
        }

        @Override
        public void gradient(double[] in, double seed, double[] grad) {
            switch (op) {
                case ADD:
                    a.gradient(in, seed, grad);
                    b.gradient(in, seed, grad);
                    return;
                case SUB:
                    a.gradient(in, seed, grad);
                    b.gradient(in, -seed, grad);
                    return;
                case MUL:
                    a.gradient(in, seed * b.eval(in), grad);
                    b.gradient(in, seed * a.eval(in), grad);
                    return;
                case DIV: {
                    double y = b.eval(in);
                    a.gradient(in, seed / y, grad);
                    b.gradient(in, -seed * a.eval(in) / (y * y), grad);
                    return;
                }
                case POW: {
                    double x = a.eval(in);
                    double y = b.eval(in);
                    a.gradient(in, seed * Functions.powDx(x, y), grad);
                    if (!b.isConstant()) {
                        b.gradient(in, seed * Functions.powDy(x, y), grad);
                    }
                    return;
                }
                default:
                    // comparisons and logic are piecewise constant: zero derivative
            }
        }

        @Override
        public boolean isConstant() {
            return a.isConstant() && b.isConstant();
        }
    }

    static final class Not extends Expr {
        final Expr a;

        Not(Expr a) {
            super(a.depth + 1);
            this.a = a;
        }

        @Override
        public double eval(double[] in) {
            return a.eval(in) == 0 ? 1 : 0;
        }

        @Override
        public void gradient(double[] in, double seed, double[] grad) {
        }

        @Override
        public boolean isConstant() {
            return a.isConstant();
        }
    }

    static final class Ternary extends Expr {
        final Expr c;
        final Expr t;
        final Expr f;

        Ternary(Expr c, Expr t, Expr f) {
            super(Math.max(c.depth, Math.max(t.depth, f.depth)) + 1);
            this.c = c;
            this.t = t;
            this.f = f;
        }

        @Override
        public double eval(double[] in) {
            return c.eval(in) != 0 ? t.eval(in) : f.eval(in);
        }

        @Override
        public void gradient(double[] in, double seed, double[] grad) {
            if (c.eval(in) != 0) {
                t.gradient(in, seed, grad);
            } else {
                f.gradient(in, seed, grad);
            }
        }

        @Override
        public boolean isConstant() {
            return c.isConstant() && t.isConstant() && f.isConstant();
        }
    }

    static final class Call extends Expr {
        final Functions.Function fn;
        final Expr[] args;
        private final double[] values;
        private final double[] partials;

        Call(Functions.Function fn, List<Expr> args) {
            super(args.stream().mapToInt(e -> e.depth).max().orElse(0) + 1);
            this.fn = fn;
            this.args = args.toArray(new Expr[0]);
            this.values = new double[this.args.length];
            this.partials = new double[this.args.length];
        }

        @Override
        public double eval(double[] in) {
            double[] v = values;
            for (int i = 0; i < args.length; i++) {
                v[i] = args[i].eval(in);
            }
            return fn.value(v);
        }

        @Override
        public void gradient(double[] in, double seed, double[] grad) {
            // a node never occurs inside its own arguments, so the scratch arrays are safe here
            for (int i = 0; i < args.length; i++) {
                values[i] = args[i].eval(in);
            }
            fn.partials(values, partials);
            for (int i = 0; i < args.length; i++) {
                double d = partials[i];
                if (d != 0 && !args[i].isConstant()) {
                    args[i].gradient(in, seed * d, grad);
                }
            }
        }

        @Override
        public boolean isConstant() {
            for (Expr a : args) {
                if (!a.isConstant()) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * {@code ddt(arg)}: the time derivative of its argument as ngspice takes it, the backward
     * difference over the last two accepted time points, recorded in slot {@code slot} of the
     * element that owns the expression (0 in DC).
     */
    static final class Ddt extends Expr {
        final int slot;
        final Expr a;

        Ddt(int slot, Expr a) {
            super(a.depth + 1);
            this.slot = slot;
            this.a = a;
        }

        /** The DC value: a derivative with respect to time is 0 at an operating point. */
        @Override
        public double eval(double[] in) {
            return 0;
        }

        @Override
        public void gradient(double[] in, double seed, double[] grad) {
        }

        @Override
        public boolean isConstant() {
            return false;
        }
    }
}
