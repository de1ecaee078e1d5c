package org.memspice.memprop.net;

import org.ejml.data.DMatrixRMaj;

/**
 * A 2-D convolution: output neuron (o, y, x) receives Σ W[o, c, ky, kx]·r[c, y·s + ky − p,
 * x·s + kx − p] + b[o] (zero outside the input). On a crossbar each kernel weight is one synapse
 * reused at every position; the bias is one per output channel.
 */
public final class ConvSynapse implements Synapse {
    private final Shape in;
    private final Shape out;
    private final int k;
    private final int stride;
    private final int pad;
    private final double[] w;
    private final double[] b;

    public ConvSynapse(Shape in, LayerSpec.Conv spec) {
        this.in = in;
        this.out = spec.outputShape(in);
        this.k = spec.kernel();
        this.stride = spec.stride();
        this.pad = spec.padding();
        this.w = new double[out.channels() * in.channels() * k * k];
        this.b = new double[out.channels()];
    }

    @Override
    public Shape inShape() {
        return in;
    }

    @Override
    public Shape outShape() {
        return out;
    }

    @Override
    public int fanIn() {
        return in.channels() * k * k;
    }

    @Override
    public double[] weights() {
        return w;
    }

    @Override
    public double[] bias() {
        return b;
    }

    @Override
    public LayerGradient newGradient() {
        return new LayerGradient(0, 0, w.length, b.length);
    }

    @Override
    public void forward(DMatrixRMaj read, DMatrixRMaj outM) {
        int nIn = in.size();
        int nOut = out.size();
        int ci = in.channels();
        int h = in.rows();
        int wd = in.cols();
        int oh = out.rows();
        int ow = out.cols();
        double[] r = read.data;
        double[] o = outM.data;
        for (int s = 0; s < read.numRows; s++) {
            int rb = s * nIn;
            int obase = s * nOut;
            for (int oc = 0; oc < out.channels(); oc++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double sum = b[oc];
                        for (int c = 0; c < ci; c++) {
                            int wb = (oc * ci + c) * k * k;
                            for (int ky = 0; ky < k; ky++) {
                                int iy = oy * stride + ky - pad;
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                int row = rb + (c * h + iy) * wd;
                                for (int kx = 0; kx < k; kx++) {
                                    int ix = ox * stride + kx - pad;
                                    if (ix >= 0 && ix < wd) {
                                        sum += w[wb + ky * k + kx] * r[row + ix];
                                    }
                                }
                            }
                        }
                        o[obase + (oc * oh + oy) * ow + ox] = sum;
                    }
                }
            }
        }
    }

    @Override
    public void backward(DMatrixRMaj read, DMatrixRMaj gOut, DMatrixRMaj gRead, LayerGradient grad) {
        int nIn = in.size();
        int nOut = out.size();
        int ci = in.channels();
        int h = in.rows();
        int wd = in.cols();
        int oh = out.rows();
        int ow = out.cols();
        double[] r = read.data;
        double[] g = gOut.data;
        double[] gr = gRead == null ? null : gRead.data;
        if (gr != null) {
            java.util.Arrays.fill(gr, 0, read.numRows * nIn, 0);
        }
        for (int s = 0; s < read.numRows; s++) {
            int rb = s * nIn;
            int gbase = s * nOut;
            for (int oc = 0; oc < out.channels(); oc++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double go = g[gbase + (oc * oh + oy) * ow + ox];
                        if (go == 0) {
                            continue;
                        }
                        grad.b[oc] += go;
                        for (int c = 0; c < ci; c++) {
                            int wb = (oc * ci + c) * k * k;
                            for (int ky = 0; ky < k; ky++) {
                                int iy = oy * stride + ky - pad;
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                int row = rb + (c * h + iy) * wd;
                                for (int kx = 0; kx < k; kx++) {
                                    int ix = ox * stride + kx - pad;
                                    if (ix >= 0 && ix < wd) {
                                        grad.w[wb + ky * k + kx] += go * r[row + ix];
                                        if (gr != null) {
                                            gr[row + ix] += go * w[wb + ky * k + kx];
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void biasCurrents(double[] o, int offset) {
        int plane = out.rows() * out.cols();
        for (int oc = 0; oc < out.channels(); oc++) {
            java.util.Arrays.fill(o, offset + oc * plane, offset + (oc + 1) * plane, b[oc]);
        }
    }

    @Override
    public void biasGradient(double[] gOut, int offset, double[] gBias) {
        int plane = out.rows() * out.cols();
        for (int oc = 0; oc < out.channels(); oc++) {
            double s = 0;
            for (int q = 0; q < plane; q++) {
                s += gOut[offset + oc * plane + q];
            }
            gBias[oc] += s;
        }
    }

    @Override
    public void forEachConnection(Connection conn) {
        int ci = in.channels();
        int h = in.rows();
        int wd = in.cols();
        int oh = out.rows();
        int ow = out.cols();
        for (int oc = 0; oc < out.channels(); oc++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int o = (oc * oh + oy) * ow + ox;
                    for (int c = 0; c < ci; c++) {
                        for (int ky = 0; ky < k; ky++) {
                            int iy = oy * stride + ky - pad;
                            for (int kx = 0; kx < k; kx++) {
                                int ix = ox * stride + kx - pad;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                    conn.accept(o, (c * h + iy) * wd + ix, ((oc * ci + c) * k + ky) * k + kx);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public long connectionCount() {
        long[] n = {0};
        forEachConnection((o, i, w) -> n[0]++);
        return n[0];
    }

    @Override
    public int biasIndex(int output) {
        return output / (out.rows() * out.cols());
    }

    @Override
    public void scatterInput(int input, double scale, double[] o, int offset) {
        forEachTap(input, (oIndex, wIndex) -> o[offset + oIndex] += scale * w[wIndex]);
    }

    @Override
    public void gatherGradient(int input, double scale, double[] lambda, int offset, double[] gW) {
        forEachTap(input, (oIndex, wIndex) -> gW[wIndex] += scale * lambda[offset + oIndex]);
    }

    private interface Tap {
        void apply(int outputIndex, int weightIndex);
    }

    /** Every (output neuron, kernel weight) pair that input element {@code input} feeds. */
    private void forEachTap(int input, Tap tap) {
        int h = in.rows();
        int wd = in.cols();
        int c = input / (h * wd);
        int iy = (input / wd) % h;
        int ix = input % wd;
        int oh = out.rows();
        int ow = out.cols();
        int ci = in.channels();
        for (int ky = 0; ky < k; ky++) {
            int ny = iy + pad - ky;
            if (ny < 0 || ny % stride != 0 || ny / stride >= oh) {
                continue;
            }
            int oy = ny / stride;
            for (int kx = 0; kx < k; kx++) {
                int nx = ix + pad - kx;
                if (nx < 0 || nx % stride != 0 || nx / stride >= ow) {
                    continue;
                }
                int ox = nx / stride;
                for (int oc = 0; oc < out.channels(); oc++) {
                    tap.apply((oc * oh + oy) * ow + ox, ((oc * ci + c) * k + ky) * k + kx);
                }
            }
        }
    }
}
