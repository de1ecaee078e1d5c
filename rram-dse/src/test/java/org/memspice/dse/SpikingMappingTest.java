package org.memspice.dse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.memspice.dse.infer.MappingReport;
import org.memspice.dse.infer.SpikingMapping;
import org.memspice.memprop.encode.Encoding;
import org.memspice.memprop.net.LayerSpec;
import org.memspice.memprop.net.Network;
import org.memspice.memprop.net.NetworkSpec;
import org.memspice.memprop.net.Objective;
import org.memspice.memprop.net.Shape;

/** A memprop network's synapses on tiles: exact with ideal hardware, IR drop measured otherwise. */
class SpikingMappingTest {
    private static Network network() {
        Objective obj = new Objective(Objective.Loss.CE_SUM, Objective.Readout.MEAN, 0.05, 1, 0, 0.005, 0.03);
        NetworkSpec spec = new NetworkSpec(NetworkSpec.Model.SPICEPROP, new Shape(1, 6, 6), 3,
                LayerSpec.parseList("C2k3s1,D5"), 20, 1e-4, Encoding.direct(0.1), obj, null, 3, 10e-6);
        Network net = Network.blank(spec);
        Random r = new Random(2);
        for (int l = 0; l < net.layerCount(); l++) {
            double[] w = net.synapse(l).weights();
            for (int k = 0; k < w.length; k++) {
                w[k] = 1e-5 * (2 * r.nextDouble() - 1);
            }
        }
        return net;
    }

    @Test
    void idealTilesKeepTheWeightsAndResistiveLinesChangeThem() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Network reference = network();
            for (boolean ideal : new boolean[] {true, false}) {
                Network net = network();
                DesignPoint p = Synthetic.ideal();
                p.tileRows = 16;
                p.tileCols = 16;
                p.idealLines = ideal;
                p.wire = 5;
                MappingReport report = SpikingMapping.apply(net, p, pool);
                assertTrue(report.tiles() >= 3, "conv and dense layers on tiles");
                double worst = 0;
                for (int l = 0; l < net.layerCount(); l++) {
                    double[] a = reference.synapse(l).weights();
                    double[] b = net.synapse(l).weights();
                    for (int k = 0; k < a.length; k++) {
                        worst = Math.max(worst, Math.abs(a[k] - b[k]) / 1e-5);
                        if (ideal) {
                            assertEquals(a[k], b[k], 1e-12 * 1e-5, "layer " + l + " weight " + k);
                        }
                    }
                }
                System.out.printf("memprop synapses on 16x16 tiles, %s: largest weight change %.2e of the weight range%n",
                        ideal ? "ideal lines" : "5 ohm segments", worst);
                if (!ideal) {
                    assertTrue(worst > 1e-4 && worst < 0.5, "IR drop moves the weights a little: " + worst);
                }
            }
            DesignPoint adc = Synthetic.ideal();
            adc.adcBits = 6;
            assertThrows(DseInputException.class, () -> SpikingMapping.apply(network(), adc, pool));
            DesignPoint nonlinear = Synthetic.ideal();
            nonlinear.cells = "hp";
            assertThrows(DseInputException.class, () -> SpikingMapping.apply(network(), nonlinear, pool));
        } finally {
            pool.shutdownNow();
        }
    }
}
