package org.memspice.memprop;

import org.memspice.memprop.net.Network;
import org.memspice.memprop.net.NetworkSpec;
import org.memspice.memprop.net.ReadFunction;
import org.memspice.memprop.net.Synapse;
import org.memspice.mif.MifDynamics;
import org.memspice.mif.MifNeuronBatch;

/**
 * The textbook formulation of the same network's BPTT, kept as a yardstick for speed and as a
 * second, independent computation of its gradient: one sample at a time; every synaptic product
 * recomputed at every time point (the constant input layer's too), with fresh arrays; the
 * membrane states stored per step; each neuron's step Jacobian rebuilt in the backward pass from
 * its stored states ({@link MifDynamics}, the same device code) with new matrices. Dense
 * networks with direct input only.
 */
final class StraightforwardBptt {
    private StraightforwardBptt() {
    }

    /** Loss of one image, its gradients added into gW[l], gB[l]. */
    static double lossAndGradient(Network net, float[] images, int offset, int label, double[][] gW, double[][] gB) {
        NetworkSpec spec = net.spec;
        int layers = net.layerCount();
        int steps = spec.steps();
        double h = spec.dt();
        int[] size = new int[layers];
        MifNeuronBatch[] neurons = new MifNeuronBatch[layers];
        for (int l = 0; l < layers; l++) {
            size[l] = net.shape(l).size();
            neurons[l] = new MifNeuronBatch(net.mif, size[l], MifNeuronBatch.Threads.SINGLE);
        }
        int pixels = net.synapse(0).inShape().size();
        double[] input = new double[pixels];
        for (int i = 0; i < pixels; i++) {
            input[i] = spec.encoding().voltage() * images[offset + i];
        }
        // states[l][n] = {v[], x1[], x2[]}, currents[l][n] = column currents at time point n
        double[][][][] states = new double[layers][steps + 1][][];
        double[][][] currents = new double[layers][steps + 1][];
        for (int l = 0; l < layers; l++) {
            states[l][0] = new double[][] {neurons[l].v.clone(), neurons[l].x1.clone(), neurons[l].x2.clone()};
        }
        for (int l = 0; l < layers; l++) {
            currents[l][0] = product(net, l, l == 0 ? input : states[l - 1][0][0]);
        }
        for (int n = 0; n < steps; n++) {
            for (int l = 0; l < layers; l++) {
                double[] presynaptic = l == 0 ? input : neurons[l - 1].v.clone();
                currents[l][n + 1] = product(net, l, presynaptic);
                neurons[l].step(h, currents[l][n], currents[l][n + 1], null, 0);
                states[l][n + 1] = new double[][] {neurons[l].v.clone(), neurons[l].x1.clone(), neurons[l].x2.clone()};
            }
        }
        int last = layers - 1;
        int classes = size[last];
        double[] history = new double[(steps + 1) * classes];
        for (int n = 0; n <= steps; n++) {
            System.arraycopy(states[last][n][0], 0, history, n * classes, classes);
        }
        double[] dLdv = new double[(steps + 1) * classes];
        double loss = spec.objective().lossAndGradient(history, steps, 1, 0, classes, label, dLdv, new double[classes]);
        // backward
        MifDynamics dyn = new MifDynamics(net.mif);
        double c = net.mif.capacitance();
        double[][][] lambda = new double[layers][][];
        double[][] gNext = new double[layers][];
        for (int l = 0; l < layers; l++) {
            lambda[l] = new double[][] {new double[size[l]], new double[size[l]], new double[size[l]]};
            gNext[l] = new double[size[l]];
        }
        for (int n = steps - 1; n >= 0; n--) {
            for (int l = last; l >= 0; l--) {
                if (l == last) {
                    for (int k = 0; k < classes; k++) {
                        lambda[l][0][k] += dLdv[(n + 1) * classes + k];
                    }
                }
                double[] gStart = new double[size[l]];
                double[] gEnd = new double[size[l]];
                for (int k = 0; k < size[l]; k++) {
                    double[] f = new double[3];
                    double[] j0 = new double[9];
                    double[] j1 = new double[9];
                    dyn.evaluate(states[l][n][0][k], states[l][n][1][k], states[l][n][2][k], currents[l][n][k], f, j0);
                    dyn.evaluate(states[l][n + 1][0][k], states[l][n + 1][1][k], states[l][n + 1][2][k], currents[l][n + 1][k], f, j1);
                    double[][] m = new double[3][3];
                    double[][] p = new double[3][3];
                    for (int r = 0; r < 3; r++) {
                        for (int q = 0; q < 3; q++) {
                            m[r][q] = (r == q ? 1 : 0) - 0.5 * h * j1[3 * r + q];
                            p[r][q] = (r == q ? 1 : 0) + 0.5 * h * j0[3 * r + q];
                        }
                    }
                    double[][] mInv = invert(m);
                    double[] lam = {lambda[l][0][k], lambda[l][1][k], lambda[l][2][k]};
                    // mu = M^-T lambda; lambda_before = P^T mu; dL/du = h/(2C) mu_v at both ends
                    double[] mu = new double[3];
                    for (int q = 0; q < 3; q++) {
                        for (int r = 0; r < 3; r++) {
                            mu[q] += mInv[r][q] * lam[r];
                        }
                    }
                    for (int q = 0; q < 3; q++) {
                        double s = 0;
                        for (int r = 0; r < 3; r++) {
                            s += p[r][q] * mu[r];
                        }
                        lambda[l][q][k] = s;
                    }
                    gStart[k] = 0.5 * h / c * mu[0];
                    gEnd[k] = 0.5 * h / c * mu[0];
                }
                double[] g = new double[size[l]];
                for (int k = 0; k < size[l]; k++) {
                    g[k] = gEnd[k] + gNext[l][k];
                }
                gNext[l] = gStart;
                backProduct(net, l, l == 0 ? input : states[l - 1][n + 1][0], g, gW[l], gB[l], l == 0 ? null : lambda[l - 1][0]);
            }
        }
        for (int l = 0; l < layers; l++) {
            backProduct(net, l, l == 0 ? input : states[l - 1][0][0], gNext[l], gW[l], gB[l], null);
        }
        return loss;
    }

