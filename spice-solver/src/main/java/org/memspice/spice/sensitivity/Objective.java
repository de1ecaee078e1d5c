package org.memspice.spice.sensitivity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.circuit.Unknowns;
import org.memspice.spice.element.BranchCurrent;
import org.memspice.spice.element.CurrentProbe;
import org.memspice.spice.element.DifferentiableProbe;
import org.memspice.spice.element.ParameterSensitive;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.SetupContext.UnknownKind;
import org.memspice.spice.expr.CompiledExpression;
import org.memspice.spice.expr.Expr;
import org.memspice.spice.expr.ExpressionException;
import org.memspice.spice.expr.ExpressionParser;
import org.memspice.spice.expr.Symbols;

/**
 * What a sensitivity analysis differentiates: an expression Φ of measurements of output vectors.
 * A vector is {@code v(n)}, {@code v(a,b)}, {@code i(name)} (an element with a branch current, or
 * the probe current of a resistor, behavioural resistor, B current source or memristor: a
 * {@link DifferentiableProbe}) or {@code x(device)} (a device state). A measurement of a vector
 * over a transient run is
 * <ul>
 * <li>the vector itself: its value at the last time point (at the operating point for .op);</li>
 * <li>{@code at(vec, T)}: its value at time T, interpolated linearly between accepted points;</li>
 * <li>{@code integ(vec)} or {@code integ(vec, T1, T2)}: its time integral (trapezoidal over the
 * accepted points, the piecewise-linear waveform integrated exactly between T1 and T2);</li>
 * <li>{@code max(vec)}, {@code min(vec)}: its largest and smallest value over the accepted points.</li>
 * </ul>
 * Φ combines them with the expression language of B sources (+ − × ÷, ^, exp, log/ln, sqrt, two
 * argument max/min, tanh ...), for example a cross-entropy over the maxima of three outputs:
 * {@code -log(exp(max(v(o1)))/(exp(max(v(o1)))+exp(max(v(o2)))+exp(max(v(o3)))))}. Its gradient
 * with respect to the measurements is exact (the expression tape's reverse sweep).
 */
public final class Objective {
    /** How a measurement reads its vector. */
    public enum Kind { FINAL, AT, INTEGRAL, MAX, MIN }

    /**
     * One measurement: a vector x[plus] − x[minus] read as {@code kind} (times for AT and INTEGRAL);
     * for the probe current i(name) of an element without a branch unknown (a resistor, a behavioural
     * resistor or B current source, a memristor: {@code probe} non-null), that element's current at
     * the point.
     */
    public record Measurement(Kind kind, String vector, int plus, int minus, double t1, double t2,
            DifferentiableProbe probe) {
        public Measurement(Kind kind, String vector, int plus, int minus, double t1, double t2) {
            this(kind, vector, plus, minus, t1, t2, null);
        }

        /** The vector's value in solution x at time t. */
        public double read(double[] x, double t) {
            return probe != null ? probe.probeCurrent(x, t) : x[plus] - x[minus];
        }

        /**
         * Adds w·∂(value)/∂x to {@code grad} at solution x and time t (grad[0], ground, is the
         * caller's to clear).
         */
        public void gradient(double[] x, double t, double w, double[] grad) {
            if (probe != null) {
                probe.probeGradient(x, t, w, grad);
            } else {
                grad[plus] += w;
                grad[minus] -= w;
            }
        }

        /**
         * The value's explicit derivative in parameter {@code k} of {@code element} at (x, t), x held (a
         * probed resistor's ∂i/∂R = −i/R, a memristor's ∂I/∂p of a model parameter); 0 for node
         * voltages, branch currents and states.
         */
        public double explicitDerivative(ParameterSensitive element, int k, double[] x, double t) {
            return probe == null ? 0 : probe.probeParameterDerivative(element, k, x, t);
        }
    }

    private final String text;
    private final List<Measurement> measurements;
    private final CompiledExpression phi;
    private final int variables;
    /** Per expression variable: the measurement it stands for, or -1 (a vector wrapped by a measurement function). */
    private final int[] measurementOf;

    private Objective(String text, List<Measurement> measurements, CompiledExpression phi, int variables,
            int[] measurementOf) {
        this.text = text;
        this.measurements = measurements;
        this.phi = phi;
        this.variables = variables;
        this.measurementOf = measurementOf;
    }

    public String text() {
        return text;
    }

    public List<Measurement> measurements() {
        return measurements;
    }

