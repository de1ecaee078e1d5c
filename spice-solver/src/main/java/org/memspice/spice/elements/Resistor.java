package org.memspice.spice.elements;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.memspice.spice.circuit.ModelCard;
import org.memspice.spice.element.CurrentProbe;
import org.memspice.spice.element.Connections;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.ElementFactory;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.ParameterSensitive.SensitivitySink;
import org.memspice.spice.element.SetupContext;
import org.memspice.spice.element.TemperatureDependent;
import org.memspice.spice.netlist.Token;

/**
 * Resistor {@code R name n+ n- [value] [model] [r=] [l=] [w=] [m=] [scale=] [tc1=] [tc2=] [tce=]
 * [temp=] [dtemp=] [ac=]}, as ngspice's: the value, else RSH·(L − 2·SHORT)/(W − 2·NARROW) from the
 * model (W and L default to its DEFW and DEFL, 10 µm), else the model's R; conductance
 * M/(R·factor·SCALE) with factor 1 + TC1·ΔT + TC2·ΔT², or 1.01^(TCE·ΔT) when TCE is given (instance
 * values override the model's), ΔT from the model's TNOM to the instance temperature. A value
 * that depends on the circuit ({@code r={V(x)}}) makes a behavioural resistor: a B current source
 * V(n+,n−)/R(x). AC= is the small-signal resistance of an AC analysis, which memspice does not do.
 */
