package org.memspice.spice.elements;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.memspice.spice.element.BranchCurrent;
import org.memspice.spice.element.CardScope;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.LineTemplates;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.SetupContext;
import org.memspice.spice.expr.CompiledExpression;
import org.memspice.spice.expr.Expr;
import org.memspice.spice.expr.ExpressionException;
import org.memspice.spice.expr.ExpressionParser;
import org.memspice.spice.expr.Symbols;
import org.memspice.spice.expr.UserFunction;
import org.memspice.spice.netlist.NetlistException;
import org.memspice.spice.netlist.SourceLine;
import org.memspice.spice.netlist.Token;

/**
 * An expression of circuit quantities as a behavioural element reads it: {@code V(n)},
 * {@code V(a,b)}, {@code I(Vx)}, {@code time}, {@code temper}, parameters and {@code .func}s.
 * Parsed and compiled once; at set-up its node and branch references become unknowns; at each
 * Newton iteration it gives its value and exact partial derivatives.
 */
public final class BehavioralExpression {
    private enum Kind { NODE, CURRENT, TIME, TEMPERATURE }

    private record Ref(Kind kind, String name) {
    }

    private final SourceLine line;
    private final int column;
    private final String text;
    private final List<Ref> refs;
    private CompiledExpression compiled;
    private int[] unknowns;
    private double[] in;
    private double[] grad;
    private int firstState;
    private LoadContext loading;
    private final CompiledExpression.TimeDerivatives time = new CompiledExpression.TimeDerivatives() {
        @Override
        public double derivative(int slot, double value) {
            // as ngspice: record the value, answer the slope of the last two accepted points
            loading.holdState(firstState + slot, value);
            return loading.laggedDerivative(firstState + slot);
        }

        @Override
        public double coefficient() {
            return 0; // the lagged slope does not depend on the present iterate
        }
    };

    private BehavioralExpression(SourceLine line, int column, String text, List<Ref> refs, Expr tree) {
        this.line = line.detached(); // kept for run-time messages: not the whole file's text with it
        this.column = column;
        this.text = text;
        this.refs = refs;
        this.compiled = CompiledExpression.compile(tree, refs.size());
        this.in = new double[refs.size()];
        this.grad = new double[refs.size()];
    }

    /** Another instance's reading of {@code first}'s line: its own references and scratch, the same tape. */
    private BehavioralExpression(BehavioralExpression first, List<Ref> refs) {
        this.line = first.line;
        this.column = first.column;
        this.text = first.text;
        this.refs = refs;
        this.compiled = first.compiled.copy();
        this.in = new double[refs.size()];
        this.grad = new double[refs.size()];
    }

    /** A copy sharing every array and the compiled tape (see {@link #relocate}). */
    private BehavioralExpression(BehavioralExpression o) {
        this.line = o.line;
        this.column = o.column;
        this.text = o.text;
        this.refs = o.refs;
        this.compiled = o.compiled;
        this.unknowns = o.unknowns;
        this.in = o.in;
        this.grad = o.grad;
        this.firstState = o.firstState;
        this.loading = o.loading;
    }

    /** Relocation passes {@link #relocate} takes. */
    static final int RELOCATION_PASSES = 3;

    /**
     * Lays this expression's data out anew, one level per pass over all expressions, the way a
     * copying collection's breadth-first copy lays them out: pass 0 returns a new object sharing
     * everything (the caller keeps it in place of this one), pass 1 gives it fresh input arrays
     * and a new compiled object, pass 2 fresh arrays for that. Values are unchanged.
     */
    BehavioralExpression relocate(int pass) {
        switch (pass) {
            case 0:
                return new BehavioralExpression(this);
            case 1:
                in = in.clone();
                grad = grad.clone();
                if (unknowns != null) {
                    unknowns = unknowns.clone();
                }
                compiled = compiled.relocatedCopy();
                return this;
            default:
                compiled.relocateArrays();
                return this;
        }
    }

    /** Parses the expression token of a card; syntax and name errors name file, line and column. */
    public static BehavioralExpression parse(ElementCard card, Token expression) {
        return parse(card, expression, false);
    }

