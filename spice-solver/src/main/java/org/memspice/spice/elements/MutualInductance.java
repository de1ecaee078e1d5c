package org.memspice.spice.elements;

import java.util.List;
import org.memspice.spice.element.Connections;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.ElementFactory;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.SetupContext;

/** Mutual inductance {@code K name L1 L2 k}: M = k·sqrt(L1·L2), added to both inductors' flux. */
public final class MutualInductance implements Element, Connections {
    private final String name;
    private final String first;
    private final String second;
    private final double coupling;

    public MutualInductance(String name, String first, String second, double coupling) {
        this.name = name;
        this.first = first;
        this.second = second;
        this.coupling = coupling;
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
        Inductor l1 = inductor(ctx, first);
        Inductor l2 = inductor(ctx, second);
        double m = coupling * Math.sqrt(l1.inductance() * l2.inductance());
        l1.couple(ctx, l2, m);
        l2.couple(ctx, l1, m);
    }

    private Inductor inductor(SetupContext ctx, String n) {
        Element e = ctx.element(n);
        if (!(e instanceof Inductor)) {
            throw new IllegalArgumentException(name + ": " + n + " is not an inductor");
        }
        return (Inductor) e;
    }

    /** Coupling adds flux between two inductors' branches, no connection between nodes. */
    @Override
    public void connections(Sink sink) {
    }

    @Override
    public void load(LoadContext ctx) {
        // the coupled inductors stamp the mutual terms
    }

    /** Builds K lines. */
    public static final class Factory implements ElementFactory {
        @Override
        public List<String> prefixes() {
            return List.of("K");
        }

        @Override
        public Element create(ElementCard card) {
            String l1 = card.scope().elementName(card.word("first inductor"));
            String l2 = card.scope().elementName(card.word("second inductor"));
            double k = card.value("coupling coefficient");
            card.end();
            if (!(Math.abs(k) <= 1)) {
                throw card.error("coupling coefficient must lie in [-1, 1], got " + k);
            }
            return new MutualInductance(card.name(), l1, l2, k);
        }
    }
}
