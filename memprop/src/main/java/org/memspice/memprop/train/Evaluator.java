package org.memspice.memprop.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.net.Network;
import org.memspice.memprop.net.Workspace;

/**
 * Forward passes only, data-parallel over a pool of threads: test accuracy, mean loss and the
 * confusion matrix of a network. Input spikes (if any) are drawn with the evaluation seed, so a
 * network scores the same every time.
 */
public final class Evaluator implements AutoCloseable {
    private final Network net;
    private final int chunk;
    private final ExecutorService pool;
    private final boolean ownsPool;
    private final ThreadLocal<Workspace> space;

    Evaluator(Network net, int chunk, ExecutorService pool, boolean ownsPool) {
        this.net = net;
        this.chunk = chunk;
        this.pool = pool;
        this.ownsPool = ownsPool;
        this.space = ThreadLocal.withInitial(() -> new Workspace(net, chunk, false));
    }

    /** An evaluator with its own pool of {@code threads} threads. */
    public static Evaluator create(Network net, int chunk, int threads) {
        return new Evaluator(net, chunk, Pools.daemon(threads, "memprop-eval"), true);
    }

    public Evaluation evaluate(Dataset data, int[] order, TrainingListener listener) {
        int classes = net.spec.classes();
        int[][] confusion = new int[classes][classes];
        double loss = 0;
        int correct = 0;
        int block = chunk * 16;
        for (int start = 0; start < order.length; start += block) {
            int end = Math.min(order.length, start + block);
            List<Callable<double[]>> jobs = new ArrayList<>();
            for (int from = start; from < end; from += chunk) {
                int f = from;
                int len = Math.min(chunk, end - from);
                jobs.add(() -> {
                    Workspace ws = space.get();
                    ws.forward(data, order, f, len, -1, net.layerCount());
                    Workspace.ChunkResult r = ws.evaluate();
                    double[] res = new double[1 + 2 * len];
                    res[0] = r.loss();
                    for (int b = 0; b < len; b++) {
                        res[1 + 2 * b] = data.labels()[ws.dataIndex(b)];
                        res[2 + 2 * b] = ws.predict(b);
                    }
                    return res;
                });
            }
            for (double[] res : Pools.runAll(pool, jobs)) {
                loss += res[0];
                for (int q = 1; q < res.length; q += 2) {
                    int truth = (int) res[q];
                    int predicted = (int) res[q + 1];
                    confusion[truth][predicted]++;
                    if (truth == predicted) {
                        correct++;
                    }
                }
            }
            listener.evaluating(end, order.length);
        }
        return new Evaluation(loss / order.length, correct, order.length, confusion);
    }

    /** Indices 0..n-1, or a class-balanced seeded subset of {@code limit} of them (limit 0: all). */
    public static int[] order(Dataset data, int limit, long seed) {
        if (limit == 0 || limit >= data.size()) {
            int[] a = new int[data.size()];
            for (int k = 0; k < a.length; k++) {
                a[k] = k;
            }
            return a;
        }
        return org.memspice.memprop.data.Datasets.balancedSubset(data, limit, seed);
    }

    @Override
    public void close() {
        if (ownsPool) {
            pool.shutdownNow();
        }
    }
}
