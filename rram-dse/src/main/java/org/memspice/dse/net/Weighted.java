package org.memspice.dse.net;

import org.memspice.memprop.net.Shape;

/**
 * A layer whose weights a crossbar holds: at each of its {@link #positions} it computes
 * y = W·x + b from an input vector x of {@link #inputs} values gathered from the layer's input
 * ({@link #gather}: the whole input for a dense layer, one receptive field, channel-major
 * (c, ky, kx), for a convolution) into {@link #outputs} values. W is stored whole, N×K row-major,
 * with zeros outside the layer's groups: output o only sees the inputs of its group
 * ({@link #groupInputs} consecutive ones), which is the sparse connectivity of grouped and
 * depthwise convolutions.
 */
public sealed interface Weighted extends Layer permits Dense, Conv {
    Shape in();

    Shape out();

    /** K: values of one input vector (one receptive field). */
    int inputs();

    /** N: outputs per position (neurons or output channels). */
    int outputs();

    int groups();

    default int groupInputs() {
        return inputs() / groups();
    }

    default int groupOutputs() {
        return outputs() / groups();
    }

    /** W, N×K row-major, zero outside the groups. */
    double[] weights();

    /** b, N. */
    double[] bias();

    /** Positions at which the layer is applied (1 for dense layers). */
    int positions();

    /** Fills x (K) with the input vector at {@code position} of the activation {@code input}. */
    void gather(double[] input, int position, double[] x);

    /** Adds dx (K), a gradient on the input vector at {@code position}, into dInput. */
    void scatterGradient(double[] dx, int position, double[] dInput);

    /** Writes y (N) as the outputs at {@code position} into the activation {@code output}. */
    default void scatter(double[] y, int position, double[] output) {
        int p = positions();
        for (int o = 0; o < y.length; o++) {
            output[o * p + position] = y[o];
        }
    }

    /** y (N) from the activation {@code output} at {@code position}. */
    default void collect(double[] output, int position, double[] y) {
        int p = positions();
        for (int o = 0; o < y.length; o++) {
            y[o] = output[o * p + position];
        }
    }

    /** y = W·x + b over each output's group only. */
    default void multiply(double[] x, double[] y) {
        double[] w = weights();
        double[] b = bias();
        int k = inputs();
        int kg = groupInputs();
        int ng = groupOutputs();
        for (int o = 0; o < y.length; o++) {
            int first = (o / ng) * kg;
            int row = o * k;
            double s = b[o];
            for (int i = first; i < first + kg; i++) {
                s += w[row + i] * x[i];
            }
            y[o] = s;
        }
    }

    /** True when input i reaches output o (same group). */
    default boolean connected(int o, int i) {
        return o / groupOutputs() == i / groupInputs();
    }
}
