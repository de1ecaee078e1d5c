package org.memspice.memprop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.encode.Encoding;
import org.memspice.memprop.net.DeviceConfig;
import org.memspice.memprop.net.LayerGradient;
import org.memspice.memprop.net.LayerSpec;
import org.memspice.memprop.net.Network;
import org.memspice.memprop.net.NetworkSpec;
import org.memspice.memprop.net.Objective;
import org.memspice.memprop.net.Shape;
import org.memspice.memprop.net.Workspace;

/**
 * Backpropagation through the discretized circuit dynamics equals central finite differences of
 * the forward simulation, in double precision, to a relative error below 1e-4: for every input
 * encoding, every loss, a convolutional layer, and memristive synapses (gradients with respect to
 * the weights they realize).
 */
class GradientCheckTest {

    static Dataset images(int count, int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] im = new float[count * rows * cols];
        byte[] lb = new byte[count];
        for (int k = 0; k < count; k++) {
            lb[k] = (byte) (k % 3);
            for (int p = 0; p < rows * cols; p++) {
                // a class-dependent blob plus noise
                int y = p / cols;
                int x = p % cols;
                double centre = 1 + lb[k] * (cols - 2) / 2.0;
                double v = Math.exp(-((x - centre) * (x - centre) + (y - rows / 2.0) * (y - rows / 2.0)) / 3) + 0.3 * r.nextDouble();
                im[k * rows * cols + p] = (float) Math.min(1, v);
            }
        }
        return new Dataset("synthetic", im, lb, rows, cols);
    }

    static NetworkSpec spec(NetworkSpec.Model model, String hidden, Encoding enc, Objective.Loss loss, DeviceConfig dev) {
        Objective obj = new Objective(loss, Objective.Readout.MAX, 0.01, 2, 0, 0.005, 0.03);
        return new NetworkSpec(model, new Shape(1, 6, 6), 3, LayerSpec.parseList(hidden), 40, 1e-4, enc, obj, dev, 5, 20e-6);
    }

    static Stream<Arguments> cases() {
        Encoding direct = Encoding.direct(0.2);
        Encoding gated = new Encoding(Encoding.Kind.GATED, 0.2, 0.4, 1000, 1, 0.1);
        Encoding poisson = new Encoding(Encoding.Kind.POISSON, 0.2, 1, 3000, 1, 0.1);
        Encoding latency = new Encoding(Encoding.Kind.LATENCY, 0.2, 1, 1000, 0.6, 0.2);
        DeviceConfig yak = DeviceConfig.resolve("yakopcic", Map.of(), null, 0.3, 1.0, 100, DeviceConfig.Update.STATE_AWARE, 0.05, 0.02, 4, 0.004);
        DeviceConfig stanford = DeviceConfig.resolve("stanford_pku", Map.of(), null, 0.3, 1.0, 100, DeviceConfig.Update.STATE_AWARE, 0, 0, 4, 0.004);
        return Stream.of(
            Arguments.of("spiceprop direct ce-sum", spec(NetworkSpec.Model.SPICEPROP, "D5", direct, Objective.Loss.CE_SUM, null)),
            Arguments.of("spiceprop gated ce-max", spec(NetworkSpec.Model.SPICEPROP, "D5", gated, Objective.Loss.CE_MAX, null)),
            Arguments.of("spiceprop poisson ce-sum", spec(NetworkSpec.Model.SPICEPROP, "D5", poisson, Objective.Loss.CE_SUM, null)),
            Arguments.of("spiceprop latency mse-count", spec(NetworkSpec.Model.SPICEPROP, "D5", latency, Objective.Loss.MSE_COUNT, null)),
            Arguments.of("spiceprop direct mse-count", spec(NetworkSpec.Model.SPICEPROP, "D5", direct, Objective.Loss.MSE_COUNT, null)),
            Arguments.of("spiceprop conv+dense", spec(NetworkSpec.Model.SPICEPROP, "C2k3s2p1,D4", direct, Objective.Loss.CE_SUM, null)),
            Arguments.of("memprop yakopcic", spec(NetworkSpec.Model.MEMPROP, "D5", direct, Objective.Loss.CE_SUM, yak)),
            Arguments.of("memprop stanford poisson", spec(NetworkSpec.Model.MEMPROP, "D5", poisson, Objective.Loss.CE_SUM, stanford)));
    }

    private static double loss(Network net, Dataset d, int[] order) {
        Workspace ws = new Workspace(net, order.length, false);
        ws.forward(d, order, 0, order.length, 3, net.layerCount());
        return ws.evaluate().loss();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backpropagationEqualsCentralDifferences(String name, NetworkSpec spec) {
        Dataset d = images(6, 6, 6, 1);
        int[] order = {0, 1, 2};
        Network net = Network.blank(spec);
        net.initialize(d, new int[] {0, 1, 2, 3, 4, 5});
        Workspace ws = new Workspace(net, order.length, true);
        LayerGradient[] g = new LayerGradient[net.layerCount()];
        for (int l = 0; l < g.length; l++) {
            g[l] = net.synapse(l).newGradient();
        }
        ws.forward(d, order, 0, order.length, 3, net.layerCount());
        double base = ws.backward(g).loss();
        assertTrue(Double.isFinite(base) && base > 0, name + ": loss " + base);
        SplittableRandom pick = new SplittableRandom(9);
        int checked = 0;
        double worst = 0;
        for (int l = 0; l < net.layerCount(); l++) {
            double[] w = net.synapse(l).weights();
            double[] b = net.synapse(l).bias();
            for (int trial = 0; trial < 6; trial++) {
                boolean bias = trial == 5;
                double[] arr = bias ? b : w;
                int k = pick.nextInt(arr.length);
                double analytic = bias ? g[l].b[k] : g[l].w[k];
                double scale = bias ? 1e-6 : Math.max(1e-9, Math.abs(arr[k]));
                double eps = 1e-5 * scale;
                double saved = arr[k];
                arr[k] = saved + eps;
                double up = loss(net, d, order);
                arr[k] = saved - eps;
                double down = loss(net, d, order);
                arr[k] = saved;
                double fd = (up - down) / (2 * eps);
                if (Math.abs(fd) * eps < 1e-12 * Math.abs(base)) {
                    continue; // this parameter does not move the loss measurably (an unreached input)
                }
                double rel = Math.abs(fd - analytic) / Math.max(Math.abs(fd), Math.abs(analytic));
                worst = Math.max(worst, rel);
                assertTrue(rel < 1e-4, String.format("%s layer %d %s %d: backprop %.9e, central difference %.9e (rel %.2e)", name,
                        l + 1, bias ? "bias" : "weight", k, analytic, fd, rel));
                checked++;
            }
        }
        System.out.printf("gradient check %s: %d parameters, worst relative error %.2e%n", name, checked, worst);
        assertTrue(checked >= 8, name + ": only " + checked + " parameters move the loss");
    }
}