    /**
     * Parses an objective for {@code circuit}.
     *
     * @throws IllegalArgumentException naming an unknown vector or function, or a syntax error
     *         (with its column)
     */
    public static Objective parse(String text, Circuit circuit) {
        Unknowns u = circuit.unknowns();
        List<int[]> vectors = new ArrayList<>(); // per variable: plus, minus
        List<String> vectorNames = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        List<double[]> times = new ArrayList<>();
        List<String> pendingElements = new ArrayList<>();
        java.util.Map<String, DifferentiableProbe> probes = new java.util.HashMap<>();
        // variables a measurement function or x() consumed (replaced by its own variable)
        java.util.BitSet consumed = new java.util.BitSet();
        Symbols symbols = new Symbols() {
            private Expr vector(String name, int plus, int minus) {
                vectors.add(new int[] {plus, minus});
                vectorNames.add(name);
                kinds.add(Kind.FINAL);
                times.add(new double[] {Double.NaN, Double.NaN});
                pendingElements.add(null);
                return ExpressionParser.variable(vectors.size() - 1);
            }

            private int node(String name) {
                String n = name.toLowerCase(Locale.ROOT);
                if (n.equals("0") || n.equals("gnd")) {
                    return 0;
                }
                int k = u.find(n);
                if (k < 0 || u.kind(k) != UnknownKind.VOLTAGE) {
                    throw new ExpressionException("output vector v(" + name + "): no node named " + name, 0);
                }
                return k;
            }

            @Override
            public Expr voltage(String plus, String minus) {
                String name = "v(" + plus + (minus == null ? "" : "," + minus) + ")";
                return vector(name.toLowerCase(Locale.ROOT), node(plus), minus == null ? 0 : node(minus));
            }

            @Override
            public Expr current(String device) {
                String d = device.toLowerCase(Locale.ROOT);
                Element e = circuit.element(d);
                if (e instanceof BranchCurrent && ((BranchCurrent) e).hasBranchCurrent()) {
                    return vector("i(" + d + ")", ((BranchCurrent) e).branchUnknown(), 0);
                }
                if (e instanceof DifferentiableProbe && ((DifferentiableProbe) e).probeNotDifferentiable() == null) {
                    probes.put("i(" + d + ")", (DifferentiableProbe) e);
                    return vector("i(" + d + ")", 0, 0);
                }
                if (e instanceof CurrentProbe) {
                    String why = e instanceof DifferentiableProbe ? ((DifferentiableProbe) e).probeNotDifferentiable()
                            : "its element does not report the current's derivatives";
                    throw new ExpressionException("output vector i(" + device + "): the current of " + device
                            + " is printed but cannot be differentiated: " + why, 0);
                }
                throw new ExpressionException("output vector i(" + device + "): " + (e == null ? "no element named "
                        + device : device + " has no branch current and no probe current (put a 0 V source in"
                        + " series and name it)"), 0);
            }

            @Override
            public Expr identifier(String name) {
                if (name.equals("pi")) {
                    return ExpressionParser.constant(Math.PI);
                }
                if (circuit.element(name) != null) {
                    // the argument of x(device): a placeholder variable that x() turns into the state vector
                    Expr e = vector(name, 0, 0);
                    pendingElements.set(pendingElements.size() - 1, name);
                    return e;
                }
                return null;
            }

            @Override
            public Expr userFunction(String name, List<Expr> args) {
                if (name.equals("x") && args.size() == 1) {
                    int var = variableIndex(args.get(0), vectors.size());
                    String element = var >= 0 ? pendingElements.get(var) : null;
                    if (element == null) {
                        throw new ExpressionException("x() takes a device name, as in x(ym1)", 0);
                    }
                    consumed.set(var);
                    String vec = "x(" + element + ")";
                    for (int i = 1; i <= u.size(); i++) {
                        if (u.kind(i) == UnknownKind.STATE && u.vectorName(i).equals(vec)) {
                            return vector(vec, i, 0);
                        }
                    }
                    throw new ExpressionException("output vector " + vec + ": " + element + " has no state unknown", 0);
                }
                Kind kind;
                switch (name) {
                    case "max": kind = Kind.MAX; break;
                    case "min": kind = Kind.MIN; break;
                    case "integ": kind = Kind.INTEGRAL; break;
                    case "at": kind = Kind.AT; break;
                    default: return null;
                }
                if ((kind == Kind.MAX || kind == Kind.MIN) && args.size() != 1) {
                    return null; // the two-argument max/min of the expression language
                }
                int var = args.isEmpty() ? -1 : variableIndex(args.get(0), vectors.size());
                if (var < 0 || pendingElements.get(var) != null) {
                    throw new ExpressionException(name + "() takes an output vector such as v(out) as its first argument", 0);
                }
                double t1 = Double.NaN;
                double t2 = Double.NaN;
                if (kind == Kind.AT) {
                    if (args.size() != 2) {
                        throw new ExpressionException("at(vector, time) takes 2 arguments", 0);
                    }
                    t1 = constant(args.get(1), "the time of at()");
                } else if (kind == Kind.INTEGRAL) {
                    if (args.size() != 1 && args.size() != 3) {
                        throw new ExpressionException("integ(vector) or integ(vector, from, to)", 0);
                    }
                    if (args.size() == 3) {
                        t1 = constant(args.get(1), "the start of integ()");
                        t2 = constant(args.get(2), "the end of integ()");
                        if (!(t2 > t1)) {
                            throw new ExpressionException("integ(): the end " + t2 + " must follow the start " + t1, 0);
                        }
                    }
                } else if (args.size() != 1) {
                    throw new ExpressionException(name + "() takes 1 argument", 0);
                }
                consumed.set(var);
                int[] pm = vectors.get(var);
                Expr e = vector(vectorNames.get(var), pm[0], pm[1]);
                kinds.set(kinds.size() - 1, kind);
                times.set(times.size() - 1, new double[] {t1, t2});
                return e;
            }
        };
        Expr tree;
        try {
            tree = ExpressionParser.parse(text, symbols);
        } catch (ExpressionException e) {
            throw new IllegalArgumentException("objective '" + text + "': " + e.getMessage());
        }
        int n = vectors.size();
        // the tree reads every variable but those a measurement function consumed: deciding it from the
        // expression's values instead would drop a measurement in the inactive branch of a two-argument
        // max (or a saturated sigmoid) at the trial point, and evaluate it as 0
        CompiledExpression compiled = CompiledExpression.compile(tree, n);
        List<Measurement> ms = new ArrayList<>();
        int[] of = new int[n];
        for (int i = 0; i < n; i++) {
            of[i] = -1;
            if (consumed.get(i)) {
                continue;
            }
            if (pendingElements.get(i) != null) {
                throw new IllegalArgumentException("objective '" + text + "': '" + pendingElements.get(i)
                        + "' is a device name; its state is x(" + pendingElements.get(i) + ")");
            }
            int[] pm = vectors.get(i);
            double[] t = times.get(i);
            ms.add(new Measurement(kinds.get(i), vectorNames.get(i), pm[0], pm[1], t[0], t[1],
                    probes.get(vectorNames.get(i))));
            of[i] = ms.size() - 1;
        }
        if (ms.isEmpty()) {
            throw new IllegalArgumentException("objective '" + text + "' reads no output vector");
        }
        return new Objective(text, ms, compiled, n, of);
    }

