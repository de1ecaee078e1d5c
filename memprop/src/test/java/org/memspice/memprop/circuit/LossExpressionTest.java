package org.memspice.memprop.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.memspice.memprop.encode.Encoding;
import org.memspice.memprop.net.LayerSpec;
import org.memspice.memprop.net.Network;
import org.memspice.memprop.net.NetworkSpec;
import org.memspice.memprop.net.Objective;
import org.memspice.memprop.net.Shape;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.netlist.CircuitBuilder;
import org.memspice.spice.sensitivity.Sensitivity;

/**
 * The training loss written as a {@code .sens} objective ({@link CircuitVerifier#lossExpression})
 * is the stepped model's loss: on a circuit whose output nodes are PWL sources through given
 * voltages at t = n·dt, its value equals {@link Objective#lossAndGradient} on the same history.
 */
class LossExpressionTest {
    @ParameterizedTest
    @EnumSource(Objective.Loss.class)
    void theExpressionIsTheSteppedLoss(Objective.Loss loss) {
        int classes = 3;
        int steps = 8;
        double dt = 1e-4;
        Objective objective = new Objective(loss, Objective.Readout.MAX, 0.05, 2, 0, 0.005, 0.03);
        NetworkSpec spec = new NetworkSpec(NetworkSpec.Model.SPICEPROP, new Shape(1, 4, 4), classes,
                List.<LayerSpec>of(new LayerSpec.Dense(2)), steps, dt, Encoding.direct(0.1), objective, null, 11, 10e-6);
        Network net = Network.blank(spec);
        Random random = new Random(5);
        double[] h = new double[(steps + 1) * classes];
        StringBuilder sb = new StringBuilder("outputs\n");
        for (int k = 0; k < classes; k++) {
            sb.append("V").append(k).append(' ').append(NetworkNetlist.outputNode(net, k)).append(" 0 PWL(");
            for (int n = 0; n <= steps; n++) {
                // around the count threshold, so that the sigmoids are neither 0 nor 1
                h[n * classes + k] = 0.03 + 0.02 * random.nextGaussian();
                sb.append(String.format(Locale.ROOT, " %.12g %.17g", n * dt, h[n * classes + k]));
            }
            sb.append(")\nR").append(k).append(' ').append(NetworkNetlist.outputNode(net, k)).append(" 0 1k\n");
        }
        sb.append(String.format(Locale.ROOT, ".tran %.12g %.12g 0 %.12g%n", dt, steps * dt, dt));
        for (int label = 0; label < classes; label++) {
            double stepped = objective.lossAndGradient(h, steps, 1, 0, classes, label, new double[h.length],
                    new double[classes]);
            Circuit circuit = new CircuitBuilder(ElementRegistry.loadDefault()).build(sb.toString(), Path.of("test.cir"));
            double value = Sensitivity.compute(circuit, CircuitVerifier.lossExpression(net, label), List.of("r0"))
                    .value();
            assertEquals(stepped, value, 1e-9 * Math.abs(stepped), loss + ", label " + label);
        }
    }
}
