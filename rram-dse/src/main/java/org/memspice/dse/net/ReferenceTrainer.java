package org.memspice.dse.net;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import org.memspice.memprop.train.Pools;

/**
 * Trains a {@link PlainNetwork} by minibatch Adam on softmax cross-entropy. Each minibatch is
 * cut into {@link #CHUNKS} fixed chunks whose gradients are computed in parallel and summed in
 * chunk order, so a run gives the same weights on any number of threads.
 */
public final class ReferenceTrainer {
    /** Chunks per minibatch: fixed, so results do not depend on the thread count. */
    public static final int CHUNKS = 8;

    /** Adam, or plain SGD (w −= lr·gradient: the outer product of error and input times the learning rate). */
    public enum Optimizer { ADAM, SGD }

    /** Epochs, minibatch size, the learning rate, the data-order seed, threads and the optimizer. */
    public record Config(int epochs, int batch, double learningRate, long seed, int threads, Optimizer optimizer) {
        /** With Adam. */
        public Config(int epochs, int batch, double learningRate, long seed, int threads) {
            this(epochs, batch, learningRate, seed, threads, Optimizer.ADAM);
        }

        public Config {
            if (epochs < 1 || epochs > 1000) {
                throw new IllegalArgumentException("--epochs must be 1-1000, got " + epochs);
            }
            if (batch < 1 || batch > 100_000) {
                throw new IllegalArgumentException("--batch must be 1-100000, got " + batch);
            }
            if (!(learningRate > 0 && learningRate <= 1)) {
                throw new IllegalArgumentException("--lr must be in (0, 1], got " + learningRate);
            }
            if (threads < 1 || threads > 1024) {
                throw new IllegalArgumentException("--threads must be 1-1024, got " + threads);
            }
        }
    }

    /** What a run reports as it goes. */
    public interface Listener {
        /** {@code done} of {@code total} training samples of this epoch seen. */
        void progress(int epoch, long done, long total, double meanLoss);

        void epoch(int epoch, double meanLoss, double trainAccuracy, double testAccuracy);
    }

    private final PlainNetwork net;
    private final Config config;
    private final double[][] m;
    private final double[][] v;
    private long steps;
    private final java.util.function.Supplier<OuterProduct> products;

    public ReferenceTrainer(PlainNetwork net, Config config) {
        this(net, config, null);
    }

    /**
     * A trainer whose weight gradients are accumulated by {@code products} (one per worker
     * thread; null: exact floating point).
     */
    public ReferenceTrainer(PlainNetwork net, Config config, java.util.function.Supplier<OuterProduct> products) {
        this.net = net;
        this.config = config;
        this.products = products;
        int count = 2 * net.weighted().size();
        m = new double[count][];
        v = new double[count][];
        for (int k = 0; k < net.weighted().size(); k++) {
            m[2 * k] = new double[net.weighted().get(k).weights().length];
            v[2 * k] = new double[m[2 * k].length];
            m[2 * k + 1] = new double[net.weighted().get(k).bias().length];
            v[2 * k + 1] = new double[m[2 * k + 1].length];
        }
    }

