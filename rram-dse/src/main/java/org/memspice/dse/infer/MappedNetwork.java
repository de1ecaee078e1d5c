package org.memspice.dse.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.memspice.dse.DesignParameters;
import org.memspice.dse.DesignPoint;
import org.memspice.dse.hw.TileCircuit;
import org.memspice.dse.hw.TileCircuits;
import org.memspice.dse.hw.TileConductances;
import org.memspice.dse.hw.TileProgrammer;
import org.memspice.dse.hw.Transforms;
import org.memspice.dse.map.Block;
import org.memspice.dse.map.CellCoding;
import org.memspice.dse.map.LayerMap;
import org.memspice.dse.map.TilePlan;
import org.memspice.dse.net.PlainNetwork;
import org.memspice.dse.net.Weighted;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.train.Pools;

/**
 * A {@link PlainNetwork} on crossbar tiles at one {@link DesignPoint}: every weighted layer mapped
 * ({@link LayerMap}), programmed ({@link TileProgrammer}), worn by the point's non-idealities
 * ({@link Transforms}) and turned into the circuits its reads see ({@link TileCircuits}); DAC
 * ranges from the software activations of calibration images and, for min-max or calibrated
 * ADCs, ADC ranges from those images read through the tiles. Its {@link Context}s run images.
 */
public final class MappedNetwork {
    private final PlainNetwork net;
    private final DesignPoint p;
    private final List<MappedLayer> layers;
    private final double buildSeconds;

    MappedNetwork(PlainNetwork net, DesignPoint p, List<MappedLayer> layers, double buildSeconds) {
        this.net = net;
        this.p = p;
        this.layers = layers;
        this.buildSeconds = buildSeconds;
    }

    public PlainNetwork network() {
        return net;
    }

    /** The point as mapped (its conductance range narrowed to the cells' model, if any). */
    public DesignPoint point() {
        return p;
    }

    public List<MappedLayer> layers() {
        return layers;
    }

    /** Seconds spent programming tiles and computing their circuits (transfer matrices). */
    public double buildSeconds() {
        return buildSeconds;
    }

    /**
     * Maps {@code net} at point {@code given}; {@code calibration} images (indices into
     * {@code data}) set the converter ranges; tiles are built on {@code pool}.
     */
    public static MappedNetwork build(PlainNetwork net, DesignPoint given, Dataset data, int[] calibration,
            ExecutorService pool) {
        DesignParameters.validate(given, "design point");
        DesignPoint p = TileCircuits.forCells(given);
        long start = System.nanoTime();
        List<Weighted> weighted = net.weighted();
        double[] xMax = new double[weighted.size()];
        boolean[] signed = new boolean[weighted.size()];
        inputRanges(net, data, calibration, xMax, signed);
        List<MappedLayer> layers = layers(weighted, p, Transforms.of(p), xMax, signed, pool);
        boolean calibrated = p.adcBits > 0 && p.adcRange != DesignPoint.AdcRange.LINEAR;
        if (calibrated) {
            DesignPoint fresh = p.clone();
            fresh.driftTime = 0;
            fresh.retentionTime = 0;
            boolean aging = p.driftTime > 0 || p.retentionTime > 0;
            // ADC ranges are set when the array is programmed; drift and retention come after
            MappedNetwork atProgramming = new MappedNetwork(net, fresh,
                    aging ? layers(weighted, fresh, Transforms.of(fresh), xMax, signed, pool) : layers, 0);
            atProgramming.calibrateAdcs(data, calibration, pool);
            for (int k = 0; k < layers.size(); k++) {
                layers.get(k).low = atProgramming.layers.get(k).low;
                layers.get(k).high = atProgramming.layers.get(k).high;
            }
        }
        return new MappedNetwork(net, p, layers, (System.nanoTime() - start) / 1e9);
    }

