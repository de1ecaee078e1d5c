package org.memspice.memprop.train;

import org.memspice.memprop.net.LayerGradient;

/**
 * Turns a mean gradient into the change each weight should make: Adam (Kingma and Ba, with bias
 * correction) or SGD with momentum. Works on the layers' arrays in place, without allocating; its
 * state (moments, step count) is saved in checkpoints so that a resumed run continues exactly.
 */
public final class Optimizer {
    public enum Kind {
        ADAM, SGD;

        public String option() {
            return org.memspice.memprop.Choices.word(this);
        }

        public static Kind parse(String s) {
            return org.memspice.memprop.Choices.parse(Kind.class, s, "optimizer");
        }
    }

    private final Kind kind;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double momentum;
    /** First moments (Adam) or velocities (SGD), and second moments (Adam), per layer. */
    final LayerGradient[] first;
    final LayerGradient[] second;
    long steps;

    public Optimizer(Kind kind, double momentum, LayerGradient[] shapes) {
        this.kind = kind;
        this.beta1 = 0.9;
        this.beta2 = 0.999;
        this.epsilon = 1e-8;
        this.momentum = momentum;
        first = new LayerGradient[shapes.length];
        second = new LayerGradient[shapes.length];
        for (int l = 0; l < shapes.length; l++) {
            first[l] = shapes[l].emptyLike();
            second[l] = shapes[l].emptyLike();
        }
    }

    public Kind kind() {
        return kind;
    }

    /** Updates taken so far. */
    public long steps() {
        return steps;
    }

    /**
     * One update: from the mean gradients {@code grad} and learning rate {@code lr}, writes the
     * wanted change of every weight and bias into {@code change} (same layout); each layer's
     * weights and biases are stepped in their units (see {@link org.memspice.memprop.net.Network#weightUnit}).
     */
    public void step(LayerGradient[] grad, double lr, double[] weightUnit, double[] biasUnit, LayerGradient[] change) {
        steps++;
        double c1 = 1 - Math.pow(beta1, steps);
        double c2 = 1 - Math.pow(beta2, steps);
        for (int l = 0; l < grad.length; l++) {
            update(grad[l].w, first[l].w, second[l].w, change[l].w, lr, weightUnit[l], c1, c2);
            update(grad[l].b, first[l].b, second[l].b, change[l].b, lr, biasUnit[l], c1, c2);
        }
    }

    /**
     * One array: the parameter is p = unit·θ and the optimizer steps θ, whose gradient is
     * unit·dL/dp (Adam: the change of p is unit times Adam's step on θ; SGD: unit² times the
     * momentum-filtered gradient of p).
     */
    private void update(double[] g, double[] m, double[] v, double[] out, double lr, double unit, double c1, double c2) {
        if (kind == Kind.ADAM) {
            double step = lr * unit * Math.sqrt(c2) / c1;
            double eps = epsilon * Math.sqrt(c2);
            for (int k = 0; k < g.length; k++) {
                double gt = unit * g[k];
                m[k] = beta1 * m[k] + (1 - beta1) * gt;
                v[k] = beta2 * v[k] + (1 - beta2) * gt * gt;
                out[k] = -step * m[k] / (Math.sqrt(v[k]) + eps);
            }
        } else {
            for (int k = 0; k < g.length; k++) {
                m[k] = momentum * m[k] + unit * g[k];
                out[k] = -lr * unit * m[k];
            }
        }
    }
}
