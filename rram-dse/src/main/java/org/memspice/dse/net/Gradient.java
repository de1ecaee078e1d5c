package org.memspice.dse.net;

import java.util.List;

/** Gradients of every weighted layer's weights and biases (sums over samples). */
final class Gradient {
    final double[][] w;
    final double[][] b;

    Gradient(List<Weighted> layers) {
        w = new double[layers.size()][];
        b = new double[layers.size()][];
        for (int k = 0; k < layers.size(); k++) {
            w[k] = new double[layers.get(k).weights().length];
            b[k] = new double[layers.get(k).bias().length];
        }
    }

    void clear() {
        for (int k = 0; k < w.length; k++) {
            java.util.Arrays.fill(w[k], 0);
            java.util.Arrays.fill(b[k], 0);
        }
    }

    void add(Gradient g) {
        for (int k = 0; k < w.length; k++) {
            for (int i = 0; i < w[k].length; i++) {
                w[k][i] += g.w[k][i];
            }
            for (int i = 0; i < b[k].length; i++) {
                b[k][i] += g.b[k][i];
            }
        }
    }
}