    /** Every weighted layer mapped, programmed, worn by {@code transforms} and turned into circuits. */
    static List<MappedLayer> layers(List<Weighted> weighted, DesignPoint p, List<Transforms.Transform> transforms, double[] xMax,
            boolean[] signed, ExecutorService pool) {
        List<MappedLayer> layers = new ArrayList<>();
        List<Callable<TileCircuit>> jobs = new ArrayList<>();
        List<LayerMap> maps = new ArrayList<>();
        List<CellCoding> codings = new ArrayList<>();
        double[] wMax = new double[weighted.size()];
        for (int k = 0; k < weighted.size(); k++) {
            Weighted w = weighted.get(k);
            CellCoding coding = new CellCoding(p);
            LayerMap map = new LayerMap(w, p, coding, "layer " + (k + 1) + " (" + w.describe() + ")");
            double m = 0;
            for (double v : w.weights()) {
                m = Math.max(m, Math.abs(v));
            }
            wMax[k] = m == 0 ? 1 : m;
            maps.add(map);
            codings.add(coding);
            TileProgrammer programmer = new TileProgrammer(p, coding);
            int layer = k;
            for (TilePlan plan : map.tiles()) {
                jobs.add(() -> {
                    TileConductances t = programmer.program(w, plan, wMax[layer]);
                    Transforms.apply(transforms, t, p.seed, layer, plan.index());
                    boolean[] used = new boolean[plan.rows()];
                    for (Block b : plan.blocks()) {
                        for (int i = 0; i < b.inputs(); i++) {
                            used[b.rowFirst() + i] = true;
                        }
                    }
                    return TileCircuits.build(t, p, used);
                });
            }
        }
        List<TileCircuit> circuits = Pools.runAll(pool, jobs);
        int next = 0;
        for (int k = 0; k < weighted.size(); k++) {
            TileCircuit[] c = new TileCircuit[maps.get(k).tiles().size()];
            for (int t = 0; t < c.length; t++) {
                c[t] = circuits.get(next++);
            }
            layers.add(new MappedLayer(k, weighted.get(k), maps.get(k), codings.get(k), c, p, wMax[k], xMax[k], signed[k]));
        }
        return layers;
    }

    /** The largest |x| each weighted layer receives on the calibration images (software pass), and whether x goes negative. */
    private static void inputRanges(PlainNetwork net, Dataset data, int[] calibration, double[] xMax, boolean[] signed) {
        PlainNetwork.Scratch s = net.new Scratch();
        PlainNetwork.Multiplier software = net.software();
        PlainNetwork.Multiplier probe = (k, x, y) -> {
            for (double v : x) {
                xMax[k] = Math.max(xMax[k], Math.abs(v));
                signed[k] |= v < 0;
            }
            software.multiply(k, x, y);
        };
        int size = net.input().size();
        for (int idx : calibration) {
            net.forward(data.images(), idx * size, s, probe);
        }
        for (int k = 0; k < xMax.length; k++) {
            if (xMax[k] == 0) {
                xMax[k] = 1;
            }
        }
    }

