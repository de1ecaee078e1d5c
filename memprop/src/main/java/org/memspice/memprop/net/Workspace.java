package org.memspice.memprop.net;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.encode.Encoding;
import org.memspice.memprop.encode.SpikeRaster;
import org.memspice.mif.MifNeuronBatch;
import org.memspice.mif.MifTape;
import org.memspice.mif.StepFailedException;

/**
 * One thread's scratch space for running a {@link Network} on a chunk of up to {@code capacity}
 * samples: the neurons of every layer as one batched MIF model each, their tapes, the membrane
 * voltages at every time point, and the buffers of the backward pass, all allocated once.
 *
 * <p>Forward ({@link #forward}): from the resting state, T trapezoidal steps of dt; in each, layer
 * by layer, the column currents at the step's end are computed from the rows' signals there (the
 * input encoding, or the layer below, already stepped) and the layer steps with its currents at
 * both ends, so the whole network is one trapezoidal discretization of its circuit equations.
 * With {@code record}, every step's sensitivities go on the tapes (21 doubles per neuron and step:
 * the states are stored, not recomputed; memory per sample is 21·N·T doubles for N neurons).
 *
 * <p>Backward ({@link #backward}): exact reverse-mode through the same discretization, step by
 * step from the last, layer by layer from the top: the loss's gradient on the output voltages,
 * the tapes' vector-Jacobian products, and the synapses' transposed products, accumulating the
 * weight and bias gradients (sums over the chunk's samples).
 */
public final class Workspace {
    private final Network net;
    private final NetworkSpec spec;
    private final int capacity;
    private final int steps;
    private final double dt;
    private final int layers;
    private final boolean tape;
    private final int[] size;
    private final MifNeuronBatch[] neurons;
    private final MifTape[] tapes;
    /** Membrane voltages: layer l, time point n, sample b, neuron k at [(n·capacity + b)·size[l] + k]. */
    private final double[][] history;
    private final DMatrixRMaj[] read;
    private final DMatrixRMaj[] currentA;
    private final DMatrixRMaj[] currentB;
    private final DMatrixRMaj[] gradCurrent;
    private final DMatrixRMaj[] gradRead;
    private final double[][] gStart;
    private final double[][] gEnd;
    private final double[][] gNextStart;
    private final double[][] lv;
    private final double[][] lx1;
    private final double[][] lx2;
    private final double[] la;
    private final double[] li;
    private final double[] dLdv;
    private final double[] scratch;
    /** First layer, direct drive: the rows' read signals, the column currents with and without drive. */
    private final DMatrixRMaj inputRead;
    private final DMatrixRMaj drivenCurrent;
    private final double[] biasCurrent;
    private final DMatrixRMaj drivenGradient;
    private final SpikeRaster[] rasters;
    private final int[] labels;
    private final int[] dataIndex;
    private int batch;

    public Workspace(Network net, int capacity, boolean tape) {
        this.net = net;
        this.spec = net.spec;
        this.capacity = capacity;
        this.steps = spec.steps();
        this.dt = spec.dt();
        this.layers = net.layerCount();
        this.tape = tape;
        size = new int[layers];
        neurons = new MifNeuronBatch[layers];
        tapes = new MifTape[layers];
        history = new double[layers][];
        read = new DMatrixRMaj[layers];
        currentA = new DMatrixRMaj[layers];
        currentB = new DMatrixRMaj[layers];
        gradCurrent = new DMatrixRMaj[layers];
        gradRead = new DMatrixRMaj[layers];
        gStart = new double[layers][];
        gEnd = new double[layers][];
        gNextStart = new double[layers][];
        lv = new double[layers][];
        lx1 = new double[layers][];
        lx2 = new double[layers][];
        long historyLength = 0;
        for (int l = 0; l < layers; l++) {
            int n = net.shape(l).size();
            int nIn = net.synapse(l).inShape().size();
            size[l] = n;
            neurons[l] = new MifNeuronBatch(net.mif, capacity * n, MifNeuronBatch.Threads.SINGLE);
            tapes[l] = tape ? new MifTape(capacity * n, steps) : null;
            historyLength = (long) (steps + 1) * capacity * n;
            if (historyLength > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("layer " + (l + 1) + ": " + capacity + " samples x " + n + " neurons x "
                        + (steps + 1) + " time points do not fit one array; use fewer steps or a smaller chunk");
            }
            history[l] = new double[(int) historyLength];
            read[l] = new DMatrixRMaj(capacity, nIn);
            currentA[l] = new DMatrixRMaj(capacity, n);
            currentB[l] = new DMatrixRMaj(capacity, n);
            gradCurrent[l] = new DMatrixRMaj(capacity, n);
            gradRead[l] = new DMatrixRMaj(capacity, nIn);
            gStart[l] = new double[capacity * n];
            gEnd[l] = new double[capacity * n];
            gNextStart[l] = new double[capacity * n];
            lv[l] = new double[capacity * n];
            lx1[l] = new double[capacity * n];
            lx2[l] = new double[capacity * n];
        }
        la = new double[capacity * size[0]];
        li = new double[capacity * size[0]];
        dLdv = new double[(steps + 1) * capacity * size[layers - 1]];
        scratch = new double[size[layers - 1]];
        int nIn0 = net.synapse(0).inShape().size();
        inputRead = new DMatrixRMaj(capacity, nIn0);
        drivenCurrent = new DMatrixRMaj(capacity, size[0]);
        biasCurrent = new double[capacity * size[0]];
        drivenGradient = new DMatrixRMaj(capacity, size[0]);
        rasters = new SpikeRaster[capacity];
        for (int b = 0; b < capacity; b++) {
            rasters[b] = new SpikeRaster(steps);
        }
        labels = new int[capacity];
        dataIndex = new int[capacity];
    }

