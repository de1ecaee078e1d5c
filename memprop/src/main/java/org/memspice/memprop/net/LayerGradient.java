package org.memspice.memprop.net;

import org.ejml.data.DMatrixRMaj;

/**
 * Accumulated gradients of one synapse layer's weights and biases, laid out as the layer's own
 * arrays; {@code wMatrix} views {@code w} as an outputs x inputs matrix for EJML.
 */
public final class LayerGradient {
    public final double[] w;
    public final double[] b;
    final DMatrixRMaj wMatrix;

    LayerGradient(int outputs, int inputs, int weights, int biases) {
        this.w = new double[weights];
        this.b = new double[biases];
        this.wMatrix = outputs * inputs == weights ? DMatrixRMaj.wrap(outputs, inputs, w) : null;
    }

    /** A zeroed accumulator of the same shape. */
    public LayerGradient emptyLike() {
        LayerGradient g = new LayerGradient(0, 0, w.length, b.length);
        return wMatrix == null ? g : new LayerGradient(wMatrix.numRows, wMatrix.numCols, w.length, b.length);
    }

    /** this *= factor. */
    public void scale(double factor) {
        for (int k = 0; k < w.length; k++) {
            w[k] *= factor;
        }
        for (int k = 0; k < b.length; k++) {
            b[k] *= factor;
        }
    }

    public void clear() {
        java.util.Arrays.fill(w, 0);
        java.util.Arrays.fill(b, 0);
    }

    /** this += other. */
    public void add(LayerGradient other) {
        for (int k = 0; k < w.length; k++) {
            w[k] += other.w[k];
        }
        for (int k = 0; k < b.length; k++) {
            b[k] += other.b[k];
        }
    }
}
