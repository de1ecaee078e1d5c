package org.memspice.dse.net;

import org.memspice.memprop.net.Shape;

/** max(0, x), element by element. */
public record Relu() implements Layer {
    @Override
    public Shape output(Shape in) {
        return in;
    }

    @Override
    public String describe() {
        return "relu";
    }
}
