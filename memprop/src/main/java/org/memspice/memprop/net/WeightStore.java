package org.memspice.memprop.net;

/**
 * Where a synapse layer's weights really live, and how an optimizer's wanted change reaches
 * them: {@link IdealWeights} adds it (SPICEprop's signed weights, as a crossbar would hold them
 * exactly); {@link DevicePairs} programs memristor pairs with pulses and reads back what they hold
 * (MEMprop).
 */
public interface WeightStore {
    /** Applies the wanted changes dW, dB of the layer's weights and biases; update counts updates from 0. */
    void apply(double[] dW, double[] dB, long update);
}