    /** Column currents W·φ(s) + b of layer l, in a new array. */
    private static double[] product(Network net, int l, double[] signal) {
        Synapse s = net.synapse(l);
        ReadFunction f = net.read(l);
        int nIn = s.inShape().size();
        int nOut = s.outShape().size();
        double[] out = new double[nOut];
        for (int o = 0; o < nOut; o++) {
            double sum = s.bias()[o];
            for (int i = 0; i < nIn; i++) {
                sum += s.weights()[o * nIn + i] * f.value(signal[i]);
            }
            out[o] = sum;
        }
        return out;
    }

    private static void backProduct(Network net, int l, double[] signal, double[] g, double[] gW, double[] gB, double[] lambdaBelow) {
        Synapse s = net.synapse(l);
        ReadFunction f = net.read(l);
        int nIn = s.inShape().size();
        int nOut = s.outShape().size();
        for (int o = 0; o < nOut; o++) {
            gB[o] += g[o];
            for (int i = 0; i < nIn; i++) {
                gW[o * nIn + i] += g[o] * f.value(signal[i]);
                if (lambdaBelow != null) {
                    lambdaBelow[i] += s.weights()[o * nIn + i] * g[o] * f.slope(signal[i]);
                }
            }
        }
    }

    private static double[][] invert(double[][] a) {
        double det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
        double[][] r = new double[3][3];
        r[0][0] = (a[1][1] * a[2][2] - a[1][2] * a[2][1]) / det;
        r[0][1] = (a[0][2] * a[2][1] - a[0][1] * a[2][2]) / det;
        r[0][2] = (a[0][1] * a[1][2] - a[0][2] * a[1][1]) / det;
        r[1][0] = (a[1][2] * a[2][0] - a[1][0] * a[2][2]) / det;
        r[1][1] = (a[0][0] * a[2][2] - a[0][2] * a[2][0]) / det;
        r[1][2] = (a[0][2] * a[1][0] - a[0][0] * a[1][2]) / det;
        r[2][0] = (a[1][0] * a[2][1] - a[1][1] * a[2][0]) / det;
        r[2][1] = (a[0][1] * a[2][0] - a[0][0] * a[2][1]) / det;
        r[2][2] = (a[0][0] * a[1][1] - a[0][1] * a[1][0]) / det;
        return r;
    }
}