    /**
     * The current V(n+, n−)/R of a resistor whose resistance expression depends on the circuit
     * (node voltages, branch currents, time), or null when it is a constant.
     */
    public static BehavioralExpression resistance(ElementCard card, Token expression) {
        BehavioralExpression e = parse(card, expression, true);
        return e.refs.isEmpty() && e.compiled.timeDerivatives() == 0 ? null : e;
    }

    private static BehavioralExpression parse(ElementCard card, Token expression, boolean resistor) {
        CardScope scope = card.scope();
        LineTemplates templates = scope.templates();
        Reading reading = resistor ? Reading.RESISTANCE : Reading.EXPRESSION;
        if (templates != null) {
            Object t = templates.get(card.line(), expression.column(), reading);
            if (t != null) {
                Template template = (Template) t;
                BehavioralExpression again = template.first.text.equals(expression.text()) ? template.in(scope) : null;
                if (again != null) {
                    templates.reused();
                    return again;
                }
            }
        }
        Reader symbols = new Reader(scope, templates != null);
        String lineText = card.line().text();
        int offset = expression.column() + (expression.column() < lineText.length()
                && "{'".indexOf(lineText.charAt(expression.column())) >= 0 ? 1 : 0);
        BehavioralExpression read;
        try {
            Expr tree = ExpressionParser.parse(expression.text(), symbols);
            if (resistor && !(symbols.refs.isEmpty() && symbols.derivatives == 0)) {
                Token plus = card.tokenAt(0);
                Token minus = card.tokenAt(1);
                tree = ExpressionParser.quotient(symbols.voltage(plus.text().toLowerCase(Locale.ROOT),
                        minus.text().toLowerCase(Locale.ROOT)), tree);
            }
            read = new BehavioralExpression(card.line(), expression.column(), expression.text(), symbols.refs, tree);
        } catch (ExpressionException e) {
            throw new NetlistException(card.line(), offset + e.column(), card.name() + ": " + e.getMessage());
        }
        if (templates != null && symbols.replayable) {
            templates.put(card.line(), expression.column(), reading, new Template(symbols.lookups, read));
        }
        return read;
    }

    /** What a line's expression is read as: the two readings of one line are kept apart. */
    private enum Reading { EXPRESSION, RESISTANCE }

    /** The kinds of name a parse looks up. */
    private enum Asked { PARAMETER, REFERENCE, FUNCTION }

    /**
     * One name the parse of an expression looked up, and what it meant: a parameter's value (a
     * Double, null for none), a reference's input index (-1: a node that is ground, read as the
     * constant 0), a function's definition (null for none; compared by value, as each instance
     * defines its subcircuit's .func anew, and the names in its body are looked up through the same
     * recorder). The parser's calls depend only on the text and these answers, so another scope
     * that answers the same lookups in the same order would parse the same tree.
     */
    private record Lookup(Asked asked, Kind kind, String name, Object answer) {
    }

    /**
     * A subcircuit line's expression as its first instance read it, with every lookup of that
     * parse: another instance whose scope answers them alike gets a copy sharing the compiled
     * tape, without parsing again (a 64x64 crossbar of behavioural memristor subcircuits parsed
     * 16,384 expressions of four lines).
     */
    private record Template(List<Lookup> lookups, BehavioralExpression first) {
        /** The expression as {@code scope} would parse it, or null where a lookup answers differently. */
        BehavioralExpression in(CardScope scope) {
            List<Ref> refs = new ArrayList<>(first.refs.size());
            for (Lookup l : lookups) {
                switch (l.asked) {
                    case PARAMETER:
                        if (!java.util.Objects.equals(Reader.value(scope.parameters().identifier(l.name)), l.answer)) {
                            return null;
                        }
                        break;
                    case FUNCTION:
                        if (!java.util.Objects.equals(scope.function(l.name), l.answer)) {
                            return null;
                        }
                        break;
                    default: {
                        String name = l.kind == Kind.NODE ? scope.nodeName(l.name)
                                : l.kind == Kind.CURRENT ? scope.elementName(l.name) : l.name;
                        int index = l.kind == Kind.NODE && name.equals("0") ? -1 : Reader.index(refs, l.kind, name);
                        if (index != (Integer) l.answer) {
                            return null;
                        }
                    }
                }
            }
            return new BehavioralExpression(first, refs);
        }
    }

