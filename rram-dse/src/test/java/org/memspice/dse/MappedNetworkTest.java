package org.memspice.dse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.memspice.dse.infer.MappedNetwork;
import org.memspice.dse.infer.MappingReport;
import org.memspice.dse.net.Architectures;
import org.memspice.dse.net.PlainNetwork;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.net.Shape;

/** With every non-ideality off and ideal lines, the mapped network is the software network. */
class MappedNetworkTest {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static final Dataset DATA = Synthetic.bars(60, 12, 0.3, 1);

    @AfterAll
    static void close() {
        POOL.shutdownNow();
    }

    private static PlainNetwork mlp() {
        PlainNetwork net = Architectures.mlp(new Shape(1, 12, 12), new int[] {144, 40, 4});
        Architectures.initialize(net, 3);
        return net;
    }

    private static PlainNetwork depthwise() {
        PlainNetwork net = Architectures.depthwise(new Shape(1, 12, 12), 4);
        Architectures.initialize(net, 4);
        for (var w : net.weighted()) {
            for (int o = 0; o < w.bias().length; o++) {
                w.bias()[o] = 0.01 * (o % 3 - 1);
            }
        }
        return net;
    }

    private static void assertSameOutputs(PlainNetwork net, DesignPoint p) {
        MappedNetwork mn = MappedNetwork.build(net, p, DATA, Synthetic.range(0, 20), POOL);
        double worst = 0;
        for (int k = 20; k < 60; k++) {
            double[] sw = Synthetic.software(net, DATA, k);
            double[] hw = Synthetic.mapped(mn, DATA, k);
            for (int c = 0; c < sw.length; c++) {
                assertEquals(sw[c], hw[c], 1e-9 * (1 + Math.abs(sw[c])), "image " + k + " logit " + c);
                worst = Math.max(worst, Math.abs(sw[c] - hw[c]) / (1 + Math.abs(sw[c])));
            }
            assertEquals(PlainNetwork.argmax(sw), PlainNetwork.argmax(hw), "prediction of image " + k);
        }
        System.out.printf("%s %s %s on %dx%d tiles (%d tiles): mapped logits within %.1e of software%n", net.describe(),
                p.scheme, p.encoding, p.tileRows, p.tileCols, mn.report().tiles(), worst);
    }

    @Test
    void idealHardwareReproducesTheSoftwareNetworkForEverySchemeAndEncoding() {
        for (PlainNetwork net : List.of(mlp(), depthwise())) {
            for (DesignPoint.Scheme scheme : DesignPoint.Scheme.values()) {
                for (DesignPoint.Encoding enc : DesignPoint.Encoding.values()) {
                    DesignPoint p = Synthetic.ideal();
                    p.tileRows = 16;
                    p.tileCols = 24;
                    p.scheme = scheme;
                    p.encoding = enc;
                    assertSameOutputs(net, p);
                }
            }
        }
    }

    @Test
    void sparseSchemePacksDepthwiseLayersIntoFewerFormedCells() {
        PlainNetwork net = depthwise();
        DesignPoint dense = Synthetic.ideal();
        dense.tileRows = 32;
        dense.tileCols = 32;
        DesignPoint sparse = dense.clone();
        sparse.scheme = DesignPoint.Scheme.SPARSE;
        MappingReport d = MappedNetwork.build(net, dense, DATA, Synthetic.range(0, 4), POOL).report();
        MappingReport s = MappedNetwork.build(net, sparse, DATA, Synthetic.range(0, 4), POOL).report();
        // layer 2 is the first depthwise layer: 16 channels x 9 inputs, differential pairs
        MappingReport.Layer dw = s.layers().get(1);
        assertEquals(16 * 9 * 2, dw.usedCells(), "sparse: only each channel's 9 weights, twice");
        assertEquals(144 * 16 * 2, d.layers().get(1).usedCells(), "dense: the whole 144x16 matrix, zeros included");
        assertEquals(dw.connectionCells(), dw.usedCells());
        assertTrue(s.usedCells() < d.usedCells());
        for (int l : new int[] {0, 2, 4, 5}) {
            assertEquals(d.layers().get(l).usedCells(), s.layers().get(l).usedCells(), "ungrouped layer " + l + " maps alike");
        }
    }

    @Test
    void quantizedWeightsAndInputsWithSlicesEqualTheirUnslicedQuantization() {
        PlainNetwork net = mlp();
        DesignPoint whole = Synthetic.ideal();
        whole.weightBits = 6;
        whole.dacBits = 6;
        whole.tileRows = 64;
        whole.tileCols = 64;
        DesignPoint sliced = whole.clone();
        sliced.bitsPerCell = 2;
        sliced.inputBitsPerRead = 1;
        for (DesignPoint.Encoding enc : DesignPoint.Encoding.values()) {
            whole.encoding = enc;
            sliced.encoding = enc;
            MappedNetwork a = MappedNetwork.build(net, whole, DATA, Synthetic.range(0, 20), POOL);
            MappedNetwork b = MappedNetwork.build(net, sliced, DATA, Synthetic.range(0, 20), POOL);
            assertEquals(enc == DesignPoint.Encoding.DIFFERENTIAL ? 6 : 4, b.layers().get(0).coding().columnsPerOutput(),
                    "columns per output: 3 slices x 2, or 7 bits in 4 slices");
            for (int k = 20; k < 40; k++) {
                double[] x = Synthetic.mapped(a, DATA, k);
                double[] y = Synthetic.mapped(b, DATA, k);
                for (int c = 0; c < x.length; c++) {
                    assertEquals(x[c], y[c], 1e-9 * (1 + Math.abs(x[c])), enc + " image " + k);
                }
            }
        }
    }
}
