package org.memspice.memprop.net;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** A fully connected layer: W is outputs x inputs (row-major), products by EJML. */
public final class DenseSynapse implements Synapse {
    private final Shape in;
    private final Shape out;
    private final int nIn;
    private final int nOut;
    private final double[] w;
    private final double[] b;
    private final DMatrixRMaj wMatrix;

    public DenseSynapse(Shape in, int outputs) {
        this.in = in;
        this.out = new Shape(outputs, 1, 1);
        this.nIn = in.size();
        this.nOut = outputs;
        this.w = new double[nOut * nIn];
        this.b = new double[nOut];
        this.wMatrix = DMatrixRMaj.wrap(nOut, nIn, w);
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
        return nIn;
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
    public void forward(DMatrixRMaj read, DMatrixRMaj outM) {
        CommonOps_DDRM.multTransB(read, wMatrix, outM);
        double[] o = outM.data;
        for (int s = 0; s < outM.numRows; s++) {
            int base = s * nOut;
            for (int j = 0; j < nOut; j++) {
                o[base + j] += b[j];
            }
        }
    }

    @Override
    public LayerGradient newGradient() {
        return new LayerGradient(nOut, nIn, w.length, b.length);
    }

    @Override
    public void backward(DMatrixRMaj read, DMatrixRMaj gOut, DMatrixRMaj gRead, LayerGradient g) {
        CommonOps_DDRM.multAddTransA(gOut, read, g.wMatrix);
        double[] go = gOut.data;
        for (int s = 0; s < gOut.numRows; s++) {
            int base = s * nOut;
            for (int j = 0; j < nOut; j++) {
                g.b[j] += go[base + j];
            }
        }
        if (gRead != null) {
            CommonOps_DDRM.mult(gOut, wMatrix, gRead);
        }
    }

    @Override
    public void biasCurrents(double[] outArr, int offset) {
        System.arraycopy(b, 0, outArr, offset, nOut);
    }

    @Override
    public void biasGradient(double[] gOut, int offset, double[] gBias) {
        for (int j = 0; j < nOut; j++) {
            gBias[j] += gOut[offset + j];
        }
    }

    @Override
    public void forEachConnection(Connection c) {
        for (int j = 0; j < nOut; j++) {
            for (int i = 0; i < nIn; i++) {
                c.accept(j, i, j * nIn + i);
            }
        }
    }

    @Override
    public long connectionCount() {
        return (long) nOut * nIn;
    }

    @Override
    public int biasIndex(int output) {
        return output;
    }

    @Override
    public void scatterInput(int input, double scale, double[] outArr, int offset) {
        for (int j = 0; j < nOut; j++) {
            outArr[offset + j] += scale * w[j * nIn + input];
        }
    }

    @Override
    public void gatherGradient(int input, double scale, double[] lambda, int offset, double[] gW) {
        for (int j = 0; j < nOut; j++) {
            gW[j * nIn + input] += scale * lambda[offset + j];
        }
    }
}
