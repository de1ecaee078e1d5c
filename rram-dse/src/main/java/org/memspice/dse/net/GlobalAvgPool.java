package org.memspice.dse.net;

import org.memspice.memprop.net.Shape;

/** The mean of each channel over its positions: (c, h, w) to (c, 1, 1). */
public record GlobalAvgPool() implements Layer {
    @Override
    public Shape output(Shape in) {
        return new Shape(in.channels(), 1, 1);
    }

    @Override
    public String describe() {
        return "gap";
    }
}
