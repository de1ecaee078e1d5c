package org.memspice.memprop.net;

/** Signed weights held exactly: an update adds the wanted change. */
public final class IdealWeights implements WeightStore {
    private final Synapse synapse;

    public IdealWeights(Synapse synapse) {
        this.synapse = synapse;
    }

    @Override
    public void apply(double[] dW, double[] dB, long update) {
        double[] w = synapse.weights();
        double[] b = synapse.bias();
        for (int k = 0; k < w.length; k++) {
            w[k] += dW[k];
        }
        for (int k = 0; k < b.length; k++) {
            b[k] += dB[k];
        }
    }
}
