package org.memspice.dse.net;

import java.util.Locale;
import org.memspice.memprop.net.Shape;

/**
 * A 2-D convolution with groups: output channel o at (oy, ox) is
 * b[o] + Σ W[o, c, ky, kx]·in[c, oy·s + ky − p, ox·s + kx − p] over the input channels c of o's
 * group (zero outside the input). groups = 1 is an ordinary convolution, groups = input channels
 * a depthwise one. Unrolled for a crossbar, each position is one read of the K = C·k·k inputs.
 */
public final class Conv implements Weighted {
    private final Shape in;
    private final int outputs;
    private final int kernel;
    private final int stride;
    private final int pad;
    private final int groups;
    private final double[] weights;
    private final double[] bias;
    /**
     * For every position and every entry of its input vector, the index of the input activation it
     * reads, or −1 in the padding: computed once, it serves the forward gather and the backward
     * scatter alike.
     */
    private final int[] fields;

    public Conv(Shape in, int outputs, int kernel, int stride, int pad, int groups, double[] weights, double[] bias) {
        if (outputs < 1 || kernel < 1 || stride < 1 || pad < 0 || pad >= kernel || groups < 1
                || in.channels() % groups != 0 || outputs % groups != 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "convolution of %s into %d channels, kernel %d, stride %d, pad %d, groups %d: the groups must divide"
                    + " both channel counts, the padding be below the kernel", in, outputs, kernel, stride, pad, groups));
        }
        int h = (in.rows() + 2 * pad - kernel) / stride + 1;
        int w = (in.cols() + 2 * pad - kernel) / stride + 1;
        if (h < 1 || w < 1 || in.rows() + 2 * pad < kernel || in.cols() + 2 * pad < kernel) {
            throw new IllegalArgumentException("a " + kernel + "x" + kernel + " kernel does not fit an input of " + in);
        }
        if (weights.length != (long) outputs * in.channels() * kernel * kernel || bias.length != outputs) {
            throw new IllegalArgumentException("convolution with " + weights.length + " weights and " + bias.length + " biases");
        }
        this.in = in;
        this.outputs = outputs;
        this.kernel = kernel;
        this.stride = stride;
        this.pad = pad;
        this.groups = groups;
        this.weights = weights;
        this.bias = bias;
        this.fields = fields();
    }

    public Conv(Shape in, int outputs, int kernel, int stride, int pad, int groups) {
        this(in, outputs, kernel, stride, pad, groups, new double[outputs * in.channels() * kernel * kernel],
                new double[outputs]);
    }

    @Override
    public Shape in() {
        return in;
    }

    @Override
    public int outputs() {
        return outputs;
    }

    public int kernel() {
        return kernel;
    }

    public int stride() {
        return stride;
    }

    public int pad() {
        return pad;
    }

    @Override
    public int groups() {
        return groups;
    }

    @Override
    public double[] weights() {
        return weights;
    }

    @Override
    public double[] bias() {
        return bias;
    }

    @Override
    public Shape out() {
        return new Shape(outputs, (in.rows() + 2 * pad - kernel) / stride + 1, (in.cols() + 2 * pad - kernel) / stride + 1);
    }

    @Override
    public Shape output(Shape input) {
        return out();
    }

    @Override
    public int inputs() {
        return in.channels() * kernel * kernel;
    }

    @Override
    public int positions() {
        Shape o = out();
        return o.rows() * o.cols();
    }

    private int[] fields() {
        Shape o = out();
        int k = inputs();
        int h = in.rows();
        int w = in.cols();
        int[] f = new int[positions() * k];
        for (int p = 0; p < positions(); p++) {
            int oy = p / o.cols();
            int ox = p % o.cols();
            int q = p * k;
            for (int c = 0; c < in.channels(); c++) {
                for (int ky = 0; ky < kernel; ky++) {
                    int iy = oy * stride + ky - pad;
                    for (int kx = 0; kx < kernel; kx++) {
                        int ix = ox * stride + kx - pad;
                        f[q++] = iy >= 0 && iy < h && ix >= 0 && ix < w ? (c * h + iy) * w + ix : -1;
                    }
                }
            }
        }
        return f;
    }

    @Override
    public void gather(double[] input, int position, double[] x) {
        int[] f = fields;
        int base = position * x.length;
        for (int q = 0; q < x.length; q++) {
            int idx = f[base + q];
            x[q] = idx >= 0 ? input[idx] : 0;
        }
    }

    @Override
    public void scatterGradient(double[] dx, int position, double[] dInput) {
        int[] f = fields;
        int base = position * dx.length;
        for (int q = 0; q < dx.length; q++) {
            int idx = f[base + q];
            if (idx >= 0) {
                dInput[idx] += dx[q];
            }
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "conv %d kernel=%d stride=%d pad=%d groups=%d", outputs, kernel, stride, pad, groups);
    }
}
