package org.memspice.dse.net;

import java.util.ArrayList;
import java.util.List;
import org.memspice.memprop.net.Shape;

/**
 * A plain (non-spiking) classifier: an input shape and a chain of {@link Layer}s whose last
 * output is one logit per class. {@link #forward} runs it with each weighted layer's product
 * supplied by a {@link Multiplier}: the exact software product, or a mapped crossbar's.
 */
public final class PlainNetwork {
    private final Shape input;
    private final List<Layer> layers;
    private final List<Weighted> weighted;
    private final Shape[] shapes;

    /** Computes y = W·x + b of weighted layer {@code index} (0-based among the weighted layers). */
    public interface Multiplier {
        void multiply(int index, double[] x, double[] y);
    }

    /** The exact software product of each layer. */
    public Multiplier software() {
        return (index, x, y) -> weighted.get(index).multiply(x, y);
    }

    public PlainNetwork(Shape input, List<Layer> layers) {
        this.input = input;
        this.layers = List.copyOf(layers);
        this.shapes = new Shape[layers.size() + 1];
        List<Weighted> w = new ArrayList<>();
        Shape s = input;
        shapes[0] = s;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            if (layer instanceof Weighted wl) {
                if (wl.in().size() != s.size() || (wl instanceof Conv && !wl.in().equals(s))) {
                    throw new IllegalArgumentException("layer " + (l + 1) + " (" + layer.describe() + ") expects an input of "
                            + wl.in() + " but the layer before gives " + s);
                }
                w.add(wl);
            }
            s = layer.output(s);
            shapes[l + 1] = s;
        }
        if (w.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one dense or conv layer");
        }
        if (s.size() < 2) {
            throw new IllegalArgumentException("the last layer gives " + s.size() + " output; a classifier needs one per class");
        }
        this.weighted = List.copyOf(w);
    }

    public Shape input() {
        return input;
    }

    public List<Layer> layers() {
        return layers;
    }

    public List<Weighted> weighted() {
        return weighted;
    }

    /** Shape of the activation after layer l (shape(0) is the input). */
    public Shape shape(int l) {
        return shapes[l];
    }

    public int classes() {
        return shapes[shapes.length - 1].size();
    }

    /** A one-line description: 784-256-10 or the layers' words. */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(input.size());
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            if (layer instanceof Dense d) {
                sb.append('-').append(d.outputs());
            } else if (layer instanceof Conv c) {
                sb.append('-').append(c.groups() == c.in().channels() && c.groups() > 1 ? "dw" : "c").append(c.outputs())
                        .append('k').append(c.kernel()).append('s').append(c.stride());
            } else if (layer instanceof GlobalAvgPool) {
                sb.append("-gap");
            }
        }
        return sb.toString();
    }

    /** Per-thread buffers for {@link #forward}. */
    public final class Scratch {
        final double[][] activation = new double[layers.size() + 1][];
        final double[][] x = new double[weighted.size()][];
        final double[][] y = new double[weighted.size()][];

        public Scratch() {
            for (int l = 0; l <= layers.size(); l++) {
                activation[l] = new double[shapes[l].size()];
            }
            for (int k = 0; k < weighted.size(); k++) {
                x[k] = new double[weighted.get(k).inputs()];
                y[k] = new double[weighted.get(k).outputs()];
            }
        }

        /** The activation after layer l from the last forward pass (0: the input). */
        public double[] activation(int l) {
            return activation[l];
        }
    }

    /**
     * Runs one image (pixels in [0, 1], {@code input().size()} of them from {@code offset}) and
     * returns the logits (a buffer of the scratch, valid until its next use).
     */
    public double[] forward(float[] images, int offset, Scratch s, Multiplier m) {
        double[] a0 = s.activation[0];
        for (int i = 0; i < a0.length; i++) {
            a0[i] = images[offset + i];
        }
        int k = 0;
        for (int l = 0; l < layers.size(); l++) {
            double[] in = s.activation[l];
            double[] out = s.activation[l + 1];
            Layer layer = layers.get(l);
            if (layer instanceof Weighted w) {
                for (int p = 0; p < w.positions(); p++) {
                    w.gather(in, p, s.x[k]);
                    m.multiply(k, s.x[k], s.y[k]);
                    w.scatter(s.y[k], p, out);
                }
                k++;
            } else if (layer instanceof Relu) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Math.max(0, in[i]);
                }
            } else if (layer instanceof GlobalAvgPool) {
                int plane = shapes[l].rows() * shapes[l].cols();
                for (int c = 0; c < out.length; c++) {
                    double sum = 0;
                    for (int q = 0; q < plane; q++) {
                        sum += in[c * plane + q];
                    }
                    out[c] = sum / plane;
                }
            }
        }
        return s.activation[layers.size()];
    }

    /** Index of the largest value (the first of ties). */
    public static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
