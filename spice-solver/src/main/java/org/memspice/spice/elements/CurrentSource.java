package org.memspice.spice.elements;

import java.util.List;
import org.memspice.spice.element.Connections;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.ElementFactory;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.ParameterSensitive.SensitivitySink;
import org.memspice.spice.element.SetupContext;
import org.memspice.spice.elements.waveform.Waveform;
import org.memspice.spice.elements.waveform.WaveformParser;

/** Independent current source {@code I name n+ n- ...}: the current flows from n+ through the source to n-. */
public final class CurrentSource extends IndependentSourceElement implements Connections {
    public CurrentSource(String name, int a, int b, Waveform waveform) {
        super(name, a, b, waveform);
    }

    @Override
    public boolean isCurrentSource() {
        return true;
    }

    @Override
    public void setup(SetupContext ctx) {
    }

    /** A current source carries a given current: no path that fixes a node's voltage. */
    @Override
    public void connections(Sink sink) {
        sink.current(a, b);
    }

    @Override
    public void load(LoadContext ctx) {
        double i = present(ctx);
        ctx.addRhs(a, -i);
        ctx.addRhs(b, i);
    }

    /** The current leaves a through the source to b: ∂F/∂dc = +slope at a, −slope at b. */
    @Override
    public void parameterDerivative(int k, LoadContext ctx, SensitivitySink sink) {
        double d = dcSlope(ctx);
        sink.residual(a, d);
        sink.residual(b, -d);
    }

    /** Builds I lines. */
    public static final class Factory implements ElementFactory {
        @Override
        public List<String> prefixes() {
            return List.of("I");
        }

        @Override
        public Element create(ElementCard card) {
            int a = card.node("positive");
            int b = card.node("negative");
            return new CurrentSource(card.name(), a, b, WaveformParser.parse(card));
        }
    }
}
