package org.memspice.spice.expr;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An expression flattened into a tape of instructions, evaluated in one forward sweep and
 * differentiated exactly in one reverse sweep (reverse-mode automatic differentiation). No
 * allocation or string work happens per evaluation. A shared subtree is evaluated once.
 * Discontinuous operations contribute their one-sided derivative (zero for steps and
 * comparisons); the untaken branch of a conditional receives no derivative.
 */
public final class CompiledExpression {
    static final int CONST = 0;
    static final int VAR = 1;
    static final int NEG = 2;
    static final int ADD = 3;
    static final int SUB = 4;
    static final int MUL = 5;
    static final int DIV = 6;
    static final int POW = 7;
    static final int LT = 8;
    static final int LE = 9;
    static final int GT = 10;
    static final int GE = 11;
    static final int EQ = 12;
    static final int NE = 13;
    static final int AND = 14;
    static final int OR = 15;
    static final int NOT = 16;
    static final int TERNARY = 17;
    static final int CALL = 18;
    static final int DDT = 19;
    /** A built-in function of one argument ({@link Functions.Unary}): a = argument, b = function id. */
    static final int UNARY = 20;

    /**
     * Whether tapes are compiled to bytecode ({@link TapeCompiler}) once their shape has been
     * evaluated {@link #COMPILE_AFTER} times: system property {@code memspice.expr.compile}, true
     * unless set to false. Compiled and interpreted tapes give bit-identical results.
     */
    static final boolean COMPILE = !"false".equalsIgnoreCase(System.getProperty("memspice.expr.compile", "true"));
    /**
     * Evaluations of a shape (all expressions of its instructions together) before it is compiled
     * (system property {@code memspice.expr.compileAfter}, default 20000): a compile costs 3-7 ms
     * on the loaded 2-core machine, 60-80 ms for the first in a JVM (ASM's classes loaded and run
     * cold), and saves roughly 100 ns per evaluation (bench/ExprBench.java), so a shape pays for
     * it only after some 10^4-10^5 evaluations. A deck with a few behavioural sources and a short transient
     * stays interpreted; a crossbar of a thousand cells crosses the threshold within its first
     * twenty Newton iterations.
     */
    static final int COMPILE_AFTER = Integer.getInteger("memspice.expr.compileAfter", 20000);
    /**
     * At most this many shapes are compiled in a JVM (system property
     * {@code memspice.expr.maxCompiled}, default 1000); later ones stay interpreted. A netlist of
     * thousands of distinct expressions would otherwise load thousands of classes and keep the
     * JIT busy compiling each, where the interpreter is one method compiled once.
     */
    static int maxCompiled = Integer.getInteger("memspice.expr.maxCompiled", 1000);
    private static final java.util.concurrent.atomic.AtomicLong COMPILE_NANOS = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicInteger COMPILED = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger NOT_COMPILED = new java.util.concurrent.atomic.AtomicInteger();

    /** The integration of ddt() arguments, supplied by the element that evaluates the expression. */
    public interface TimeDerivatives {
        /** Records {@code value} in slot {@code slot} and returns its time derivative (0 in DC). */
        double derivative(int slot, double value);

        /** d(derivative)/d(value) of the present integration formula (0 in DC). */
        double coefficient();
    }

    private static final TimeDerivatives DC = new TimeDerivatives() {
        @Override
        public double derivative(int slot, double value) {
            return 0;
        }

        @Override
        public double coefficient() {
            return 0;
        }
    };

    private final int[] op;
    private final int[] a;
    private final int[] b;
    private final int[] c;
    private final double[] constant;
    private final Functions.Function[] functions;
    private final int[][] callArgs;
    private double[] values;
    private double[] adjoint;
    private double[][] callValues;
    private double[][] callPartials;
    private final int variables;
    private final Shape shape;
    /** The compiled tape once this expression has found it compiled; null while interpreted. */
    private TapeKernel kernel;
    /** Set by {@link #useCompiledCode}(false): this expression stays with the interpreter. */
    private boolean interpretOnly;

