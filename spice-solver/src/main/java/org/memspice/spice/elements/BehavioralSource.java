package org.memspice.spice.elements;

import java.util.List;
import org.memspice.spice.element.BranchCurrent;
import org.memspice.spice.element.CurrentProbe;
import org.memspice.spice.element.TemperatureDependent;
import org.memspice.spice.element.Connections;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.ElementFactory;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.SetupContext;
import org.memspice.spice.netlist.Token;

/**
 * Behavioural source: {@code B name n+ n- I=expr} (a current from n+ through the source to n-)
 * or {@code B name n+ n- V=expr} (V(n+,n-) = expr, with a branch current); also the
 * {@code E ... value=}/{@code vol=} and {@code G ... value=}/{@code cur=} forms. Newton sees the
 * exact Jacobian of the expression (reverse-mode differentiation).
 */
public final class BehavioralSource implements Element, BranchCurrent, CurrentProbe, TemperatureDependent, Connections,
        org.memspice.spice.element.DifferentiableProbe, org.memspice.spice.element.StateJacobian,
        org.memspice.spice.element.Relocatable {
    private final String name;
    private final int a;
    private final int b;
    private final boolean voltage;
    private BehavioralExpression expression;
    private int branch;
    private int[] refs;
    private int[] slotsA;
    private int[] slotsB;
    private BranchStamp incidence;
    private double held;
    private double tc1;
    private double tc2;
    private double nominal = 27;
    /** The temperature factor 1 + TC1·ΔT + TC2·ΔT² that scales the expression's value. */
    private double factor = 1;
    private double celsius = 27;

    /** Sets TC1 and TC2 (ngspice's temperature coefficients of a B source's value). */
    BehavioralSource withTemperatureCoefficients(double tc1, double tc2) {
        this.tc1 = tc1;
        this.tc2 = tc2;
        return this;
    }

    @Override
    public void temperature(double celsius) {
        this.celsius = celsius;
        double dt = celsius - nominal;
        factor = 1 + tc1 * dt + tc2 * dt * dt;
    }

    /** The current of a current-mode source at its last evaluation (i(name) for a B I= source). */
    @Override
    public double probeCurrent(double[] x) {
        return held;
    }

    public BehavioralSource(String name, int a, int b, boolean voltage, BehavioralExpression expression) {
        this.name = name;
        this.a = a;
        this.b = b;
        this.voltage = voltage;
        this.expression = expression;
    }

    @Override
    public String name() {
        return name;
    }

    /** The constants of the source's expression (to see whether a .param enters it). */
    public double[] expressionConstants() {
        return expression.constants();
    }

    /**
     * The residual's derivative with respect to constant {@code i} of the expression's tape (the
     * reverse sweep's partial) at the solution in {@code ctx}: what a .param folded into the
     * expression moves. A current source's value leaves a; a voltage source's branch row is
     * V(a) − V(b) − value.
     */
    public org.memspice.spice.element.ParameterSensitive constantParameter(int i) {
        return new ConstantParameter(i);
    }

    /** Constant {@code index} of the expression's tape as a parameter (what a .param folded into it moves). */
    private final class ConstantParameter implements org.memspice.spice.element.ParameterSensitive {
        private final int index;

        ConstantParameter(int index) {
            this.index = index;
        }

        BehavioralSource owner() {
            return BehavioralSource.this;
        }

        @Override
        public List<String> sensitivityParameters() {
            return List.of(name + ":constant" + index);
        }

        @Override
        public double parameterValue(int k) {
            return expression.constants()[index];
        }

        @Override
        public void setParameterValue(int k, double value) {
            throw new UnsupportedOperationException("a B-source constant changes by building the netlist again");
        }

        @Override
        public void parameterDerivative(int k, LoadContext ctx, SensitivitySink sink) {
            double f = expression.evaluateWithConstantPartials(ctx) * factor;
            if (!Double.isFinite(f)) {
                return;
            }
            double[] partials = new double[expression.constants().length];
            expression.constantPartials(partials);
            double d = partials[index] * factor;
            if (voltage) {
                sink.residual(branch, -d * ctx.sourceFactor());
            } else {
                sink.residual(a, d);
                sink.residual(b, -d);
            }
            expression.timeDerivativeConstant(ctx, index, sink); // the ddt() arguments' records
        }
    }

    /**
     * The ddt() terms' records (held states, ∂u/∂x at their point) and the rows' dependence on them
     * at the two previous points (the lagged slope); nothing without ddt().
     */
    @Override
    public void stateJacobian(LoadContext ctx, StateSink sink) {
        if (!expression.hasTimeDerivatives()) {
            return;
        }
        if (voltage) {
            expression.timeDerivativeJacobian(ctx, branch, 0, -factor * ctx.sourceFactor(), sink);
        } else {
            expression.timeDerivativeJacobian(ctx, a, b, factor, sink);
        }
    }

    @Override
    public String statesNotDifferentiable() {
        String why = expression.timeDerivativesNotDifferentiable();
        return why == null ? null : name + ": " + why;
    }

    /**
     * A current source's current as a function of the point: its expression at (x, t), times the
     * temperature factor (the printed i(name) is the value of the last load, which Newton's last
     * update moved by less than its tolerance).
     */
    @Override
    public double probeCurrent(double[] x, double t) {
        return expression.evaluateAt(x, t, celsius, 0, null) * factor;
    }

    @Override
    public void probeGradient(double[] x, double t, double w, double[] grad) {
        expression.evaluateAt(x, t, celsius, w * factor, grad);
    }

    /** A tape constant's partial when {@code parameter} is one of this source's constants (a .param in it). */
    @Override
    public double probeParameterDerivative(org.memspice.spice.element.ParameterSensitive parameter, int k, double[] x,
            double t) {
        if (!(parameter instanceof ConstantParameter) || ((ConstantParameter) parameter).owner() != this) {
            return 0;
        }
        expression.evaluateAt(x, t, celsius, 0, null);
        double[] partials = new double[expression.constants().length];
        expression.constantPartials(partials);
        return partials[((ConstantParameter) parameter).index] * factor;
    }

    @Override
    public String probeNotDifferentiable() {
        if (voltage) {
            return "a voltage source's current is its branch unknown";
        }
        return expression.hasTimeDerivatives() ? "its expression takes ddt(), a difference of the values at the"
                + " previous accepted points, not a function of the present point" : null;
    }

    @Override
    public boolean isLinear() {
        return !expression.dependsOnUnknowns() && !expression.hasTimeDerivatives();
    }

    @Override
    public boolean hasBranchCurrent() {
        return voltage;
    }

    @Override
    public int branchUnknown() {
        if (!voltage) {
            throw new IllegalArgumentException(name + " is a current source and has no branch current");
        }
        return branch;
    }

    @Override
    public void allocate(SetupContext ctx) {
        if (voltage) {
            branch = ctx.addUnknown(name + "#branch", SetupContext.UnknownKind.CURRENT);
        }
        expression.allocate(ctx);
    }

    @Override
    public void setup(SetupContext ctx) {
        refs = expression.resolve(ctx, name);
        slotsA = new int[refs.length];
        slotsB = new int[refs.length];
        for (int i = 0; i < refs.length; i++) {
            if (refs[i] < 0) {
                continue;
            }
            if (voltage) {
                slotsA[i] = ctx.slot(branch, refs[i]);
            } else {
                slotsA[i] = ctx.slot(a, refs[i]);
                slotsB[i] = ctx.slot(b, refs[i]);
            }
        }
        if (voltage) {
            incidence = new BranchStamp(ctx, a, b, branch);
        }
        nominal = ctx.options().tnom;
        temperature(ctx.options().temp);
    }

    /**
     * A V= source fixes V(a) − V(b); an I= source whose value depends on the circuit is taken as a
     * path (it may be a behavioural resistor), one that depends only on time as a current source.
     */
    @Override
    public void connections(Sink sink) {
        if (voltage) {
            sink.voltage(a, b);
        } else if (expression.dependsOnUnknowns()) {
            sink.conductive(a, b);
        } else {
            sink.current(a, b);
        }
    }

    @Override
    public int relocationPasses() {
        return BehavioralExpression.RELOCATION_PASSES;
    }

    @Override
    public void relocate(int pass) {
        expression = expression.relocate(pass);
        if (pass == 0) {
            refs = refs.clone();
            slotsA = slotsA.clone();
            slotsB = slotsB.clone();
        }
    }

    @Override
    public void load(LoadContext ctx) {
        double f = expression.evaluate(ctx) * factor;
        if (!Double.isFinite(f)) {
            // singular at this estimate (ln(0), x/0 at the all-zero start): hold the last finite value
            // with no derivative for this iteration, so that Newton can move the inputs away
            ctx.nonConvergence(expression.describeNonFinite(f));
            holdValue(ctx, held);
            return;
        }
        held = f;
        double rest = f;
        if (voltage) {
            // V(a) - V(b) - f(x) = 0, linearized: V(a) - V(b) - sum g x = f0 - sum g x0
            incidence.incidence(ctx);
            for (int i = 0; i < refs.length; i++) {
                double g = expression.partial(i) * factor;
                if (refs[i] >= 0 && g != 0) {
                    ctx.add(slotsA[i], -g);
                    rest -= g * expression.input(i);
                }
            }
            ctx.addRhs(branch, rest * ctx.sourceFactor());
            return;
        }
        // current f(x) leaves node a and enters node b
        for (int i = 0; i < refs.length; i++) {
            double g = expression.partial(i) * factor;
            if (refs[i] >= 0 && g != 0) {
                ctx.add(slotsA[i], g);
                ctx.add(slotsB[i], -g);
                rest -= g * expression.input(i);
            }
        }
        ctx.addRhs(a, -rest);
        ctx.addRhs(b, rest);
    }

    /** Stamps the source as a constant {@code f} (no dependence on the unknowns). */
    private void holdValue(LoadContext ctx, double f) {
        if (voltage) {
            incidence.incidence(ctx);
            ctx.addRhs(branch, f * ctx.sourceFactor());
        } else {
            ctx.addRhs(a, -f);
            ctx.addRhs(b, f);
        }
    }

    /** Trailing {@code tc1=}/{@code tc2=} after a B source's expression. */
    private static final java.util.regex.Pattern TRAILING = java.util.regex.Pattern.compile(
            "(?i)^(.*\\S)\\s+(tc1|tc2)\\s*=\\s*([^\\s=]+)\\s*$");

    /** Reads {@code V=expr} or {@code I=expr} (B) after the two nodes, with trailing tc1=/tc2=. */
    static BehavioralSource read(ElementCard card, int a, int b, boolean voltage, Token equals) {
        Token expr = card.expressionAfter(equals);
        String text = expr.text();
        java.util.Map<String, Double> tc = new java.util.HashMap<>();
        java.util.regex.Matcher m = TRAILING.matcher(text);
        while (m.matches()) {
            String key = m.group(2).toLowerCase(java.util.Locale.ROOT);
            Token value = new Token(Token.Kind.WORD, m.group(3), expr.column() + m.start(3));
            tc.put(key, card.valueOf(value, key));
            text = m.group(1);
            m = TRAILING.matcher(text);
        }
        if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
            text = text.substring(1, text.length() - 1);
            expr = new Token(Token.Kind.EXPRESSION, text, expr.column() + 1);
        } else {
            expr = new Token(Token.Kind.EXPRESSION, text, expr.column());
        }
        BehavioralExpression e = BehavioralExpression.parse(card, expr);
        return new BehavioralSource(card.name(), a, b, voltage, e).withTemperatureCoefficients(tc.getOrDefault("tc1", 0.0),
                tc.getOrDefault("tc2", 0.0));
    }

    /** Builds B lines. */
    public static final class Factory implements ElementFactory {
        @Override
        public List<String> prefixes() {
            return List.of("B");
        }

        @Override
        public Element create(ElementCard card) {
            int a = card.node("positive");
            int b = card.node("negative");
            Token kind = card.next("V=expression or I=expression");
            boolean v = kind.isWord("v");
            if (!(v || kind.isWord("i")) || card.peek() == null || !card.peek().is(Token.Kind.EQUALS)) {
                throw card.error(kind, "expected V=expression or I=expression, found '" + kind + "'");
            }
            return read(card, a, b, v, card.next("="));
        }
    }
}