    /** Trains for the configured epochs, evaluating on {@code test} after each. */
    public void train(Dataset train, Dataset test, Listener listener) {
        ExecutorService pool = Pools.daemon(config.threads(), "dse-train");
        try {
            ThreadLocal<Backprop> passes = ThreadLocal.withInitial(() -> new Backprop(net, products == null ? null : products.get()));
            Gradient[] chunkGradients = new Gradient[CHUNKS];
            for (int c = 0; c < CHUNKS; c++) {
                chunkGradients[c] = new Gradient(net.weighted());
            }
            Gradient total = new Gradient(net.weighted());
            int[] order = new int[train.size()];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            SplittableRandom random = new SplittableRandom(config.seed());
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                Datasets.shuffle(order, random);
                double lossSum = 0;
                int correct = 0;
                for (int start = 0; start < order.length; start += config.batch()) {
                    int end = Math.min(order.length, start + config.batch());
                    double[] outcome = batch(pool, passes, train, order, epoch, start, end, chunkGradients, total);
                    lossSum += outcome[0];
                    correct += (int) outcome[1];
                    step(total, end - start);
                    listener.progress(epoch, end, order.length, lossSum / end);
                }
                double testAccuracy = accuracy(net, test, pool);
                listener.epoch(epoch, lossSum / order.length, correct / (double) order.length, testAccuracy);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private double[] batch(ExecutorService pool, ThreadLocal<Backprop> passes, Dataset data, int[] order, int epoch, int start, int end,
            Gradient[] chunkGradients, Gradient total) {
        List<Callable<double[]>> jobs = new ArrayList<>();
        int length = end - start;
        for (int c = 0; c < CHUNKS; c++) {
            int from = start + (int) ((long) length * c / CHUNKS);
            int to = start + (int) ((long) length * (c + 1) / CHUNKS);
            Gradient g = chunkGradients[c];
            jobs.add(() -> {
                g.clear();
                Backprop bp = passes.get();
                boolean[] right = new boolean[1];
                double loss = 0;
                int correct = 0;
                for (int q = from; q < to; q++) {
                    int idx = order[q];
                    if (bp.product != null) {
                        bp.product.sample(epoch, q);
                    }
                    loss += bp.sample(data.images(), idx, data.labels()[idx], g, right);
                    correct += right[0] ? 1 : 0;
                }
                return new double[] {loss, correct};
            });
        }
        double loss = 0;
        double correct = 0;
        total.clear();
        List<double[]> results = Pools.runAll(pool, jobs);
        for (int c = 0; c < CHUNKS; c++) {
            loss += results.get(c)[0];
            correct += results.get(c)[1];
            total.add(chunkGradients[c]);
        }
        return new double[] {loss, correct};
    }

    /** One Adam step on the batch-mean gradient (β 0.9/0.999, ε 1e-8), or one SGD step. */
    private void step(Gradient g, int batchSize) {
        steps++;
        if (config.optimizer() == Optimizer.SGD) {
            for (int k = 0; k < net.weighted().size(); k++) {
                sgd(net.weighted().get(k).weights(), g.w[k], batchSize);
                sgd(net.weighted().get(k).bias(), g.b[k], batchSize);
            }
            return;
        }
        double b1 = 0.9;
        double b2 = 0.999;
        double c1 = 1 - Math.pow(b1, steps);
        double c2 = 1 - Math.pow(b2, steps);
        List<Weighted> layers = net.weighted();
        for (int k = 0; k < layers.size(); k++) {
            update(layers.get(k).weights(), g.w[k], m[2 * k], v[2 * k], batchSize, b1, b2, c1, c2);
            update(layers.get(k).bias(), g.b[k], m[2 * k + 1], v[2 * k + 1], batchSize, b1, b2, c1, c2);
        }
    }

    private void sgd(double[] p, double[] g, int batchSize) {
        double scale = config.learningRate() / batchSize;
        for (int i = 0; i < p.length; i++) {
            p[i] -= scale * g[i];
        }
    }

    private void update(double[] p, double[] g, double[] mm, double[] vv, int batchSize, double b1, double b2, double c1,
            double c2) {
        for (int i = 0; i < p.length; i++) {
            double gi = g[i] / batchSize;
            mm[i] = b1 * mm[i] + (1 - b1) * gi;
            vv[i] = b2 * vv[i] + (1 - b2) * gi * gi;
            if (gi != 0 || mm[i] != 0) {
                p[i] -= config.learningRate() * (mm[i] / c1) / (Math.sqrt(vv[i] / c2) + 1e-8);
            }
        }
    }

    /** Fraction of {@code data} the network classifies right (software forward pass). */
    public static double accuracy(PlainNetwork net, Dataset data, ExecutorService pool) {
        ThreadLocal<PlainNetwork.Scratch> scratch = ThreadLocal.withInitial(() -> net.new Scratch());
        int parts = 64;
        List<Callable<double[]>> jobs = new ArrayList<>();
        int size = net.input().size();
        for (int c = 0; c < parts; c++) {
            int from = (int) ((long) data.size() * c / parts);
            int to = (int) ((long) data.size() * (c + 1) / parts);
            jobs.add(() -> {
                int right = 0;
                PlainNetwork.Scratch s = scratch.get();
                for (int q = from; q < to; q++) {
                    right += PlainNetwork.argmax(net.forward(data.images(), q * size, s, net.software())) == data.labels()[q] ? 1 : 0;
                }
                return new double[] {right};
            });
        }
        double right = 0;
        for (double[] r : Pools.runAll(pool, jobs)) {
            right += r[0];
        }
        return right / data.size();
    }
}