    private CompiledExpression(Builder t, int variables) {
        int n = t.op.size();
        int[] op = new int[n];
        int[] a = new int[n];
        int[] b = new int[n];
        int[] c = new int[n];
        double[] constant = new double[n];
        Functions.Function[] functions = new Functions.Function[n];
        int[][] callArgs = new int[n][];
        for (int i = 0; i < n; i++) {
            op[i] = t.op.get(i);
            a[i] = t.a.get(i);
            b[i] = t.b.get(i);
            c[i] = t.c.get(i);
            constant[i] = t.constant.get(i);
            functions[i] = t.functions.get(i);
            callArgs[i] = t.callArgs.get(i);
        }
        Tape tape = Tape.intern(new Tape(op, a, b, c, constant, functions, callArgs));
        this.op = tape.op;
        this.a = tape.a;
        this.b = tape.b;
        this.c = tape.c;
        this.constant = tape.constant;
        this.functions = tape.functions;
        this.callArgs = tape.callArgs;
        callValues = new double[n][];
        callPartials = new double[n][];
        for (int i = 0; i < n; i++) {
            if (callArgs[i] != null) {
                callValues[i] = new double[callArgs[i].length];
                callPartials[i] = new double[callArgs[i].length];
            }
        }
        values = new double[n];
        adjoint = new double[n];
        this.variables = variables;
        this.shape = Shape.intern(new Shape(tape, variables));
    }

    /** A copy sharing the tape and every array (see {@link #relocateArrays}). */
    private CompiledExpression(CompiledExpression o) {
        this.op = o.op;
        this.a = o.a;
        this.b = o.b;
        this.c = o.c;
        this.constant = o.constant;
        this.functions = o.functions;
        this.callArgs = o.callArgs;
        this.values = o.values;
        this.adjoint = o.adjoint;
        this.callValues = o.callValues;
        this.callPartials = o.callPartials;
        this.variables = o.variables;
        this.shape = o.shape;
        this.kernel = o.kernel;
        this.interpretOnly = o.interpretOnly;
    }

    /**
     * This expression as a new object that shares its arrays, for an engine that lays out its
     * elements' data anew (each kind in element order); {@link #relocateArrays} then gives the copy
     * arrays of its own.
     */
    public CompiledExpression relocatedCopy() {
        return new CompiledExpression(this);
    }

    /**
     * Another expression of the same tape (and compiled code, once there is some), with scratch
     * arrays of its own: for the same line in another instance of a subcircuit, without parsing
     * and flattening the text again.
     */
    public CompiledExpression copy() {
        CompiledExpression c = new CompiledExpression(this);
        c.relocateArrays();
        return c;
    }

    /** Replaces this expression's scratch arrays by fresh copies (see {@link #relocatedCopy}). */
    public void relocateArrays() {
        values = values.clone();
        adjoint = adjoint.clone();
        double[][] cv = callValues.clone();
        double[][] cp = callPartials.clone();
        for (int i = 0; i < cv.length; i++) {
            if (cv[i] != null) {
                cv[i] = cv[i].clone();
                cp[i] = cp[i].clone();
            }
        }
        callValues = cv;
        callPartials = cp;
    }

    /**
     * A tape's instructions without their constants, with the number of variables: what a
     * compiled tape depends on. Instances of a subcircuit whose parameters differ (different
     * constants, so different tapes) share one shape and so one compiled class, which takes the
     * constants as an argument.
     */
    private static final class Shape {
        private static final java.util.Map<Shape, java.lang.ref.WeakReference<Shape>> INTERNED = new java.util.WeakHashMap<>();

        final int[] op;
        final int[] a;
        final int[] b;
        final int[] c;
        final Functions.Function[] functions;
        final int[][] callArgs;
        final int variables;
        private final int hash;
        /** Evaluations while interpreted (racy: a threshold, not a count that must be exact). */
        int uses;
        /** Set once compiled, or once found not compilable ({@link #failed}). */
        volatile TapeKernel kernel;
        volatile boolean failed;

        Shape(Tape t, int variables) {
            this.op = t.op;
            this.a = t.a;
            this.b = t.b;
            this.c = t.c;
            this.functions = t.functions;
            this.callArgs = t.callArgs;
            this.variables = variables;
            int h = java.util.Arrays.hashCode(op);
            h = 31 * h + java.util.Arrays.hashCode(a);
            h = 31 * h + java.util.Arrays.hashCode(b);
            h = 31 * h + java.util.Arrays.hashCode(c);
            h = 31 * h + java.util.Arrays.hashCode(functions);
            h = 31 * h + java.util.Arrays.deepHashCode(callArgs);
            hash = 31 * h + variables;
        }

