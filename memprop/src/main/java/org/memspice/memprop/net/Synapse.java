package org.memspice.memprop.net;

import org.ejml.data.DMatrixRMaj;

/**
 * One layer of synapses: the column currents c = W·r + b into a layer of neurons from the read
 * signals r = φ(V) of the rows (one row per presynaptic neuron or pixel), for a batch of samples
 * (matrix rows are samples). W holds conductances (S), b currents (A). The weights live in plain
 * arrays owned by the layer ({@link #weights()}, {@link #bias()}), which a {@link WeightStore}
 * updates.
 */
public interface Synapse {
    Shape inShape();

    Shape outShape();

    /** Inputs that reach one output neuron (for initialization). */
    int fanIn();

    double[] weights();

    double[] bias();

    /** out = W·read + b for every sample (row) of read. */
    void forward(DMatrixRMaj read, DMatrixRMaj out);

    /** A zeroed gradient accumulator shaped like this layer's weights and biases. */
    LayerGradient newGradient();

    /**
     * Accumulates g.w += Σ_samples gOut ⊗ read and g.b += Σ_samples gOut; writes gRead = Wᵀ·gOut
     * per sample when gRead is not null.
     */
    void backward(DMatrixRMaj read, DMatrixRMaj gOut, DMatrixRMaj gRead, LayerGradient g);

    /** Writes the bias currents of the layer's neurons (one per output neuron) into out[offset ..]. */
    void biasCurrents(double[] out, int offset);

    /** Adds the gradient of the biases from dLoss/d(current) of one sample's neurons at gOut[offset ..]. */
    void biasGradient(double[] gOut, int offset, double[] gBias);

    /** A connection from input (row) i to output neuron o through weight w[weightIndex]. */
    interface Connection {
        void accept(int output, int input, int weightIndex);
    }

    /** Every connection, output by output (a convolution's shared weights appear at every position). */
    void forEachConnection(Connection c);

    /** Number of connections {@link #forEachConnection} visits. */
    long connectionCount();

    /** The bias index of output neuron o (its own for dense layers, its channel's for convolutions). */
    int biasIndex(int output);

    /** Adds scale·W[:, input] (the currents one row contributes per unit of read signal) into out[offset ..]. */
    void scatterInput(int input, double scale, double[] out, int offset);

    /** Adds scale·lambda[offset + o] to gW[o, input] for every output o the row reaches. */
    void gatherGradient(int input, double scale, double[] lambda, int offset, double[] gW);
}
