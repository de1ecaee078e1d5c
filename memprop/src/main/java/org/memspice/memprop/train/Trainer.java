package org.memspice.memprop.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import org.memspice.memprop.net.DevicePairs;
import org.memspice.memprop.net.LayerGradient;
import org.memspice.memprop.net.Network;
import org.memspice.memprop.net.Workspace;
import org.memspice.spice.output.AtomicFiles;

/**
 * The training loop, in one place: for every mini-batch, forward and backward passes over fixed
 * chunks of samples run data-parallel on a pool of threads (each with its own workspace), the
 * chunk gradients are summed in chunk order (so the result does not depend on the number of
 * threads), the optimizer turns the mean gradient into wanted changes, and each layer's weight
 * store applies them (adds them, or programs devices). After every epoch: a test pass, the log,
 * and an atomically written checkpoint from which {@link #resume} continues to exactly the result
 * of an uninterrupted run. Without an output folder ({@code out} null: a training sweep's point)
 * nothing is written.
 */
public final class Trainer implements AutoCloseable {
    private final Network net;
    private final TrainingConfig config;
    private final Optimizer optimizer;
    private final Dataset train;
    private final Dataset test;
    private final Path out;
    private final int threads;
    private final ExecutorService pool;
    private final ThreadLocal<Workspace> trainSpace;
    private final Evaluator evaluator;
    private final LayerGradient[][] chunkGradients;
    private final LayerGradient[] total;
    private final LayerGradient[] change;
    private final List<EpochRecord> history;
    private final int[] trainOrder;
    private final int[] testOrder;
    private final double[] weightUnits;
    private final double[] biasUnits;
    private int epochsDone;

    private Trainer(Network net, TrainingConfig config, Optimizer optimizer, Dataset train, Dataset test, Path out, int threads,
            int epochsDone, List<EpochRecord> history) {
        this.net = net;
        this.config = config;
        this.train = train;
        this.test = test;
        this.out = out;
        this.threads = threads;
        this.epochsDone = epochsDone;
        this.history = new ArrayList<>(history);
        int layers = net.layerCount();
        weightUnits = new double[layers];
        biasUnits = new double[layers];
        for (int l = 0; l < layers; l++) {
            weightUnits[l] = net.weightUnit(l);
            biasUnits[l] = net.biasUnit(l);
        }
        total = new LayerGradient[layers];
        change = new LayerGradient[layers];
        for (int l = 0; l < layers; l++) {
            total[l] = net.synapse(l).newGradient();
            change[l] = net.synapse(l).newGradient();
        }
        this.optimizer = optimizer != null ? optimizer : new Optimizer(config.optimizer(), config.momentum(), total);
        int chunks = (config.batch() + config.chunk() - 1) / config.chunk();
        chunkGradients = new LayerGradient[chunks][layers];
        for (int c = 0; c < chunks; c++) {
            for (int l = 0; l < layers; l++) {
                chunkGradients[c][l] = net.synapse(l).newGradient();
            }
        }
        long seed = net.spec.seed();
        trainOrder = Evaluator.order(train, config.trainLimit(), seed ^ 0x5DEECE66DL);
        testOrder = Evaluator.order(test, config.testLimit(), TEST_SUBSET_SEED);
        pool = Pools.daemon(threads, "memprop-worker");
        trainSpace = ThreadLocal.withInitial(() -> new Workspace(net, config.chunk(), true));
        evaluator = new Evaluator(net, config.chunk(), pool, false);
    }

    /** A new run: the network must be initialized; {@code out} null writes no log or checkpoint. */
    public static Trainer start(Network net, TrainingConfig config, Dataset train, Dataset test, Path out, int threads) {
        return new Trainer(net, config, null, train, test, out, threads, 0, List.of());
    }

    /** Continues the run a checkpoint holds (optionally to a different number of epochs). */
    public static Trainer resume(Checkpoint.Contents c, TrainingConfig config, Dataset train, Dataset test, Path out, int threads) {
        return new Trainer(c.network(), config, c.optimizer(), train, test, out, threads, c.epochsDone(), c.history());
    }

    /** The seed of a class-balanced test subset (the same for every run, so runs compare on the same images). */
    public static final long TEST_SUBSET_SEED = 0xB5297A4DL;

    public Network network() {
        return net;
    }

    public int epochsDone() {
        return epochsDone;
    }

    public List<EpochRecord> history() {
        return List.copyOf(history);
    }

