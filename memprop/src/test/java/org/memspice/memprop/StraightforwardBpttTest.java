package org.memspice.memprop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.encode.Encoding;
import org.memspice.memprop.net.LayerGradient;
import org.memspice.memprop.net.Network;
import org.memspice.memprop.net.NetworkSpec;
import org.memspice.memprop.net.Objective;
import org.memspice.memprop.net.Workspace;

/**
 * The batched, taped BPTT and the textbook per-sample formulation (which rebuilds every step
 * Jacobian from stored states) give the same loss, and gradients within 1e-7 of the largest (the tape
 * keeps the Jacobian of the last Newton iterate, within 1e-9 of the converged point).
 */
class StraightforwardBpttTest {
    @Test
    void bothFormulationsGiveTheSameGradient() {
        Dataset d = GradientCheckTest.images(4, 6, 6, 2);
        NetworkSpec spec = GradientCheckTest.spec(NetworkSpec.Model.SPICEPROP, "D5,D4", Encoding.direct(0.2), Objective.Loss.CE_SUM, null);
        Network net = Network.blank(spec);
        net.initialize(d, new int[] {0, 1, 2, 3});
        int[] order = {0, 1, 2};
        Workspace ws = new Workspace(net, 3, true);
        LayerGradient[] g = new LayerGradient[net.layerCount()];
        for (int l = 0; l < g.length; l++) {
            g[l] = net.synapse(l).newGradient();
        }
        ws.forward(d, order, 0, 3, 0, net.layerCount());
        double fast = ws.backward(g).loss();
        double[][] gw = new double[net.layerCount()][];
        double[][] gb = new double[net.layerCount()][];
        for (int l = 0; l < net.layerCount(); l++) {
            gw[l] = new double[net.synapse(l).weights().length];
            gb[l] = new double[net.synapse(l).bias().length];
        }
        double slow = 0;
        for (int idx : order) {
            slow += StraightforwardBptt.lossAndGradient(net, d.images(), idx * d.pixels(), d.labels()[idx], gw, gb);
        }
        assertEquals(fast, slow, 1e-12 * Math.abs(fast));
        for (int l = 0; l < net.layerCount(); l++) {
            double scale = 0;
            for (double v : g[l].w) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int k = 0; k < gw[l].length; k++) {
                assertEquals(g[l].w[k], gw[l][k], 1e-7 * scale, "layer " + (l + 1) + " weight " + k);
            }
            for (int k = 0; k < gb[l].length; k++) {
                assertEquals(g[l].b[k], gb[l][k], 1e-7 * Math.abs(g[l].b[k]) + 1e-6, "layer " + (l + 1) + " bias " + k);
            }
        }
    }
}
