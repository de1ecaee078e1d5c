package org.memspice.memprop.net;

import java.util.List;
import java.util.SplittableRandom;
import org.memspice.memprop.data.Dataset;
import org.memspice.mif.MifParameters;

/**
 * A fully memristive spiking network: layers of synapses ({@link Synapse}, weights held by a
 * {@link WeightStore}), each feeding a layer of MIF neurons (the batched stepped model of
 * mif-neuron, with the prototype's parameters). Rows of every array after the first are driven by
 * the presynaptic membrane voltages through unity-gain row buffers; columns are held at virtual
 * ground and their current enters the postsynaptic membrane (no ADC, no comparator, no ReLU). The
 * first array's rows are driven by the input encoding. MEMprop's row drivers limit the rows to the
 * devices' quiet voltage ({@link DeviceConfig}). Running it is a {@link Workspace}'s job.
 */
public final class Network {
    public final NetworkSpec spec;
    public final MifParameters mif;
    final Shape[] shapes;
    final Synapse[] synapses;
    final WeightStore[] stores;
    /** How each layer's synapses read their rows: ohmic, or the device's I-V. */
    final ReadFunction[] reads;
    /**
     * Each layer's weight unit (its initial bound, S) and bias unit (the initial current, A): the
     * optimizer takes its steps in these units, so one learning rate suits every layer and every
     * encoding however small the conductances are.
     */
    final double[] weightUnit;
    final double[] biasUnit;

    private Network(NetworkSpec spec) {
        this.spec = spec;
        this.mif = MifParameters.prototype();
        List<LayerSpec> layers = spec.layers();
        int count = layers.size();
        shapes = new Shape[count];
        synapses = new Synapse[count];
        stores = new WeightStore[count];
        reads = new ReadFunction[count];
        weightUnit = new double[count];
        biasUnit = new double[count];
        java.util.Arrays.fill(weightUnit, 1);
        java.util.Arrays.fill(biasUnit, spec.initCurrent());
        Shape in = spec.input();
        DeviceConfig dev = spec.device();
        ReadFunction read = spec.model() == NetworkSpec.Model.MEMPROP
                ? ReadFunction.driven(dev.model(), dev.readVoltage(), dev.readLimit(), dev.rowFullScale()) : ReadFunction.OHMIC;
        for (int l = 0; l < count; l++) {
            LayerSpec ls = layers.get(l);
            synapses[l] = ls instanceof LayerSpec.Conv c ? new ConvSynapse(in, c) : new DenseSynapse(in, ((LayerSpec.Dense) ls).neurons());
            shapes[l] = synapses[l].outShape();
            reads[l] = read;
            in = shapes[l];
        }
    }

    /** A network with weights to be set by {@link #initialize} or read from a checkpoint. */
    public static Network blank(NetworkSpec spec) {
        return new Network(spec);
    }

    /**
     * A new network initialized on a probe of (up to) 64 class-balanced images of {@code train}
     * drawn from the spec's seed: what {@code memspice train} and training sweeps start from.
     */
    public static Network initialized(NetworkSpec spec, Dataset train) {
        Network net = blank(spec);
        net.initialize(train, org.memspice.memprop.data.Datasets.balancedSubset(train, Math.min(64, train.size()),
                spec.seed() ^ 0x1234567L));
        return net;
    }

    public int layerCount() {
        return synapses.length;
    }

    public Synapse synapse(int l) {
        return synapses[l];
    }

    public WeightStore store(int l) {
        return stores[l];
    }

    public Shape shape(int l) {
        return shapes[l];
    }

    public ReadFunction read(int l) {
        return reads[l];
    }

    /** Total number of weights and biases. */
    public int parameterCount() {
        int n = 0;
        for (Synapse s : synapses) {
            n += s.weights().length + s.bias().length;
        }
        return n;
    }

    /** The unit (S) in which the optimizer steps layer l's weights. */
    public double weightUnit(int l) {
        return weightUnit[l];
    }

    /** The unit (A) in which the optimizer steps layer l's biases. */
    public double biasUnit(int l) {
        return biasUnit[l];
    }

    /** Sets layer l's weight unit (a checkpoint being read). */
    public void setWeightUnit(int l, double unit) {
        if (!(unit > 0) || !Double.isFinite(unit)) {
            throw new IllegalArgumentException("weight unit of layer " + (l + 1) + " must be finite and > 0, got " + unit);
        }
        weightUnit[l] = unit;
    }

    /** Installs weight stores that already hold the synapses' weights (a checkpoint being read). */
    public void setStore(int l, WeightStore store) {
        stores[l] = store;
    }

    /**
     * Draws the initial weights layer by layer, uniform in ±√3·σ with σ chosen so that the
     * synaptic currents on a probe batch have a standard deviation of spec.initCurrent (measured
     * over samples, neurons and time, with the layers below already initialized); biases start at
     * 0. MEMprop layers then program their device pairs to those weights (what the devices hold
     * is what the next layer's probe sees). Deterministic in the seed and the probe images.
     */
    public void initialize(Dataset probe, int[] probeIndices) {
        SplittableRandom r = new SplittableRandom(spec.seed());
        Workspace ws = new Workspace(this, probeIndices.length, false);
        for (int l = 0; l < synapses.length; l++) {
            Synapse s = synapses[l];
            double[] w = s.weights();
            for (int k = 0; k < w.length; k++) {
                w[k] = 2 * r.nextDouble() - 1;
            }
            java.util.Arrays.fill(s.bias(), 0);
            stores[l] = new IdealWeights(s);
            double meanSquareRead = ws.meanSquareRead(l, probe, probeIndices);
            double sigma = spec.initCurrent() / Math.sqrt(Math.max(1e-30, meanSquareRead * s.fanIn()));
            double bound = Math.sqrt(3) * sigma;
            for (int k = 0; k < w.length; k++) {
                w[k] *= bound;
            }
            weightUnit[l] = bound;
            if (spec.model() == NetworkSpec.Model.MEMPROP) {
                stores[l] = new DevicePairs(s, spec.device(), bound, spec.seed() * 31 + l + 1);
            }
        }
    }
}
