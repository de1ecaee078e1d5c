package org.memspice.dse.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.memspice.dse.DesignPoint;
import org.memspice.dse.DseInputException;
import org.memspice.dse.hw.TileCircuits;
import org.memspice.dse.hw.Transforms;
import org.memspice.dse.net.Conv;
import org.memspice.dse.net.Dense;
import org.memspice.dse.net.Weighted;
import org.memspice.memprop.net.LayerSpec;
import org.memspice.memprop.net.Network;
import org.memspice.memprop.net.Synapse;

/**
 * A trained memprop network (SPICEprop or MEMprop) on tiles. Its arrays are read by analog row
 * buffers into current mirrors and MIF neurons, with no DAC or ADC, so with linear cells each
 * layer's tiles are one linear map of its row signals: the layer's effective weights W_eff,
 * which this class measures by reading the mapped tiles once per input (a unit signal on one row
 * at a time, partial sums across tiles added in analog) and writes into the network's synapses,
 * whose own forward pass over time (memprop's {@code Evaluator}) then runs the test images. The
 * layers' biases stay the ideal currents memprop trained. Converter bits and nonlinear cells do
 * not apply (a nonlinear array would need a solve per time step of every sample) and are refused.
 */
public final class SpikingMapping {
    private SpikingMapping() {
    }

    /** The synapse layers of a memprop network as weighted layers sharing its weight arrays, with zero biases. */
    public static List<Weighted> layers(Network net) {
        List<Weighted> out = new ArrayList<>();
        List<LayerSpec> specs = net.spec.layers();
        for (int l = 0; l < net.layerCount(); l++) {
            Synapse s = net.synapse(l);
            int outputs = s.outShape().channels();
            if (specs.get(l) instanceof LayerSpec.Conv c) {
                out.add(new Conv(s.inShape(), outputs, c.kernel(), c.stride(), c.padding(), 1, s.weights(), new double[outputs]));
            } else {
                out.add(new Dense(s.inShape(), s.outShape().size(), s.weights(), new double[s.outShape().size()]));
            }
        }
        return out;
    }

    /**
     * Maps the network at point p and replaces each synapse's weights by what its tiles realize;
     * returns the mapping's hardware figures.
     */
    public static MappingReport apply(Network net, DesignPoint given, ExecutorService pool) {
        if (given.adcBits > 0 || given.dacBits > 0) {
            throw new DseInputException("adc_bits/dac_bits: a memprop network reads its arrays through row buffers and current"
                    + " mirrors into MIF neurons, with no converters; leave them at 0");
        }
        if (!given.linearCells()) {
            throw new DseInputException("cells " + given.cells + ": a memprop network is run over time steps; mapped onto"
                    + " nonlinear cells every step of every sample would need its own solve; use conductance or 1t1r cells");
        }
        DesignPoint p = TileCircuits.forCells(given);
        List<Weighted> weighted = layers(net);
        double[] xMax = new double[weighted.size()];
        java.util.Arrays.fill(xMax, 1);
        List<MappedLayer> mapped = MappedNetwork.layers(weighted, p, Transforms.of(p), xMax, new boolean[weighted.size()], pool);
        List<double[]> effective = new ArrayList<>();
        for (MappedLayer l : mapped) {
            Weighted w = l.layer;
            double[] eff = new double[w.weights().length];
            MappedLayer.Reader reader = l.new Reader();
            double[] x = new double[w.inputs()];
            double[] y = new double[w.outputs()];
            Tally t = new Tally();
            for (int i = 0; i < x.length; i++) {
                x[i] = 1;
                reader.multiply(x, y, t, null, null, 0, 0);
                for (int o = 0; o < y.length; o++) {
                    eff[o * x.length + i] = y[o];
                }
                x[i] = 0;
            }
            effective.add(eff);
        }
        for (int k = 0; k < weighted.size(); k++) {
            System.arraycopy(effective.get(k), 0, weighted.get(k).weights(), 0, effective.get(k).length);
        }
        MappedNetwork view = new MappedNetwork(null, p, mapped, 0);
        return view.report();
    }
}