    /** The index of a bare variable expression, or -1. */
    private static int variableIndex(Expr e, int n) {
        if (e.isConstant()) {
            return -1;
        }
        double[] in = new double[n];
        for (int i = 0; i < n; i++) {
            in[i] = i;
        }
        double[] grad = new double[n];
        e.gradient(in, 1, grad);
        int found = -1;
        for (int i = 0; i < n; i++) {
            if (grad[i] == 1 && found < 0) {
                found = i;
            } else if (grad[i] != 0) {
                return -1;
            }
        }
        return found >= 0 && e.eval(in) == found ? found : -1;
    }

    private static double constant(Expr e, String what) {
        if (!e.isConstant()) {
            throw new ExpressionException(what + " must be a number", 0);
        }
        return e.eval(new double[0]);
    }

    /**
     * Φ at measurement values {@code m}; ∂Φ/∂m goes to {@code dm}.
     *
     * @throws IllegalStateException when Φ is not finite there
     */
    public double evaluate(double[] m, double[] dm) {
        double[] in = new double[variables];
        for (int i = 0; i < variables; i++) {
            if (measurementOf[i] >= 0) {
                in[i] = m[measurementOf[i]];
            }
        }
        double[] grad = new double[variables];
        double value = phi.evalGradient(in, grad);
        java.util.Arrays.fill(dm, 0);
        for (int i = 0; i < variables; i++) {
            if (measurementOf[i] >= 0) {
                dm[measurementOf[i]] += grad[i];
            }
        }
        return value;
    }
}