    /** Bytes a workspace of this many samples holds for a network (tapes and histories), for sizing chunks. */
    public static long bytesPerSample(Network net, boolean tape) {
        long per = 0;
        for (int l = 0; l < net.layerCount(); l++) {
            long n = net.shape(l).size();
            per += n * (net.spec.steps() + 1) * 8L;
            if (tape) {
                per += n * net.spec.steps() * 21L * 8L;
            }
        }
        return per;
    }

    public int capacity() {
        return capacity;
    }

    /** Seed of the spikes of data item {@code index} in pass {@code pass} (epoch, or −1 for evaluation). */
    static long spikeSeed(long seed, long pass, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + pass * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Runs the chunk {@code order[from .. from+count)} of the data set through the first
     * {@code upTo} layers; with a tape the steps are recorded for {@link #backward}.
     */
    public void forward(Dataset data, int[] order, int from, int count, long pass, int upTo) {
        if (count < 1 || count > capacity) {
            throw new IllegalArgumentException("chunk of " + count + " for a workspace of " + capacity);
        }
        batch = count;
        Encoding enc = spec.encoding();
        int pixels = data.pixels();
        if (pixels != net.synapse(0).inShape().size()) {
            throw new IllegalArgumentException(data.name() + " has " + pixels + " pixels per image; the network takes "
                    + net.synapse(0).inShape().size());
        }
        ReadFunction read0 = net.read(0);
        double[] r0 = inputRead.data;
        for (int b = 0; b < capacity; b++) {
            boolean live = b < count;
            int idx = live ? order[from + b] : -1;
            dataIndex[b] = idx;
            labels[b] = live ? data.labels()[idx] : -1;
            if (enc.spiking()) {
                if (live) {
                    enc.spikes(data.images(), idx * pixels, pixels, steps, dt, spikeSeed(spec.seed(), pass, idx), rasters[b]);
                } else {
                    rasters[b].clearForPadding(steps);
                }
            } else {
                for (int i = 0; i < pixels; i++) {
                    r0[b * pixels + i] = live ? read0.value(enc.voltage() * data.images()[idx * pixels + i]) : 0;
                }
            }
        }
        for (int l = 0; l < upTo; l++) {
            neurons[l].resetToRest();
            System.arraycopy(neurons[l].v, 0, history[l], 0, capacity * size[l]);
        }
        // currents at t0
        for (int b = 0; b < capacity; b++) {
            net.synapse(0).biasCurrents(biasCurrent, b * size[0]);
        }
        if (!enc.spiking()) {
            net.synapse(0).forward(inputRead, drivenCurrent);
        }
        double[] prev0 = firstLayerCurrent(0);
        for (int l = 1; l < upTo; l++) {
            readSignals(l, 0);
            net.synapse(l).forward(read[l], currentA[l]);
        }
        double spikeScale = Math.E * read0.value(enc.voltage());
        for (int n = 0; n < steps; n++) {
            for (int l = 0; l < upTo; l++) {
                MifNeuronBatch layer = neurons[l];
                double[] start;
                double[] end;
                if (l == 0) {
                    if (enc.spiking()) {
                        for (int b = 0; b < count; b++) {
                            SpikeRaster s = rasters[b];
                            for (int q = s.from(n); q < s.to(n); q++) {
                                net.synapse(0).scatterInput(s.pixel(q), spikeScale, layer.a, b * size[0]);
                            }
                        }
                    }
                    start = prev0;
                    end = firstLayerCurrent(n + 1);
                    prev0 = end;
                } else {
                    readSignals(l, -1);
                    net.synapse(l).forward(read[l], currentB[l]);
                    start = currentA[l].data;
                    end = currentB[l].data;
                    DMatrixRMaj t = currentA[l];
                    currentA[l] = currentB[l];
                    currentB[l] = t;
                }
                try {
                    layer.step(dt, start, end, tape ? tapes[l] : null, n);
                } catch (StepFailedException e) {
                    int k = e.neuron();
                    throw new StepFailedException(String.format(java.util.Locale.ROOT,
                            "layer %d, neuron %d, image %d of %s, step %d of %d (t = %.4g ms): %s", l + 1, k % size[l],
                            dataIndex[Math.max(0, k) / size[l]], data.name(), n + 1, steps, n * dt * 1e3, e.getMessage()), k, n * dt);
                }
                System.arraycopy(layer.v, 0, history[l], (n + 1) * capacity * size[l], capacity * size[l]);
            }
        }
    }

    /** The first layer's column currents at time point n: driven (direct/gated) or the biases alone. */
    private double[] firstLayerCurrent(int n) {
        Encoding enc = spec.encoding();
        return !enc.spiking() && enc.driven(n, steps) ? drivenCurrent.data : biasCurrent;
    }

    /**
     * Fills read[l] with φ of layer l−1's membrane voltages at time point n (n = −1: the layer's
     * present voltages).
     */
    private void readSignals(int l, int n) {
        ReadFunction f = net.read(l);
        double[] out = read[l].data;
        int len = capacity * size[l - 1];
        if (n < 0) {
            double[] v = neurons[l - 1].v;
            for (int k = 0; k < len; k++) {
                out[k] = f.value(v[k]);
            }
        } else {
            double[] h = history[l - 1];
            int base = n * len;
            for (int k = 0; k < len; k++) {
                out[k] = f.value(h[base + k]);
            }
        }
    }

    /** Result of a backward pass over a chunk: summed loss and correct predictions. */
    public record ChunkResult(double loss, int correct, int count) {
    }

    /** Loss and correct predictions of the last forward pass (which must have run all layers). */
    public ChunkResult evaluate() {
        int last = layers - 1;
        int classes = size[last];
        double loss = 0;
        int correct = 0;
        Arrays.fill(dLdv, 0);
        for (int b = 0; b < batch; b++) {
            loss += spec.objective().lossAndGradient(history[last], steps, capacity, b, classes, labels[b], dLdv, scratch);
            if (predict(b) == labels[b]) {
                correct++;
            }
        }
        return new ChunkResult(loss, correct, batch);
    }

    /** The class the read-out predicts for sample b of the last forward pass. */
    public int predict(int b) {
        int last = layers - 1;
        return spec.objective().predict(history[last], steps, capacity, b, size[last], neurons[last].spikeCount, b * size[last]);
    }

    /** The data-set index of sample b of the last forward pass. */
    public int dataIndex(int b) {
        return dataIndex[b];
    }

    /** Membrane voltage of neuron k of layer l, sample b, at time point n (0..T) of the last forward pass. */
    public double voltage(int l, int b, int k, int n) {
        return history[l][(n * capacity + b) * size[l] + k];
    }

    /**
     * After a taped forward pass over all layers: the loss, and the gradients of the chunk's
     * summed loss added into {@code grads} (one per layer).
     */
    public ChunkResult backward(LayerGradient[] grads) {
        if (!tape) {
            throw new IllegalStateException("this workspace records no tape");
        }
        ChunkResult result = evaluate();
        Encoding enc = spec.encoding();
        int last = layers - 1;
        double tau = net.mif.synapseTau();
        for (int l = 0; l < layers; l++) {
            Arrays.fill(lv[l], 0);
            Arrays.fill(lx1[l], 0);
            Arrays.fill(lx2[l], 0);
            Arrays.fill(gNextStart[l], 0);
        }
        Arrays.fill(la, 0);
        Arrays.fill(li, 0);
        Arrays.fill(drivenGradient.data, 0);
        boolean spiking = enc.spiking();
        double spikeScale = Math.E * net.read(0).value(enc.voltage());
        for (int n = steps - 1; n >= 0; n--) {
            for (int l = last; l >= 0; l--) {
                int len = capacity * size[l];
                if (l == last) {
                    int base = (n + 1) * len;
                    double[] v = lv[l];
                    for (int k = 0; k < len; k++) {
                        v[k] += dLdv[base + k];
                    }
                }
                tapes[l].vjp(n, tau, lv[l], lx1[l], lx2[l], l == 0 && spiking ? la : null, l == 0 && spiking ? li : null,
                        gStart[l], gEnd[l], 0, len);
                double[] g = gradCurrent[l].data;
                double[] gs = gNextStart[l];
                double[] ge = gEnd[l];
                for (int k = 0; k < len; k++) {
                    g[k] = ge[k] + gs[k];
                }
                gNextStart[l] = gStart[l];
                gStart[l] = gs;
                synapseBackward(l, n + 1, grads[l]);
                if (l == 0 && spiking) {
                    for (int b = 0; b < batch; b++) {
                        SpikeRaster s = rasters[b];
                        for (int q = s.from(n); q < s.to(n); q++) {
                            net.synapse(0).gatherGradient(s.pixel(q), spikeScale, la, b * size[0], grads[0].w);
                        }
                    }
                }
            }
        }
        for (int l = 0; l < layers; l++) {
            System.arraycopy(gNextStart[l], 0, gradCurrent[l].data, 0, capacity * size[l]);
            synapseBackward(l, 0, grads[l]);
        }
        if (!spiking) {
            net.synapse(0).backward(inputRead, drivenGradient, null, grads[0]);
        }
        return result;
    }

    /** Back through layer l's synapses at time point n, with dLoss/dcurrent in gradCurrent[l]. */
    private void synapseBackward(int l, int n, LayerGradient g) {
        double[] gc = gradCurrent[l].data;
        int len = capacity * size[l];
        if (l == 0) {
            Encoding enc = spec.encoding();
            if (!enc.spiking() && enc.driven(n, steps)) {
                double[] acc = drivenGradient.data;
                for (int k = 0; k < len; k++) {
                    acc[k] += gc[k];
                }
            } else {
                for (int b = 0; b < capacity; b++) {
                    net.synapse(0).biasGradient(gc, b * size[0], g.b);
                }
            }
            return;
        }
        readSignals(l, n);
        boolean needInput = n > 0;
        net.synapse(l).backward(read[l], gradCurrent[l], needInput ? gradRead[l] : null, g);
        if (needInput) {
            ReadFunction f = net.read(l);
            double[] gr = gradRead[l].data;
            double[] h = history[l - 1];
            int lenIn = capacity * size[l - 1];
            int base = n * lenIn;
            double[] target = lv[l - 1];
            for (int k = 0; k < lenIn; k++) {
                target[k] += gr[k] * f.slope(h[base + k]);
            }
        }
    }

    /**
     * For initialization: the mean square of layer l's read signals per row over the probe
     * samples (and over time for layers fed by neurons), with the layers below as they are now.
     * For spike inputs, a spike's read signal counts once per synaptic time constant.
     */
    double meanSquareRead(int l, Dataset data, int[] order) {
        int count = Math.min(capacity, order.length);
        Encoding enc = spec.encoding();
        if (l == 0) {
            forward(data, order, 0, count, -1, 0);
            int pixels = data.pixels();
            if (!enc.spiking()) {
                double s = 0;
                for (int k = 0; k < count * pixels; k++) {
                    s += inputRead.data[k] * inputRead.data[k];
                }
                return s / (count * (double) pixels);
            }
            long spikes = 0;
            for (int b = 0; b < count; b++) {
                spikes += rasters[b].total();
            }
            double r = net.read(0).value(enc.voltage());
            double windows = steps * dt / net.mif.synapseTau();
            return r * r * spikes / (count * (double) pixels * Math.max(1, windows));
        }
        forward(data, order, 0, count, -1, l);
        ReadFunction f = net.read(l);
        double s = 0;
        int len = size[l - 1];
        for (int n = 1; n <= steps; n++) {
            for (int b = 0; b < count; b++) {
                for (int k = 0; k < len; k++) {
                    double r = f.value(history[l - 1][(n * capacity + b) * len + k]);
                    s += r * r;
                }
            }
        }
        return s / ((double) steps * count * len);
    }
}
