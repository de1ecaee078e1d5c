package org.memspice.dse.net;

/**
 * How training accumulates a weighted layer's weight gradient, the outer product δ·xᵀ of the
 * back-propagated error δ (N, one per output) and the layer's input vector x (K), over each
 * output's group. {@link ReferenceTrainer} multiplies exactly in floating point when it is given
 * none; another arithmetic (stochastic bit streams, {@code dse.stochastic}) plugs in here while the
 * forward and backward passes stay in floating point. One instance per worker thread.
 */
public interface OuterProduct {
    /**
     * Called before each training sample with the epoch (from 1) and the sample's place in that
     * epoch's order: a key that does not depend on which thread runs the sample.
     */
    void sample(int epoch, int index);

    /**
     * Adds δ·xᵀ of weighted layer {@code layer} (0-based among the weighted layers) at one
     * position into {@code gw} (N×K row-major; entries outside an output's group untouched).
     */
    void accumulate(int layer, Weighted w, double[] delta, double[] x, double[] gw);
}