        static Shape intern(Shape s) {
            synchronized (INTERNED) {
                java.lang.ref.WeakReference<Shape> ref = INTERNED.get(s);
                Shape known = ref == null ? null : ref.get();
                if (known != null) {
                    return known;
                }
                INTERNED.put(s, new java.lang.ref.WeakReference<>(s));
                return s;
            }
        }

        /** The compiled tape, compiling it on the first call; null when it cannot be compiled. */
        synchronized TapeKernel compile() {
            if (kernel == null && !failed) {
                if (COMPILED.get() >= maxCompiled) {
                    NOT_COMPILED.incrementAndGet();
                    failed = true;
                    return null;
                }
                long t0 = System.nanoTime();
                TapeKernel k = TapeCompiler.compile(op, a, b, c, functions, callArgs, variables);
                COMPILE_NANOS.addAndGet(System.nanoTime() - t0);
                if (k == null) {
                    NOT_COMPILED.incrementAndGet();
                    failed = true;
                } else {
                    COMPILED.incrementAndGet();
                    kernel = k;
                }
            }
            return kernel;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Shape)) {
                return false;
            }
            Shape t = (Shape) o;
            return hash == t.hash && variables == t.variables && java.util.Arrays.equals(op, t.op)
                    && java.util.Arrays.equals(a, t.a) && java.util.Arrays.equals(b, t.b)
                    && java.util.Arrays.equals(c, t.c) && java.util.Arrays.equals(functions, t.functions)
                    && java.util.Arrays.deepEquals(callArgs, t.callArgs);
        }
    }

    /**
     * The compiled tape when there is one (fetching it from the shape, or compiling the shape
     * once it has been evaluated {@link #COMPILE_AFTER} times); null while interpreted.
     */
    private TapeKernel kernel() {
        if (!COMPILE || interpretOnly) {
            return null;
        }
        Shape s = shape;
        TapeKernel k = s.kernel;
        if (k == null) {
            if (s.failed || ++s.uses < COMPILE_AFTER) {
                return null;
            }
            k = s.compile();
            if (k == null) {
                return null;
            }
        }
        kernel = k;
        return k;
    }

    /**
     * Compiles this expression's tape now, whatever the switch and the threshold (tests and
     * benchmarks); false when the tape is one the compiler leaves to the interpreter.
     */
    boolean compileNow() {
        kernel = shape.compile();
        return kernel != null;
    }

    /**
     * For benchmarks: true compiles this expression's tape now (whatever the switch and the
     * threshold) and answers whether it is compiled; false keeps this expression interpreted.
     */
    public boolean useCompiledCode(boolean on) {
        interpretOnly = !on;
        if (on) {
            return compileNow();
        }
        kernel = null;
        return false;
    }

    /** Evaluates with the interpreter, compiled or not. */
    double interpretedEval(double[] in, TimeDerivatives time) {
        return interpret(in, time);
    }

    /** Value and gradient from the interpreter, compiled or not. */
    double interpretedEvalGradient(double[] in, double[] grad, TimeDerivatives time) {
        return interpretGradient(in, grad, time);
    }

    /** True when evaluations run compiled code. */
    boolean isCompiled() {
        return kernel != null;
    }

    /**
     * Tapes compiled to bytecode in this JVM, tapes left to the interpreter (too long, or beyond
     * {@link #maxCompiled}), and the time spent compiling, in one line.
     */
    public static String compilerStatistics() {
        return String.format(java.util.Locale.ROOT, "expression tapes compiled %d, interpreted %d (not compilable or over the limit),"
                + " compile time %.1f ms%s", COMPILED.get(), NOT_COMPILED.get(), COMPILE_NANOS.get() / 1e6,
                COMPILE ? "" : " (compiler off: memspice.expr.compile=false)");
    }

    /**
     * The instructions of a compiled expression, without its scratch values: shared by every
     * expression compiled to the same instructions (each instance of a subcircuit compiles its
     * B sources again; thousands of instances then walk one copy of the instructions, which stays
     * in the cache, instead of thousands). Never modified after construction.
     */
    private static final class Tape {
        /** The tapes in use, by content; weakly held, so tapes of circuits gone are dropped. */
        private static final java.util.Map<Tape, java.lang.ref.WeakReference<Tape>> INTERNED = new java.util.WeakHashMap<>();

        final int[] op;
        final int[] a;
        final int[] b;
        final int[] c;
        final double[] constant;
        final Functions.Function[] functions;
        final int[][] callArgs;
        private final int hash;

        Tape(int[] op, int[] a, int[] b, int[] c, double[] constant, Functions.Function[] functions, int[][] callArgs) {
            this.op = op;
            this.a = a;
            this.b = b;
            this.c = c;
            this.constant = constant;
            this.functions = functions;
            this.callArgs = callArgs;
            int h = java.util.Arrays.hashCode(op);
            h = 31 * h + java.util.Arrays.hashCode(a);
            h = 31 * h + java.util.Arrays.hashCode(b);
            h = 31 * h + java.util.Arrays.hashCode(c);
            h = 31 * h + java.util.Arrays.hashCode(constant);
            h = 31 * h + java.util.Arrays.hashCode(functions);
            h = 31 * h + java.util.Arrays.deepHashCode(callArgs);
            hash = h;
        }

        static Tape intern(Tape t) {
            synchronized (INTERNED) {
                java.lang.ref.WeakReference<Tape> ref = INTERNED.get(t);
                Tape known = ref == null ? null : ref.get();
                if (known != null) {
                    return known;
                }
                INTERNED.put(t, new java.lang.ref.WeakReference<>(t));
                return t;
            }
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Tape)) {
                return false;
            }
            Tape t = (Tape) o;
            // constants compared bit for bit (Arrays.equals on doubles does): -0.0 and 0.0 differ
            return hash == t.hash && java.util.Arrays.equals(op, t.op) && java.util.Arrays.equals(a, t.a)
                    && java.util.Arrays.equals(b, t.b) && java.util.Arrays.equals(c, t.c)
                    && java.util.Arrays.equals(constant, t.constant) && java.util.Arrays.equals(functions, t.functions)
                    && java.util.Arrays.deepEquals(callArgs, t.callArgs);
        }
    }

    /** Flattens {@code e}; its variables index an input array of length {@code variables}. */
    public static CompiledExpression compile(Expr e, int variables) {
        Builder t = new Builder();
        t.emit(e);
        return new CompiledExpression(t, variables);
    }

    /** Number of ddt() slots the expression integrates (one past the largest slot). */
    public int timeDerivatives() {
        int n = 0;
        for (int i = 0; i < op.length; i++) {
            if (op[i] == DDT) {
                n = Math.max(n, b[i] + 1);
            }
        }
        return n;
    }

    /** The tape's constants, in tape order (a copy): what .param values folded into it. */
    public double[] constants() {
        return constant.clone();
    }

    /**
     * After {@link #evalGradient}: d(value)/d(constant i) for every tape entry i (0 where the entry
     * is not a constant), the reverse sweep's adjoint of the constants.
     */
    public void constantPartials(double[] out) {
        for (int i = 0; i < op.length; i++) {
            out[i] = op[i] == CONST ? adjoint[i] : 0;
        }
    }

    /** Number of tape instructions. */
    public int size() {
        return op.length;
    }

    public int variables() {
        return variables;
    }

    /** The value at input {@code in}, ddt() terms 0 (an operating point). */
    public double eval(double[] in) {
        return eval(in, DC);
    }

    /** The value at input {@code in} with the ddt() terms integrated by {@code time}. */
    public double eval(double[] in, TimeDerivatives time) {
        TapeKernel k = kernel;
        if (k != null || (k = kernel()) != null) {
            return k.eval(in, constant, callValues, time);
        }
        return interpret(in, time);
    }

    private double interpret(double[] in, TimeDerivatives time) {
        return forward(in, time, values, callValues);
    }

    /**
     * The forward sweep into {@code v} (one value per instruction), calls' arguments gathered in
     * {@code calls}; returns the expression's value. The interpreter runs it on this expression's
     * work arrays, {@link #timeDerivativePartials} on scratch arrays of its own.
     */
    private double forward(double[] in, TimeDerivatives time, double[] v, double[][] calls) {
        for (int i = 0; i < op.length; i++) {
            switch (op[i]) {
                case CONST: v[i] = constant[i]; break;
                case VAR: v[i] = in[a[i]]; break;
                case NEG: v[i] = -v[a[i]]; break;
                case ADD: v[i] = v[a[i]] + v[b[i]]; break;
                case SUB: v[i] = v[a[i]] - v[b[i]]; break;
                case MUL: v[i] = v[a[i]] * v[b[i]]; break;
                case DIV: v[i] = v[a[i]] / v[b[i]]; break;
                case POW: v[i] = Functions.pow(v[a[i]], v[b[i]]); break;
                case LT: v[i] = v[a[i]] < v[b[i]] ? 1 : 0; break;
                case LE: v[i] = v[a[i]] <= v[b[i]] ? 1 : 0; break;
                case GT: v[i] = v[a[i]] > v[b[i]] ? 1 : 0; break;
                case GE: v[i] = v[a[i]] >= v[b[i]] ? 1 : 0; break;
                case EQ: v[i] = v[a[i]] == v[b[i]] ? 1 : 0; break;
                case NE: v[i] = v[a[i]] != v[b[i]] ? 1 : 0; break;
                case AND: v[i] = v[a[i]] != 0 && v[b[i]] != 0 ? 1 : 0; break;
                case OR: v[i] = v[a[i]] != 0 || v[b[i]] != 0 ? 1 : 0; break;
                case NOT: v[i] = v[a[i]] == 0 ? 1 : 0; break;
                case TERNARY: v[i] = v[a[i]] != 0 ? v[b[i]] : v[c[i]]; break;
                case UNARY: v[i] = Functions.unaryValue(b[i], v[a[i]]); break;
                case DDT: {
                    double arg = v[a[i]];
                    v[i] = Double.isFinite(arg) ? time.derivative(b[i], arg) : Double.NaN;
                    break;
                }
                default: {
                    int[] args = callArgs[i];
                    double[] cv = calls[i];
                    for (int k = 0; k < args.length; k++) {
                        cv[k] = v[args[k]];
                    }
                    v[i] = functions[i].value(cv);
                }
            }
        }
        return v[op.length - 1];
    }

    /**
     * The value at {@code in}, and its exact partial derivatives: {@code grad[k]} is set to
     * d(value)/d(in[k]) for every variable k.
     */
    public double evalGradient(double[] in, double[] grad) {
        return evalGradient(in, grad, DC);
    }

    /** As {@link #evalGradient(double[], double[])}, with the ddt() terms integrated by {@code time}. */
    public double evalGradient(double[] in, double[] grad, TimeDerivatives time) {
        TapeKernel k = kernel;
        if (k != null || (k = kernel()) != null) {
            return k.evalGradient(in, grad, constant, callValues, callPartials, time, adjoint);
        }
        return interpretGradient(in, grad, time);
    }

    /**
     * As {@link #evalGradient(double[], double[], TimeDerivatives)}, but compiled code leaves the
     * constants' partials out ({@link #constantPartials} is then not of this point): what a load's
     * Newton iteration takes. Writing them cost a store per constant of the tape on every
     * evaluation, and the thousands of instances of a subcircuit's expressions each have an array of
     * their own.
     */
    public double evalGradientWithoutConstants(double[] in, double[] grad, TimeDerivatives time) {
        TapeKernel k = kernel;
        if (k != null || (k = kernel()) != null) {
            return k.evalGradient(in, grad, constant, callValues, callPartials, time, null);
        }
        return interpretGradient(in, grad, time);
    }

    private double interpretGradient(double[] in, double[] grad, TimeDerivatives time) {
        double result = interpret(in, time);
        double[] g = adjoint;
        java.util.Arrays.fill(g, 0);
        java.util.Arrays.fill(grad, 0, variables, 0);
        int last = op.length - 1;
        g[last] = 1;
        reverse(last, values, g, grad, time.coefficient(), false, callValues, callPartials);
        return result;
    }

    /**
     * The reverse sweep from instruction {@code seed} down (the caller sets g[seed]) over the forward
     * values {@code v}: adjoints accumulate in {@code g}, the variables' partials in {@code grad}; a
     * ddt() term passes its adjoint times {@code ddtCoefficient} to its argument, or nothing when
     * {@code ddtHeld} (its value taken as given). Calls gather their arguments in {@code calls} and
     * their partials in {@code partials}.
     */
    private void reverse(int seed, double[] v, double[] g, double[] grad, double ddtCoefficient, boolean ddtHeld,
            double[][] calls, double[][] partials) {
        for (int i = seed; i >= 0; i--) {
            double gi = g[i];
            if (gi == 0) {
                continue; // also keeps NaN of an untaken branch out of the derivative
            }
            switch (op[i]) {
                case VAR: grad[a[i]] += gi; break;
                case NEG: g[a[i]] -= gi; break;
                case ADD: g[a[i]] += gi; g[b[i]] += gi; break;
                case SUB: g[a[i]] += gi; g[b[i]] -= gi; break;
                case MUL: g[a[i]] += gi * v[b[i]]; g[b[i]] += gi * v[a[i]]; break;
                case DIV: {
                    double y = v[b[i]];
                    g[a[i]] += gi / y;
                    g[b[i]] -= gi * v[a[i]] / (y * y);
                    break;
                }
                case POW: {
                    double x = v[a[i]];
                    double y = v[b[i]];
                    g[a[i]] += gi * Functions.powDx(x, y);
                    g[b[i]] += gi * Functions.powDy(x, y);
                    break;
                }
                case DDT:
                    if (!ddtHeld) {
                        g[a[i]] += gi * ddtCoefficient;
                    }
                    break;
                case UNARY: {
                    // exp is its own derivative: the value of the forward sweep, not a second exp
                    double d = b[i] == Functions.EXP ? v[i] : Functions.unaryDerivative(b[i], v[a[i]]);
                    if (d != 0) {
                        g[a[i]] += gi * d;
                    }
                    break;
                }
                case TERNARY:
                    if (v[a[i]] != 0) {
                        g[b[i]] += gi;
                    } else {
                        g[c[i]] += gi;
                    }
                    break;
                case CALL: {
                    int[] args = callArgs[i];
                    double[] cv = calls[i];
                    double[] cp = partials[i];
                    for (int k = 0; k < args.length; k++) {
                        cv[k] = v[args[k]];
                    }
                    functions[i].partials(cv, cp);
                    for (int k = 0; k < args.length; k++) {
                        if (cp[k] != 0) {
                            g[args[k]] += gi * cp[k];
                        }
                    }
                    break;
                }
                default:
                    // constants, comparisons and logic: no derivative
            }
        }
    }

    /**
     * True when the argument of some ddt() takes ddt() itself (its recorded value then depends on
     * earlier points' derivatives). Read-only.
     */
    public boolean nestedTimeDerivatives() {
        for (int i = 0; i < op.length; i++) {
            if (op[i] == DDT && reaches(a[i], DDT)) {
                return true;
            }
        }
        return false;
    }

    private boolean reaches(int top, int code) {
        boolean[] seen = new boolean[top + 1];
        seen[top] = true;
        for (int i = top; i >= 0; i--) {
            if (!seen[i]) {
                continue;
            }
            if (op[i] == code) {
                return true;
            }
            switch (op[i]) {
                case CONST: case VAR: break;
                case NEG: case NOT: case DDT: case UNARY: seen[a[i]] = true; break;
                case TERNARY: seen[a[i]] = true; seen[b[i]] = true; seen[c[i]] = true; break;
                case CALL: for (int k : callArgs[i]) { seen[k] = true; } break;
                default: seen[a[i]] = true; seen[b[i]] = true;
            }
        }
        return false;
    }

    /**
     * Read-only partials for the sensitivities of ddt() terms, interpreted in scratch arrays of its
     * own (the evaluation paths are untouched): at input {@code in}, with every ddt() term taking the
     * value {@code time.derivative} answers (held as a value, not differentiated through its
     * argument), the partials of the whole expression ({@code slot} = −1) or of the argument of ddt
     * slot {@code slot}: {@code grad[k]} = ∂/∂in[k], {@code constants[i]} = ∂/∂(tape constant i),
     * indexed as {@link #constantPartials}, and {@code ddt[j]} = ∂/∂(value of ddt slot j). Any of the
     * three may be null. Returns the node's value (NaN when the slot has no ddt() on the tape: a
     * term folded away, with all partials 0).
     */
    public double timeDerivativePartials(double[] in, TimeDerivatives time, int slot, double[] grad,
            double[] constants, double[] ddt) {
        int n = op.length;
        double[] v = new double[n];
        double[][] calls = new double[n][];
        for (int i = 0; i < n; i++) {
            if (callValues[i] != null) {
                calls[i] = new double[callValues[i].length];
            }
        }
        forward(in, time, v, calls);
        if (grad != null) {
            java.util.Arrays.fill(grad, 0, variables, 0);
        }
        if (constants != null) {
            java.util.Arrays.fill(constants, 0, n, 0);
        }
        if (ddt != null) {
            java.util.Arrays.fill(ddt, 0);
        }
        int seed = n - 1;
        if (slot >= 0) {
            seed = -1;
            for (int i = 0; i < n; i++) {
                if (op[i] == DDT && b[i] == slot) {
                    seed = a[i];
                }
            }
            if (seed < 0) {
                return Double.NaN;
            }
        }
        double[] g = new double[n];
        g[seed] = 1;
        double[][] partials = new double[n][];
        for (int i = 0; i < n; i++) {
            if (calls[i] != null) {
                partials[i] = new double[calls[i].length];
            }
        }
        reverse(seed, v, g, grad != null ? grad : new double[variables], 0, true, calls, partials);
        for (int i = 0; i <= seed; i++) {
            if (op[i] == CONST && constants != null) {
                constants[i] = g[i];
            } else if (op[i] == DDT && ddt != null) {
                ddt[b[i]] += g[i];
            }
        }
        return v[seed];
    }

    /** Collects instructions in evaluation order. */
    private static final class Builder {
        final List<Integer> op = new ArrayList<>();
        final List<Integer> a = new ArrayList<>();
        final List<Integer> b = new ArrayList<>();
        final List<Integer> c = new ArrayList<>();
        final List<Double> constant = new ArrayList<>();
        final List<Functions.Function> functions = new ArrayList<>();
        final List<int[]> callArgs = new ArrayList<>();
        final Map<Expr, Integer> emitted = new IdentityHashMap<>();

        int add(int code, int x, int y, int z, double k, Functions.Function f, int[] args) {
            op.add(code);
            a.add(x);
            b.add(y);
            c.add(z);
            constant.add(k);
            functions.add(f);
            callArgs.add(args);
            return op.size() - 1;
        }

        int emit(Expr e) {
            Integer done = emitted.get(e);
            if (done != null) {
                return done;
            }
            int slot;
            if (e instanceof Nodes.Const) {
                slot = add(CONST, 0, 0, 0, ((Nodes.Const) e).value, null, null);
            } else if (e instanceof Nodes.Var) {
                slot = add(VAR, ((Nodes.Var) e).index, 0, 0, 0, null, null);
            } else if (e instanceof Nodes.Negate) {
                slot = add(NEG, emit(((Nodes.Negate) e).a), 0, 0, 0, null, null);
            } else if (e instanceof Nodes.Not) {
                slot = add(NOT, emit(((Nodes.Not) e).a), 0, 0, 0, null, null);
            } else if (e instanceof Nodes.Binary) {
                Nodes.Binary bin = (Nodes.Binary) e;
                int x = emit(bin.a);
                int y = emit(bin.b);
                slot = add(code(bin.op), x, y, 0, 0, null, null);
            } else if (e instanceof Nodes.Ternary) {
                Nodes.Ternary t = (Nodes.Ternary) e;
                int x = emit(t.c);
                int y = emit(t.t);
                int z = emit(t.f);
                slot = add(TERNARY, x, y, z, 0, null, null);
            } else if (e instanceof Nodes.Ddt) {
                Nodes.Ddt d = (Nodes.Ddt) e;
                slot = add(DDT, emit(d.a), d.slot, 0, 0, null, null);
            } else if (e instanceof Nodes.Call && ((Nodes.Call) e).fn instanceof Functions.Unary
                    && ((Nodes.Call) e).args.length == 1) {
                Nodes.Call call = (Nodes.Call) e;
                slot = add(UNARY, emit(call.args[0]), ((Functions.Unary) call.fn).id, 0, 0, null, null);
            } else if (e instanceof Nodes.Call) {
                Nodes.Call call = (Nodes.Call) e;
                int[] args = new int[call.args.length];
                for (int k = 0; k < args.length; k++) {
                    args[k] = emit(call.args[k]);
                }
                slot = add(CALL, 0, 0, 0, 0, call.fn, args);
            } else {
                throw new IllegalArgumentException("cannot compile expression node " + e.getClass().getName());
            }
            emitted.put(e, slot);
            return slot;
        }

        private static int code(Nodes.BinaryOp o) {
            switch (o) {
                case ADD: return ADD;
                case SUB: return SUB;
                case MUL: return MUL;
                case DIV: return DIV;
                case POW: return POW;
                case LT: return LT;
                case LE: return LE;
                case GT: return GT;
                case GE: return GE;
                case EQ: return EQ;
                case NE: return NE;
                case AND: return AND;
                default: return OR;
            }
        }
    }
}
