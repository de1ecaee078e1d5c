package org.memspice.dse.net;

import org.memspice.memprop.net.Shape;

/**
 * One layer of a plain (non-spiking) network: a weighted layer ({@link Dense}, {@link Conv},
 * whose weights a crossbar holds) or a fixed function ({@link Relu}, {@link GlobalAvgPool}).
 * Activations are channel-major (c, y, x) flat arrays.
 */
public sealed interface Layer permits Weighted, Relu, GlobalAvgPool {
    /** The output shape for an input of shape {@code in}. */
    Shape output(Shape in);

    /** The line of the network file that declares this layer, without its file names. */
    String describe();
}
