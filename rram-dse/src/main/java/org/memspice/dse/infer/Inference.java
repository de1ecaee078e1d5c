package org.memspice.dse.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.memspice.dse.net.PlainNetwork;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.train.Pools;

/**
 * Runs test images through a {@link MappedNetwork}, data-parallel in fixed chunks of images:
 * each image's prediction and costs are kept by its position, then summed in image order, so
 * the result is the same on any number of threads.
 */
public final class Inference {
    /** Images per job: large enough to amortize, small enough to balance two cores. */
    static final int CHUNK = 25;

    /** Progress of a run: images done of total. */
    public interface Listener {
        void progress(int done, int total);
    }

    private Inference() {
    }

    /**
     * Runs the images {@code indices} of {@code data}; the first {@code traceImages} of them send
     * their reads to {@code trace} (when not null).
     */
    public static InferenceResult run(MappedNetwork mn, Dataset data, int[] indices, ExecutorService pool, Listener listener,
            PowerTrace trace, int traceImages) {
        PlainNetwork net = mn.network();
        int layers = mn.layers().size();
        int n = indices.length;
        boolean[] right = new boolean[n];
        Tally[] perImage = new Tally[n];
        Tally[][] perLayer = new Tally[n][];
        ThreadLocal<MappedNetwork.Context> contexts = ThreadLocal.withInitial(mn::newContext);
        ThreadLocal<PlainNetwork.Scratch> scratches = ThreadLocal.withInitial(() -> net.new Scratch());
        int size = net.input().size();
        long start = System.nanoTime();
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int from = 0; from < n; from += CHUNK) {
            int f = from;
            int to = Math.min(n, from + CHUNK);
            jobs.add(() -> {
                MappedNetwork.Context ctx = contexts.get();
                PlainNetwork.Scratch s = scratches.get();
                for (int q = f; q < to; q++) {
                    ctx.reset();
                    boolean traced = trace != null && q < traceImages;
                    ctx.trace(traced ? trace : null, q);
                    int idx = indices[q];
                    double[] logits = net.forward(data.images(), idx * size, s, ctx);
                    right[q] = PlainNetwork.argmax(logits) == data.labels()[idx];
                    perImage[q] = ctx.copyTally();
                    perLayer[q] = ctx.copyLayerTallies();
                }
                return to - f;
            });
        }
        int done = 0;
        int block = 8;
        for (int j = 0; j < jobs.size(); j += block) {
            for (int r : Pools.runAll(pool, jobs.subList(j, Math.min(jobs.size(), j + block)))) {
                done += r;
            }
            if (listener != null) {
                listener.progress(done, n);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Tally total = new Tally();
        Tally[] layerTotal = new Tally[layers];
        for (int l = 0; l < layers; l++) {
            layerTotal[l] = new Tally();
        }
        int correct = 0;
        for (int q = 0; q < n; q++) {
            correct += right[q] ? 1 : 0;
            total.add(perImage[q]);
            for (int l = 0; l < layers; l++) {
                layerTotal[l].add(perLayer[q][l]);
            }
        }
        double overflow = total.conversions == 0 ? 0 : total.overflows / (double) total.conversions;
        double clip = total.dacConversions == 0 ? 0 : total.dacClips / (double) total.dacConversions;
        scale(total, n);
        for (Tally t : layerTotal) {
            scale(t, n);
        }
        return new InferenceResult(correct, n, seconds, total, layerTotal, overflow, clip);
    }

    private static void scale(Tally t, int n) {
        if (n == 0) {
            return;
        }
        t.arrayEnergy /= n;
        t.dacEnergy /= n;
        t.adcEnergy /= n;
        t.addEnergy /= n;
        t.reads /= n;
        t.conversions /= n;
        t.overflows /= n;
        t.dacClips /= n;
        t.dacConversions /= n;
    }
}