    /** The names of an expression as its card's scope resolves them, each lookup recorded for a {@link Template}. */
    private static final class Reader implements Symbols {
        private static final double[] NO_INPUT = {};
        final CardScope scope;
        final List<Ref> refs = new ArrayList<>();
        /** Every lookup in order, or null when not recording. */
        final List<Lookup> lookups;
        /** False once a lookup gave an answer a template cannot compare (a parameter that is not a number). */
        boolean replayable = true;
        int derivatives;

        Reader(CardScope scope, boolean record) {
            this.scope = scope;
            this.lookups = record ? new ArrayList<>() : null;
        }

        /** The index of reference (kind, name) in {@code refs}, added at the end when new. */
        static int index(List<Ref> refs, Kind kind, String name) {
            Ref r = new Ref(kind, name);
            int i = refs.indexOf(r);
            if (i < 0) {
                refs.add(r);
                i = refs.size() - 1;
            }
            return i;
        }

        /** A parameter's answer as a template compares it: its value, null for none, a marker otherwise. */
        static Object value(Expr e) {
            return e == null ? null : e.isConstant() ? (Object) e.eval(NO_INPUT) : Reader.class;
        }

        private void record(Asked asked, Kind kind, String name, Object answer) {
            if (lookups != null) {
                lookups.add(new Lookup(asked, kind, name, answer));
            }
        }

        private Expr ref(Kind kind, String local, String name) {
            int i = index(refs, kind, name);
            record(Asked.REFERENCE, kind, local, i);
            return ExpressionParser.variable(i);
        }

        private Expr node(String local) {
            String global = scope.nodeName(local);
            if (global.equals("0")) {
                record(Asked.REFERENCE, Kind.NODE, local, -1);
                return ExpressionParser.constant(0);
            }
            return ref(Kind.NODE, local, global);
        }

        @Override
        public Expr identifier(String name) {
            if (name.equals("time")) {
                return ref(Kind.TIME, "time", "time");
            }
            if (name.equals("temper")) {
                return ref(Kind.TEMPERATURE, "temper", "temper"); // read when evaluated: a .dc TEMP sweep changes it
            }
            Expr e = scope.parameters().identifier(name); // parameters, pi
            Object answer = value(e);
            replayable &= answer != Reader.class;
            record(Asked.PARAMETER, null, name, answer);
            return e;
        }

        @Override
        public Expr voltage(String plus, String minus) {
            Expr p = node(plus);
            return minus == null ? p : ExpressionParser.difference(p, node(minus));
        }

        @Override
        public Expr current(String device) {
            String local = device.toLowerCase(Locale.ROOT);
            return ref(Kind.CURRENT, local, scope.elementName(local));
        }

        @Override
        public Expr timeDerivative(Expr arg) {
            return ExpressionParser.timeDerivative(derivatives++, arg);
        }

        @Override
        public Expr userFunction(String name, List<Expr> args) {
            UserFunction f = scope.function(name);
            record(Asked.FUNCTION, null, name, f);
            return f == null ? null : f.apply(args, this);
        }
    }

    /** The constants of the compiled expression (the .param values folded into it, among others). */
    public double[] constants() {
        return compiled.constants();
    }

    /** After {@link #evaluateWithConstantPartials} or {@link #evaluateAt}: d(value)/d(tape constant i), per tape entry. */
    public void constantPartials(double[] out) {
        compiled.constantPartials(out);
    }

    /** Claims the integration states of the expression's ddt() terms. */
    public void allocate(SetupContext ctx) {
        int n = compiled.timeDerivatives();
        if (n > 0) {
            firstState = ctx.addStates(n, false); // a record of values: ngspice's ddt does not limit the step
        }
    }

    /** True when the expression takes a time derivative (its element then has integration states). */
    public boolean hasTimeDerivatives() {
        return compiled.timeDerivatives() > 0;
    }

    /** True when the value depends on no unknown (only on time, temperature or constants). */
    public boolean dependsOnUnknowns() {
        for (Ref r : refs) {
            if (r.kind != Kind.TIME && r.kind != Kind.TEMPERATURE) {
                return true;
            }
        }
        return false;
    }