public final class Resistor implements Element, CurrentProbe, TemperatureDependent, Connections,
        org.memspice.spice.element.ParameterSensitive, org.memspice.spice.element.DifferentiableProbe {
    static final Set<String> INSTANCE = Set.of("r", "resistance", "ac", "m", "scale", "l", "w", "tc1", "tc2", "tce",
            "temp", "dtemp", "noisy");
    static final Set<String> MODEL = Set.of("r", "res", "resistance", "rsh", "narrow", "short", "dw", "dlr", "tc1",
            "tc2", "tce", "defw", "defl", "tnom", "kf", "af", "lf", "wf", "ef", "bv_max", "l", "w");

    private final String name;
    private final int a;
    private final int b;
    private double resistance;
    private final double multiplier;
    /** The inputs of the temperature law: one shared object for the many resistors that give none. */
    private final TemperatureLaw law;
    private double conductance;
    /** The matrix slots (a,a), (a,b), (b,a), (b,b), reserved in {@link #setup}. */
    private int aa;
    private int ab;
    private int ba;
    private int bb;

    public Resistor(String name, int a, int b, double resistance) {
        this(name, a, b, resistance, 1, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    /**
     * @param multiplier M/SCALE
     * @param tce NaN for the polynomial temperature law
     * @param tnom the model's TNOM in degrees C, NaN for the circuit's
     * @param temp the instance temperature in degrees C, NaN for the circuit's (plus dtemp)
     */
    public Resistor(String name, int a, int b, double resistance, double multiplier, double tc1, double tc2,
            double tce, double tnom, double temp, double dtemp) {
        this.name = name;
        this.a = a;
        this.b = b;
        this.resistance = resistance;
        this.multiplier = multiplier;
        this.law = TemperatureLaw.of(tc1, tc2, tce, tnom, temp, dtemp);
        this.conductance = multiplier / resistance;
    }

    /**
     * TC1, TC2, TCE, TNOM, TEMP and DTEMP as the constructor takes them. A crossbar has a hundred
     * thousand resistors that give none of them: they share {@link #NONE} (48 bytes less each).
     */
    private record TemperatureLaw(double tc1, double tc2, double tce, double tnom, double temp, double dtemp) {
        static final TemperatureLaw NONE = new TemperatureLaw(0, 0, Double.NaN, Double.NaN, Double.NaN, 0);

        static TemperatureLaw of(double tc1, double tc2, double tce, double tnom, double temp, double dtemp) {
            // Double.compare: NaN is NONE's NaN, and -0.0 is not 0 (NONE stands only for the very same values)
            boolean none = Double.compare(tc1, 0) == 0 && Double.compare(tc2, 0) == 0 && Double.isNaN(tce)
                    && Double.isNaN(tnom) && Double.isNaN(temp) && Double.compare(dtemp, 0) == 0;
            return none ? NONE : new TemperatureLaw(tc1, tc2, tce, tnom, temp, dtemp);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean hasConstantStamps() {
        return true;
    }

    @Override
    public void setup(SetupContext ctx) {
        aa = ctx.slot(a, a);
        ab = ctx.slot(a, b);
        ba = ctx.slot(b, a);
        bb = ctx.slot(b, b);
        nominal = Double.isNaN(law.tnom) ? ctx.options().tnom : law.tnom;
        temperature(ctx.options().temp);
    }

    private double nominal = 27;
    private double celsius = 27;

    @Override
    public void temperature(double celsius) {
        this.celsius = celsius;
        double dt = (Double.isNaN(law.temp) ? celsius + law.dtemp : law.temp) - nominal;
        double factor = Double.isNaN(law.tce) ? 1 + law.tc1 * dt + law.tc2 * dt * dt : Math.pow(1.01, law.tce * dt);
        double g = multiplier / (resistance * factor);
        if (!Double.isFinite(g) || Double.isInfinite(resistance) && g != 0) {
            throw new IllegalArgumentException(name + ": resistance at " + celsius + " C is " + resistance * factor
                    + " ohm");
        }
        conductance = g;
    }

    @Override
    public void connections(Sink sink) {
        if (conductance != 0) {
            sink.conductive(a, b);
        }
    }

    @Override
    public void load(LoadContext ctx) {
        ConductanceStamp.conductance(ctx, aa, ab, ba, bb, conductance);
    }

    @Override
    public double probeCurrent(double[] x) {
        return conductance * (x[a] - x[b]);
    }

    @Override
    public double probeCurrent(double[] x, double t) {
        return probeCurrent(x);
    }

    /** ∂i/∂V(a) = G, ∂i/∂V(b) = −G. */
    @Override
    public void probeGradient(double[] x, double t, double w, double[] grad) {
        grad[a] += w * conductance;
        grad[b] -= w * conductance;
    }

    /** ∂i/∂R = −i/R (G = M/(R·factor)). */
    @Override
    public double probeParameterDerivative(org.memspice.spice.element.ParameterSensitive parameter, int k, double[] x,
            double t) {
        return parameter == this ? -probeCurrent(x) / resistance : 0;
    }

    public double conductance() {
        return conductance;
    }

    /** The + and − terminals' unknowns (the probe current flows from the first to the second). */
    public int[] terminals() {
        return new int[] {a, b};
    }

    @Override
    public List<String> sensitivityParameters() {
        return List.of("r");
    }

    @Override
    public double parameterValue(int k) {
        return resistance;
    }

    @Override
    public void setParameterValue(int k, double value) {
        if (value == 0 || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + ": resistance must be finite and non-zero, got " + value);
        }
        resistance = value;
        temperature(celsius);
    }

    /** G = M/(R·factor): ∂F/∂R = −(G/R)·(V(a) − V(b)) at a, the opposite at b. */
    @Override
    public void parameterDerivative(int k, LoadContext ctx, SensitivitySink sink) {
        double di = -conductance / resistance * (ctx.v(a) - ctx.v(b));
        sink.residual(a, di);
        sink.residual(b, -di);
    }

    /** Builds R lines. */
    public static final class Factory implements ElementFactory {
        @Override
        public List<String> prefixes() {
            return List.of("R");
        }

        @Override
        public Element create(ElementCard card) {
            int a = card.node("first");
            int b = card.node("second");
            Token valueToken = null;
            double number = Double.NaN; // the value when it is a plain number (then valueToken stays null)
            ModelCard model = null;
            // most lines give no key=value: their map stays the shared empty one (no allocation per line)
            Map<String, Double> kv = Map.of();
            while (card.hasNext()) {
                // "R1 a b 1k", the common line: the number is read in place, without a token object
                // (unless it names a model, which would take precedence below)
                if (valueToken == null && Double.isNaN(number) && (model != null || card.peekModel() == null)) {
                    number = card.nextNumber();
                    if (!Double.isNaN(number)) {
                        continue;
                    }
                }
                Token t = card.next("value, model or key=value");
                boolean assignment = card.peek() != null && card.peek().is(Token.Kind.EQUALS);
                if (assignment) {
                    String k = t.text().toLowerCase(Locale.ROOT);
                    card.next("=");
                    if (!t.is(Token.Kind.WORD) || !INSTANCE.contains(k)) {
                        throw card.error(t, "unknown resistor parameter '" + t.text() + "' (known: "
                                + String.join(" ", new java.util.TreeSet<>(INSTANCE)) + ")");
                    }
                    if (k.equals("r") || k.equals("resistance")) {
                        valueToken = card.next("resistance");
                    } else {
                        if (kv.isEmpty()) {
                            kv = new java.util.LinkedHashMap<>();
                        }
                        kv.put(k, card.value(k));
                    }
                } else if (t.is(Token.Kind.WORD) && model == null && card.scope().model(t.text().toLowerCase(Locale.ROOT))
                        != null) {
                    model = card.scope().model(t.text().toLowerCase(Locale.ROOT));
                    if (!model.type().equals("r") && !model.type().equals("res")) {
                        throw card.error(t, "model '" + t.text() + "' is of type " + model.type()
                                + ", a resistor takes a model of type R");
                    }
                } else if (valueToken == null && Double.isNaN(number)
                        && (t.is(Token.Kind.WORD) || t.is(Token.Kind.EXPRESSION))) {
                    valueToken = t;
                } else {
                    throw card.error(t, "unexpected '" + t + "' (a resistor takes one value and one model)");
                }
            }
            if (valueToken != null && valueToken.is(Token.Kind.EXPRESSION)) {
                BehavioralExpression behavioural = BehavioralExpression.resistance(card, valueToken);
                if (behavioural != null) {
                    if (model != null || !kv.isEmpty() && !Set.of("ac").containsAll(kv.keySet())) {
                        throw card.error(valueToken, "a resistance that depends on the circuit takes no model and no"
                                + " parameters other than ac=");
                    }
                    return new BehavioralSource(card.name(), a, b, false, behavioural);
                }
            }
            if (model != null) {
                model.checkKnown(MODEL);
            }
            double r = valueToken == null && !Double.isNaN(number) ? number : resistance(card, valueToken, model, kv);
            double m = get(kv, "m", 1);
            double scale = get(kv, "scale", 1);
            if (!(m > 0) || !(scale > 0)) {
                throw card.error("m and scale must be positive");
            }
            if (r == 0) {
                throw card.error("resistance must be non-zero");
            }
            double tc1 = get(kv, "tc1", model == null ? 0 : model.get("tc1", 0));
            double tc2 = get(kv, "tc2", model == null ? 0 : model.get("tc2", 0));
            double tce = get(kv, "tce", model == null ? Double.NaN : model.get("tce", Double.NaN));
            double tnom = model == null ? Double.NaN : model.get("tnom", Double.NaN);
            double temp = get(kv, "temp", Double.NaN);
            double dtemp = get(kv, "dtemp", 0);
            if (!Double.isNaN(temp) && !(temp > -273.15)) {
                throw card.error("temp= must be above absolute zero, got " + temp);
            }
            return new Resistor(card.name(), a, b, r, m / scale, tc1, tc2, tce, tnom, temp, dtemp);
        }

        /**
         * {@code kv}'s value of {@code key}, else {@code otherwise}: without boxing the default, and
         * without a map look-up for the usual line that gives no key=value.
         */
        private static double get(Map<String, Double> kv, String key, double otherwise) {
            if (kv.isEmpty()) {
                return otherwise;
            }
            Double v = kv.get(key);
            return v == null ? otherwise : v;
        }

        /** The value, else the model's geometry or R (ngspice's order); +inf for a zero effective width. */
        private static double resistance(ElementCard card, Token valueToken, ModelCard model, Map<String, Double> kv) {
            if (valueToken != null) {
                return card.valueOf(valueToken, "resistance");
            }
            if (model != null) {
                double rsh = model.get("rsh", 0);
                double w = kv.getOrDefault("w", model.get("w", model.get("defw", 10e-6)));
                double l = kv.getOrDefault("l", model.get("l", model.get("defl", 10e-6)));
                if (l * w * rsh > 0) {
                    double width = w - 2 * model.get("narrow", model.get("dw", 0));
                    double length = l - 2 * model.get("short", model.get("dlr", 0));
                    if (width < 0 || length < 0) {
                        throw card.error("effective width W - 2*NARROW (" + width + ") and length L - 2*SHORT ("
                                + length + ") must not be negative");
                    }
                    return width == 0 ? Double.POSITIVE_INFINITY : length / width * rsh;
                }
                for (String k : List.of("r", "res", "resistance")) {
                    if (model.has(k)) {
                        return model.get(k, 0);
                    }
                }
            }
            throw card.error("no resistance: give a value, r=, or a model with R or RSH");
        }
    }
}