    public int trainingSamples() {
        return trainOrder.length;
    }

    /** Trains the remaining epochs, checkpointing after each. */
    public void run(TrainingListener listener) throws IOException {
        while (epochsDone < config.epochs()) {
            runEpoch(listener);
        }
    }

    /** One epoch: the training pass, the test pass, the log and the checkpoint. */
    public EpochRecord runEpoch(TrainingListener listener) throws IOException {
        int epoch = epochsDone;
        int[] order = trainOrder.clone();
        Datasets.shuffle(order, new SplittableRandom(net.spec.seed() * 1_000_003L + epoch));
        long perEpoch = (order.length + config.batch() - 1) / config.batch();
        long t0 = System.nanoTime();
        double lossSum = 0;
        int correct = 0;
        int seen = 0;
        double lr = 0;
        for (int start = 0; start < order.length; start += config.batch()) {
            int count = Math.min(config.batch(), order.length - start);
            Workspace.ChunkResult r = gradient(order, start, count, epoch);
            lossSum += r.loss();
            correct += r.correct();
            seen += count;
            lr = config.schedule().at(optimizer.steps(), epoch, perEpoch, config.epochs());
            optimizer.step(total, lr, weightUnits, biasUnits, change);
            for (int l = 0; l < net.layerCount(); l++) {
                net.store(l).apply(change[l].w, change[l].b, optimizer.steps() - 1);
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            listener.batch(epoch + 1, config.epochs(), seen, order.length, lossSum / seen, correct / (double) seen, seen / elapsed);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Evaluation ev = evaluate(test, testOrder, listener);
        long pulses = 0;
        for (int l = 0; l < net.layerCount(); l++) {
            if (net.store(l) instanceof DevicePairs d) {
                pulses += d.pulses();
            }
        }
        EpochRecord rec = new EpochRecord(epoch + 1, lr, lossSum / seen, correct / (double) seen, ev.loss(), ev.accuracy(),
                ev.correct(), ev.count(), seconds, seen / seconds, pulses);
        history.add(rec);
        epochsDone = epoch + 1;
        if (out != null) {
            writeLog();
            Checkpoint.write(out.resolve(Checkpoint.FILE), new Checkpoint.Contents(net, config, optimizer, epochsDone, history));
        }
        listener.epoch(rec, ev);
        return rec;
    }

    /** The mean gradient of the samples order[start .. start+count) into {@code total}. */
    private Workspace.ChunkResult gradient(int[] order, int start, int count, int epoch) {
        int chunk = config.chunk();
        int chunks = (count + chunk - 1) / chunk;
        List<Callable<Workspace.ChunkResult>> jobs = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = start + c * chunk;
            int len = Math.min(chunk, count - c * chunk);
            LayerGradient[] slot = chunkGradients[c];
            jobs.add(() -> {
                for (LayerGradient g : slot) {
                    g.clear();
                }
                Workspace ws = trainSpace.get();
                ws.forward(train, order, from, len, epoch, net.layerCount());
                return ws.backward(slot);
            });
        }
        List<Workspace.ChunkResult> results = runAll(jobs);
        for (LayerGradient g : total) {
            g.clear();
        }
        double loss = 0;
        int correct = 0;
        for (int c = 0; c < chunks; c++) {
            for (int l = 0; l < total.length; l++) {
                total[l].add(chunkGradients[c][l]);
            }
            loss += results.get(c).loss();
            correct += results.get(c).correct();
        }
        for (LayerGradient g : total) {
            g.scale(1.0 / count);
        }
        return new Workspace.ChunkResult(loss, correct, count);
    }

    /** Accuracy, mean loss and confusion matrix on the given samples (forward passes only, in parallel). */
    public Evaluation evaluate(Dataset data, int[] order, TrainingListener listener) {
        return evaluator.evaluate(data, order, listener);
    }

    /** The test samples this run evaluates on. */
    public int[] testOrder() {
        return testOrder.clone();
    }

    private <T> List<T> runAll(List<Callable<T>> jobs) {
        return Pools.runAll(pool, jobs);
    }

    private void writeLog() throws IOException {
        StringBuilder sb = new StringBuilder(EpochRecord.HEADER).append('\n');
        for (EpochRecord r : history) {
            sb.append(r.csv()).append('\n');
        }
        AtomicFiles.writeText(out.resolve("log.csv"), sb.toString());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