    /** Resolves node and branch references to unknowns; an unknown node or device is a netlist error. */
    public int[] resolve(SetupContext ctx, String owner) {
        unknowns = new int[refs.size()];
        for (int i = 0; i < refs.size(); i++) {
            Ref r = refs.get(i);
            switch (r.kind) {
                case NODE: {
                    int u = ctx.findNode(r.name);
                    if (u < 0) {
                        throw new NetlistException(line, column, owner + ": V(" + r.name + ") names a node that no"
                                + " element connects to, in '" + text + "'");
                    }
                    unknowns[i] = u;
                    break;
                }
                case CURRENT: {
                    Element e;
                    try {
                        e = ctx.element(r.name);
                    } catch (IllegalArgumentException ex) {
                        throw new NetlistException(line, column, owner + ": I(" + r.name + ") names no element");
                    }
                    if (!(e instanceof BranchCurrent) || !((BranchCurrent) e).hasBranchCurrent()) {
                        throw new NetlistException(line, column, owner + ": I(" + r.name + ") needs an element with a"
                                + " branch current (a voltage source, inductor, E, H or B voltage source)");
                    }
                    unknowns[i] = ((BranchCurrent) e).branchUnknown();
                    break;
                }
                case TIME:
                    unknowns[i] = TIME_INPUT;
                    break;
                default:
                    unknowns[i] = TEMPERATURE_INPUT;
            }
        }
        return unknowns.clone();
    }

    /**
     * Evaluates at the present estimate; partials with respect to each reference go to
     * {@link #partial} (not those of the tape's constants: see {@link #evaluateWithConstantPartials}).
     */
    public double evaluate(LoadContext ctx) {
        gather(ctx);
        return compiled.evalGradientWithoutConstants(in, grad, time);
    }

    /** As {@link #evaluate}, and then {@link #constantPartials} gives the partials of this point. */
    public double evaluateWithConstantPartials(LoadContext ctx) {
        gather(ctx);
        return compiled.evalGradient(in, grad, time);
    }

    private void gather(LoadContext ctx) {
        for (int i = 0; i < in.length; i++) {
            int u = unknowns[i];
            in[i] = u >= 0 ? ctx.v(u) : u == TIME_INPUT ? ctx.time() : ctx.options().temp;
        }
        loading = ctx;
    }

    /**
     * The value at solution {@code x}, time {@code t} and temperature {@code celsius}, read without a
     * load (what a sensitivity objective's i() of a B current source reads); w·∂value/∂x[u] is added
     * to {@code grad[u]} for every unknown u it reads when {@code grad} is not null (the exact partials,
     * not clamped as Newton's). {@link #constantPartials} then gives the partials at this point. Only
     * for an expression without ddt(), whose value is a function of the present point.
     */
    public double evaluateAt(double[] x, double t, double celsius, double w, double[] grad) {
        if (hasTimeDerivatives()) {
            throw new IllegalStateException("'" + text + "' takes ddt(): its value is not a function of the present"
                    + " point");
        }
        double[] at = new double[unknowns.length];
        double[] partials = new double[unknowns.length];
        for (int i = 0; i < at.length; i++) {
            int u = unknowns[i];
            at[i] = u >= 0 ? x[u] : u == TIME_INPUT ? t : celsius;
        }
        double f = compiled.evalGradient(at, partials);
        if (grad != null) {
            for (int i = 0; i < at.length; i++) {
                if (unknowns[i] >= 0) {
                    grad[unknowns[i]] += w * partials[i];
                }
            }
        }
        return f;
    }

    /** The ddt() terms as the present point reads them, without recording (for the sensitivities). */
    private final CompiledExpression.TimeDerivatives recorded = new CompiledExpression.TimeDerivatives() {
        @Override
        public double derivative(int slot, double value) {
            return loading.laggedDerivative(firstState + slot);
        }

        @Override
        public double coefficient() {
            return 0;
        }
    };

    private double[] inputs(LoadContext ctx) {
        double[] at = new double[unknowns.length];
        for (int i = 0; i < at.length; i++) {
            int u = unknowns[i];
            at[i] = u >= 0 ? ctx.v(u) : u == TIME_INPUT ? ctx.time() : ctx.options().temp;
        }
        loading = ctx;
        return at;
    }

    /** Why the ddt() terms cannot be differentiated (a ddt() of a ddt()), or null. */
    public String timeDerivativesNotDifferentiable() {
        return compiled.nestedTimeDerivatives() ? "'" + text + "' takes ddt() of an expression that takes ddt()"
                + " itself (its recorded value depends on earlier derivatives): not differentiated" : null;
    }

