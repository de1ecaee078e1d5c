package org.memspice.spice.elements;

import java.util.List;
import java.util.Map;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.ElementFactory;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.SetupContext;

/**
 * Linear resistor: {@code R name n+ n- value [tc1=] [tc2=] [m=]} (or {@code r=value}); at a
 * circuit temperature T the resistance is R·(1 + tc1·(T − Tnom) + tc2·(T − Tnom)²).
 */
public final class Resistor implements Element, org.memspice.spice.element.CurrentProbe {
    private final String name;
    private final int a;
    private final int b;
    private final double resistance;
    private final double tc1;
    private final double tc2;
    private double conductance;
    private ConductanceStamp stamp;

    public Resistor(String name, int a, int b, double resistance) {
        this(name, a, b, resistance, 0, 0);
    }

    public Resistor(String name, int a, int b, double resistance, double tc1, double tc2) {
        this.name = name;
        this.a = a;
        this.b = b;
        this.resistance = resistance;
        this.tc1 = tc1;
        this.tc2 = tc2;
        this.conductance = 1 / resistance;
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
        stamp = new ConductanceStamp(ctx, a, b);
        double dt = ctx.options().temp - ctx.options().tnom;
        double r = resistance * (1 + tc1 * dt + tc2 * dt * dt);
        if (r == 0 || !Double.isFinite(r)) {
            throw new IllegalArgumentException("resistance at " + ctx.options().temp + " C is " + r);
        }
        conductance = 1 / r;
    }

    @Override
    public void load(LoadContext ctx) {
        stamp.conductance(ctx, conductance);
    }

    @Override
    public double probeCurrent(double[] x) {
        return conductance * (x[a] - x[b]);
    }

    public double conductance() {
        return conductance;
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
            double r;
            boolean bareWord = card.peek() != null && card.peek().is(org.memspice.spice.netlist.Token.Kind.WORD)
                    && (card.peek(1) == null || !card.peek(1).is(org.memspice.spice.netlist.Token.Kind.EQUALS));
            if (card.nextIsValue() || bareWord) {
                r = card.value("resistance");
            } else {
                Map<String, Double> kv = card.namedValues();
                Double given = kv.containsKey("r") ? kv.get("r") : kv.get("resistance");
                if (given == null) {
                    throw card.error("expected a resistance value");
                }
                r = given;
            }
            Map<String, Double> rest = card.namedValues();
            for (String k : rest.keySet()) {
                if (!k.equals("m") && !k.equals("tc1") && !k.equals("tc2")) {
                    throw card.error("unknown resistor parameter '" + k + "' (known: m tc1 tc2)");
                }
            }
            if (rest.containsKey("m")) {
                r /= rest.get("m");
            }
            if (r == 0 || !Double.isFinite(r)) {
                throw card.error("resistance must be finite and non-zero, got " + r);
            }
            return new Resistor(card.name(), a, b, r, rest.getOrDefault("tc1", 0.0), rest.getOrDefault("tc2", 0.0));
        }
    }
}
