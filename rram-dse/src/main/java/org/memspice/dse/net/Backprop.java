package org.memspice.dse.net;

import java.util.List;
import org.memspice.memprop.net.Shape;

/**
 * One thread's forward and backward pass of a {@link PlainNetwork} under softmax cross-entropy:
 * accumulates the gradient of a sample's loss into a {@link Gradient}. Buffers are allocated once.
 */
final class Backprop {
    private final PlainNetwork net;
    private final PlainNetwork.Scratch scratch;
    private final double[][] grad;
    private final double[][] dx;
    private final double[][] dy;
    private final double[][] x;
    /** The weight gradient's arithmetic; null: exact floating point. */
    final OuterProduct product;

    Backprop(PlainNetwork net) {
        this(net, null);
    }

    Backprop(PlainNetwork net, OuterProduct product) {
        this.net = net;
        this.product = product;
        this.scratch = net.new Scratch();
        List<Layer> layers = net.layers();
        grad = new double[layers.size() + 1][];
        for (int l = 0; l <= layers.size(); l++) {
            grad[l] = new double[net.shape(l).size()];
        }
        List<Weighted> w = net.weighted();
        dx = new double[w.size()][];
        dy = new double[w.size()][];
        x = new double[w.size()][];
        for (int k = 0; k < w.size(); k++) {
            dx[k] = new double[w.get(k).inputs()];
            dy[k] = new double[w.get(k).outputs()];
            x[k] = new double[w.get(k).inputs()];
        }
    }

    /** Adds the gradient of image {@code index}'s loss to g; returns the loss and whether it was classified right (sign). */
    double sample(float[] images, int index, int label, Gradient g, boolean[] correct) {
        int size = net.input().size();
        double[] logits = net.forward(images, index * size, scratch, net.software());
        double max = logits[PlainNetwork.argmax(logits)];
        correct[0] = PlainNetwork.argmax(logits) == label;
        double sum = 0;
        for (double v : logits) {
            sum += Math.exp(v - max);
        }
        List<Layer> layers = net.layers();
        double[] top = grad[layers.size()];
        for (int c = 0; c < logits.length; c++) {
            top[c] = Math.exp(logits[c] - max) / sum - (c == label ? 1 : 0);
        }
        double loss = -(logits[label] - max - Math.log(sum));
        int k = net.weighted().size() - 1;
        for (int l = layers.size() - 1; l >= 0; l--) {
            double[] in = scratch.activation(l);
            double[] gOut = grad[l + 1];
            double[] gIn = grad[l];
            java.util.Arrays.fill(gIn, 0);
            Layer layer = layers.get(l);
            if (layer instanceof Weighted w) {
                backwardWeighted(w, k, in, gOut, gIn, g);
                k--;
            } else if (layer instanceof Relu) {
                for (int i = 0; i < gIn.length; i++) {
                    gIn[i] = in[i] > 0 ? gOut[i] : 0;
                }
            } else if (layer instanceof GlobalAvgPool) {
                Shape s = net.shape(l);
                int plane = s.rows() * s.cols();
                for (int c = 0; c < s.channels(); c++) {
                    for (int q = 0; q < plane; q++) {
                        gIn[c * plane + q] = gOut[c] / plane;
                    }
                }
            }
        }
        return loss;
    }

    private void backwardWeighted(Weighted w, int k, double[] in, double[] gOut, double[] gIn, Gradient g) {
        double[] weights = w.weights();
        double[] gw = g.w[k];
        double[] gb = g.b[k];
        int kk = w.inputs();
        int kg = w.groupInputs();
        int ng = w.groupOutputs();
        for (int p = 0; p < w.positions(); p++) {
            w.gather(in, p, x[k]);
            w.collect(gOut, p, dy[k]);
            java.util.Arrays.fill(dx[k], 0);
            for (int o = 0; o < dy[k].length; o++) {
                double d = dy[k][o];
                if (d == 0) {
                    continue;
                }
                gb[o] += d;
                int first = (o / ng) * kg;
                int row = o * kk;
                if (product == null) {
                    for (int i = first; i < first + kg; i++) {
                        gw[row + i] += d * x[k][i];
                        dx[k][i] += d * weights[row + i];
                    }
                } else {
                    for (int i = first; i < first + kg; i++) {
                        dx[k][i] += d * weights[row + i];
                    }
                }
            }
            if (product != null) {
                product.accumulate(k, w, dy[k], x[k], gw);
            }
            w.scatterGradient(dx[k], p, gIn);
        }
    }
}
