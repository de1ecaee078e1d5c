package org.memspice.spice.elements;

import java.util.List;
import java.util.function.DoubleConsumer;
import org.memspice.spice.element.BreakpointSource;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ElementCard;
import org.memspice.spice.element.ElementFactory;
import org.memspice.spice.element.IndependentSource;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.SetupContext;
import org.memspice.spice.elements.waveform.Waveform;
import org.memspice.spice.elements.waveform.WaveformParser;

/** Independent current source {@code I name n+ n- ...}: the current flows from n+ through the source to n-. */
public final class CurrentSource implements IndependentSource, Element, BreakpointSource {
    private final String name;
    private final int a;
    private final int b;
    private final Waveform waveform;
    private double sweepValue = Double.NaN;

    public CurrentSource(String name, int a, int b, Waveform waveform) {
        this.name = name;
        this.a = a;
        this.b = b;
        this.waveform = waveform;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void setup(SetupContext ctx) {
    }

    @Override
    public void load(LoadContext ctx) {
        double i = VoltageSource.present(waveform, sweepValue, ctx);
        ctx.addRhs(a, -i);
        ctx.addRhs(b, i);
    }

    @Override
    public void breakpoints(double tstep, double tstop, DoubleConsumer sink) {
        waveform.prepare(tstep, tstop, sink);
    }

    @Override
    public void setSweepValue(double value) {
        sweepValue = value;
    }

    @Override
    public boolean isCurrentSource() {
        return true;
    }

    public Waveform waveform() {
        return waveform;
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
