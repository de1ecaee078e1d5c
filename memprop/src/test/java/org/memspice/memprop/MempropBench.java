package org.memspice.memprop;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import org.memspice.memprop.encode.Encoding;
import org.memspice.memprop.net.LayerGradient;
import org.memspice.memprop.net.LayerSpec;
import org.memspice.memprop.net.Network;
import org.memspice.memprop.net.NetworkSpec;
import org.memspice.memprop.net.Objective;
import org.memspice.memprop.net.Shape;
import org.memspice.memprop.net.Workspace;

/**
 * Speed of training the default 784-100-10 SPICEprop network (100 steps of 0.1 ms, direct input)
 * in one run: forward-only and forward+backward samples per second on 1 and 2 threads (chunks of
 * 8, as training runs them), the textbook per-sample formulation on the same images with the
 * ratio, the projected time of one 60,000-image epoch, and the peak heap. Run by bench/memprop.sh.
 * usage: MempropBench DATA_DIR [SAMPLES] [STRAIGHTFORWARD_SAMPLES]
 */
public final class MempropBench {
    private MempropBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int slowSamples = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Dataset train = Datasets.load(dir, Datasets.Kind.MNIST, true);
        Objective obj = new Objective(Objective.Loss.CE_SUM, Objective.Readout.MEAN, 0.05, 1, 0, 0.005, 0.03);
        NetworkSpec spec = new NetworkSpec(NetworkSpec.Model.SPICEPROP, new Shape(1, 28, 28), 10, List.of(new LayerSpec.Dense(100)),
                100, 1e-4, Encoding.direct(0.1), obj, null, 1, 10e-6);
        Network net = Network.blank(spec);
        net.initialize(train, Datasets.balancedSubset(train, 64, 7));
        int[] order = Datasets.balancedSubset(train, samples, 1);
        System.out.printf(Locale.ROOT, "network %s; %d images; chunks of 8; %d cores%n", spec.describe(), samples,
                Runtime.getRuntime().availableProcessors());
        run(net, train, order, 1, false); // warm-up
        run(net, train, order, 1, true);
        double fwd1 = run(net, train, order, 1, false);
        double fwd2 = run(net, train, order, 2, false);
        double both1 = run(net, train, order, 1, true);
        double both2 = run(net, train, order, 2, true);
        System.out.printf(Locale.ROOT, "%-58s %10s %10s%n", "batched, taped (memspice train)", "1 thread", "2 threads");
        System.out.printf(Locale.ROOT, "%-58s %10.0f %10.0f  samples/s%n", "  forward only (evaluation)", fwd1, fwd2);
        System.out.printf(Locale.ROOT, "%-58s %10.0f %10.0f  samples/s%n", "  forward + backward (training)", both1, both2);
        // the straightforward formulation on the first images, one thread
        double[][] gw = new double[net.layerCount()][];
        double[][] gb = new double[net.layerCount()][];
        for (int l = 0; l < net.layerCount(); l++) {
            gw[l] = new double[net.synapse(l).weights().length];
            gb[l] = new double[net.synapse(l).bias().length];
        }
        StraightforwardBptt.lossAndGradient(net, train.images(), order[0] * 784, train.labels()[order[0]], gw, gb); // warm-up
        long t0 = System.nanoTime();
        for (int s = 0; s < slowSamples; s++) {
            int idx = order[s];
            StraightforwardBptt.lossAndGradient(net, train.images(), idx * 784, train.labels()[idx], gw, gb);
        }
        double slow = slowSamples / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "%-58s %10.1f %10s  samples/s (%d images)%n", "straightforward per-sample formulation, fwd+bwd",
                slow, "-", slowSamples);
        System.out.printf(Locale.ROOT, "ratio batched/straightforward, forward+backward, 1 thread: %.1fx%n", both1 / slow);
        System.out.printf(Locale.ROOT, "one 60,000-image epoch at the 2-thread rate: %.1f min (plus about %.0f s for the 10,000 test"
                + " images)%n", 60000 / both2 / 60, 10000 / fwd2);
        // MEMprop: programming one update of every device pair of the same network (Yakopcic, state-aware)
        org.memspice.memprop.net.DeviceConfig dev = org.memspice.memprop.net.DeviceConfig.resolve("yakopcic", java.util.Map.of(),
                null, 0.3, 1.0, 1000, org.memspice.memprop.net.DeviceConfig.Update.STATE_AWARE, 0.05, 0.02, 4, 0.01);
        NetworkSpec memSpec = new NetworkSpec(NetworkSpec.Model.MEMPROP, spec.input(), 10, spec.hidden(), 100, 1e-4,
                spec.encoding(), spec.objective(), dev, 1, 10e-6);
        Network mem = Network.blank(memSpec);
        mem.initialize(train, Datasets.balancedSubset(train, 64, 7));
        double[][] dw = new double[mem.layerCount()][];
        double[][] db = new double[mem.layerCount()][];
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int l = 0; l < mem.layerCount(); l++) {
            dw[l] = new double[mem.synapse(l).weights().length];
            db[l] = new double[mem.synapse(l).bias().length];
            for (int k = 0; k < dw[l].length; k++) {
                dw[l][k] = 0.01 * mem.weightUnit(l) * (2 * r.nextDouble() - 1);
            }
        }
        int updates = 50;
        long tp = System.nanoTime();
        for (int u = 0; u < updates; u++) {
            for (int l = 0; l < mem.layerCount(); l++) {
                mem.store(l).apply(dw[l], db[l], u);
            }
        }
        double perUpdate = (System.nanoTime() - tp) / 1e9 / updates;
        System.out.printf(Locale.ROOT, "MEMprop: programming one update of all %,d device pairs (Yakopcic, state-aware, 5 %% variation,"
                + " 2 %% cycle noise): %.1f ms; %.0f s per 60,000-image epoch in batches of 32%n", mem.parameterCount(), 1e3 * perUpdate,
                perUpdate * 60000 / 32);
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "peak heap in use: %.0f MB (per thread: tapes and histories of a chunk, %.1f MB)%n", peak / 1e6,
                8 * Workspace.bytesPerSample(net, true) / 1e6);
    }

    /** Samples per second over the order, forward only or forward and backward, on the given threads. */
    private static double run(Network net, Dataset data, int[] order, int threads, boolean backward) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ThreadLocal<Workspace> ws = ThreadLocal.withInitial(() -> new Workspace(net, 8, backward));
        ThreadLocal<LayerGradient[]> grads = ThreadLocal.withInitial(() -> {
            LayerGradient[] g = new LayerGradient[net.layerCount()];
            for (int l = 0; l < g.length; l++) {
                g[l] = net.synapse(l).newGradient();
            }
            return g;
        });
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int s = 0; s < order.length; s += 8) {
            int from = s;
            int len = Math.min(8, order.length - s);
            fs.add(pool.submit(() -> {
                Workspace w = ws.get();
                w.forward(data, order, from, len, 0, net.layerCount());
                if (backward) {
                    w.backward(grads.get());
                } else {
                    w.evaluate();
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return order.length / seconds;
    }
}