    /**
     * The ddt() terms' part of the state Jacobian at the point in {@code ctx}, for an element whose
     * residual has {@code scale}·value in row {@code rowA} and its negative in row {@code rowB} (0 for
     * none). Each ddt() slot's state records its argument u (held: no incidence) with gradient
     * ∂u/∂x at this point; the lagged slope (u<sub>n−1</sub> − u<sub>n−2</sub>)/h<sub>n−1</sub> makes the
     * rows depend on the states at the two previous points, ±scale·∂value/∂ddt/h<sub>n−1</sub>
     * ({@link StateJacobian.StateSink#laggedState}), where the slope is taken.
     */
    public void timeDerivativeJacobian(LoadContext ctx, int rowA, int rowB, double scale,
            org.memspice.spice.element.StateJacobian.StateSink sink) {
        int n = compiled.timeDerivatives();
        if (n == 0) {
            return;
        }
        double[] at = inputs(ctx);
        double slope = ctx.laggedSlope();
        if (slope != 0) {
            double[] dd = new double[n];
            compiled.timeDerivativePartials(at, recorded, -1, null, null, dd);
            for (int k = 0; k < n; k++) {
                double v = scale * dd[k] * slope;
                if (v == 0) {
                    continue;
                }
                for (int back = 1; back <= 2; back++) {
                    double w = back == 1 ? v : -v;
                    if (rowA != 0) {
                        sink.laggedState(firstState + k, back, rowA, w);
                    }
                    if (rowB != 0) {
                        sink.laggedState(firstState + k, back, rowB, -w);
                    }
                }
            }
        }
        double[] g = new double[at.length];
        for (int k = 0; k < n; k++) {
            sink.held(firstState + k);
            compiled.timeDerivativePartials(at, recorded, k, g, null, null);
            for (int i = 0; i < at.length; i++) {
                if (unknowns[i] >= 0 && g[i] != 0) {
                    sink.gradient(firstState + k, unknowns[i], g[i]);
                }
            }
        }
    }

    /**
     * The ddt() arguments' partials with respect to tape constant {@code index} at the point in
     * {@code ctx}, as ∂q/∂p of the states that record them.
     */
    public void timeDerivativeConstant(LoadContext ctx, int index,
            org.memspice.spice.element.ParameterSensitive.SensitivitySink sink) {
        int n = compiled.timeDerivatives();
        if (n == 0) {
            return;
        }
        double[] at = inputs(ctx);
        double[] c = new double[compiled.size()];
        for (int k = 0; k < n; k++) {
            compiled.timeDerivativePartials(at, recorded, k, null, c, null);
            if (c[index] != 0) {
                sink.state(firstState + k, c[index]);
            }
        }
    }

    private static final int TIME_INPUT = -1;
    private static final int TEMPERATURE_INPUT = -2;

    /** Largest magnitude a partial may have: an infinite slope (sqrt at 0) would poison the matrix. */
    private static final double MAX_PARTIAL = 1e12;

    /**
     * d(value)/d(reference i) from the last {@link #evaluate}; 0 for time. An infinite slope is
     * clamped to ±1e12 and NaN to 0, so that Newton can step away from a singular point.
     */
    public double partial(int i) {
        if (unknowns[i] < 0) {
            return 0;
        }
        double g = grad[i];
        if (Double.isNaN(g)) {
            return 0;
        }
        return Math.max(-MAX_PARTIAL, Math.min(MAX_PARTIAL, g));
    }

    /** Says where the expression evaluated to {@code value} (NaN or infinite), for messages. */
    public String describeNonFinite(double value) {
        StringBuilder sb = new StringBuilder("'").append(text).append("' is ").append(value).append(" at ");
        for (int i = 0; i < refs.size(); i++) {
            Ref r = refs.get(i);
            sb.append(i == 0 ? "" : ", ").append(r.kind == Kind.TIME || r.kind == Kind.TEMPERATURE ? r.name
                    : (r.kind == Kind.NODE ? "v(" : "i(") + r.name + ")").append(" = ").append(String.format(java.util.Locale.ROOT, "%.4g", in[i]));
        }
        return sb.toString();
    }

    /** Value of reference i at the last evaluation. */
    public double input(int i) {
        return in[i];
    }

    public int references() {
        return refs.size();
    }
}