    private void calibrateAdcs(Dataset data, int[] calibration, ExecutorService pool) {
        int chunks = Math.min(8, calibration.length);
        List<Callable<Calibration.Recorder[]>> jobs = new ArrayList<>();
        long[][] stride = new long[layers.size()][];
        for (MappedLayer l : layers) {
            stride[l.index] = new long[l.map.tiles().size()];
            for (int t = 0; t < stride[l.index].length; t++) {
                long outputs = 0;
                for (Block b : l.map.tiles().get(t).blocks()) {
                    outputs += b.outputs();
                }
                long expected = (long) calibration.length * l.layer.positions() * l.inputSlices() * outputs;
                stride[l.index][t] = Math.max(1, (expected + Calibration.CAP - 1) / Calibration.CAP);
            }
        }
        int size = net.input().size();
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) calibration.length * c / chunks);
            int to = (int) ((long) calibration.length * (c + 1) / chunks);
            jobs.add(() -> {
                Context ctx = new Context();
                ctx.recorders = new Calibration.Recorder[layers.size()];
                for (MappedLayer l : layers) {
                    ctx.recorders[l.index] = new Calibration.Recorder(l.map.tiles().size(), l.coding.slices(), stride[l.index]);
                }
                PlainNetwork.Scratch s = net.new Scratch();
                for (int q = from; q < to; q++) {
                    net.forward(data.images(), calibration[q] * size, s, ctx);
                }
                return ctx.recorders;
            });
        }
        List<Calibration.Recorder[]> all = Pools.runAll(pool, jobs);
        for (MappedLayer l : layers) {
            List<Calibration.Recorder> perChunk = new ArrayList<>();
            for (Calibration.Recorder[] r : all) {
                perChunk.add(r[l.index]);
            }
            Calibration.apply(l, perChunk, p);
        }
    }

    /** A context for one thread. */
    public Context newContext() {
        return new Context();
    }

    /** The hardware figures of this mapping. */
    public MappingReport report() {
        List<MappingReport.Layer> out = new ArrayList<>();
        for (MappedLayer l : layers) {
            LayerMap map = l.map;
            int slices = l.coding.slices();
            long conversionsPerPosition = 0;
            double cycle = 0;
            int adcBits = p.adcBits == 0 ? p.idealConverterBits : p.adcBits;
            for (TilePlan t : map.tiles()) {
                int conv = t.conversions(slices);
                int adcs = (conv + p.adcShare - 1) / p.adcShare;
                conversionsPerPosition += conv;
                cycle = Math.max(cycle, p.readTime + Math.ceil(conv / (double) adcs) * adcBits / p.adcClock);
            }
            long positions = l.layer.positions();
            long reads = positions * l.inputSlices() * map.tiles().size();
            out.add(new MappingReport.Layer("layer " + (l.index + 1) + " " + l.layer.describe(), map.tiles().size(),
                    map.usedCells(), map.totalCells(), map.connectionCells(l.coding), map.dacs(), map.adcs(p.adcShare), reads,
                    positions * l.inputSlices() * conversionsPerPosition, positions * l.inputSlices() * cycle));
        }
        return new MappingReport(out);
    }

    /**
     * One thread's way through the mapped network: a {@link PlainNetwork.Multiplier} whose
     * products are the tiles' reads; costs go to {@link #tally} (and per layer to
     * {@link #layerTally}).
     */
    public final class Context implements PlainNetwork.Multiplier {
        private final MappedLayer.Reader[] readers = new MappedLayer.Reader[layers.size()];
        public final Tally tally = new Tally();
        public final Tally[] layerTally = new Tally[layers.size()];
        Calibration.Recorder[] recorders;
        private PowerTrace trace;
        private int image;
        private final Tally scratch = new Tally();

        public Context() {
            for (MappedLayer l : layers) {
                readers[l.index] = l.new Reader();
                layerTally[l.index] = new Tally();
            }
        }

        /** Clears the tallies (before an image). */
        public void reset() {
            tally.clear();
            for (Tally t : layerTally) {
                t.clear();
            }
        }

        Tally copyTally() {
            Tally t = new Tally();
            t.add(tally);
            return t;
        }

        Tally[] copyLayerTallies() {
            Tally[] out = new Tally[layerTally.length];
            for (int l = 0; l < out.length; l++) {
                out[l] = new Tally();
                out[l].add(layerTally[l]);
            }
            return out;
        }

        /** Sends the reads of the following images to {@code trace} (null: none), labelled as image {@code index}. */
        public void trace(PowerTrace t, int index) {
            this.trace = t;
            this.image = index;
        }

        @Override
        public void multiply(int index, double[] x, double[] y) {
            scratch.clear();
            readers[index].multiply(x, y, scratch, recorders == null ? null : recorders[index], trace, image, tally.reads);
            tally.add(scratch);
            layerTally[index].add(scratch);
        }
    }
}
