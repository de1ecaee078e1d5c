package org.memspice.dse.stochastic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.memspice.devices.stochastic.StochasticCbram;
import org.memspice.dse.net.Architectures;
import org.memspice.dse.net.PlainNetwork;
import org.memspice.dse.net.ReferenceTrainer;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.net.Shape;

/**
 * A training run whose weight updates come from CBRAM bit streams ({@link StochasticProduct})
 * or, with stream length 0, from floating point (the baseline): {@code dse.net}'s trainer with
 * plain SGD, its forward and backward passes in floating point. Seeds: the network's initial
 * weights and data order from {@code seed}, the devices' variation from seed + 1, their
 * calibration from seed + 2, the streams from seed + 3.
 */
public final class StochasticTraining {
    /** The networks: an MLP input-hidden-classes, or dse.net's small CNN (conv 8 5x5/2, conv 16 3x3/2, dense). */
    public enum Model {
        MLP, CNN;

        public static Model parse(String s) {
            return switch (s) {
                case "mlp" -> MLP;
                case "cnn" -> CNN;
                default -> throw new IllegalArgumentException("--model must be mlp or cnn, got '" + s + "'");
            };
        }

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A run: the network, stream length (0: floating-point updates), device variation σ, whether
     * to calibrate and with how many pulses per point, the coding, the trainer's settings and the
     * pulses.
     */
    public record Setup(Model model, int hidden, int length, double variation, boolean calibrate, int calibrationTrials,
            StochasticProduct.Coding coding, ReferenceTrainer.Config trainer, CbramBank.Pulses pulses) {
        public Setup {
            if (length < 0 || length > StochasticProduct.MAX_LENGTH) {
                throw new IllegalArgumentException("--stream-length must be 1-" + StochasticProduct.MAX_LENGTH + ", got " + length);
            }
            if (!Double.isFinite(variation) || variation < 0 || variation > 1) {
                throw new IllegalArgumentException("--variation must be a finite number in [0, 1], got " + variation);
            }
            if (hidden < 1 || hidden > 10_000) {
                throw new IllegalArgumentException("--hidden must be 1-10000, got " + hidden);
            }
            if (trainer.optimizer() != ReferenceTrainer.Optimizer.SGD) {
                throw new IllegalArgumentException("stochastic updates are SGD steps (lr times the outer product)");
            }
        }
    }

    /** What a run gives: the trained network, test accuracy, times, the devices and their update statistics. */
    public record Result(PlainNetwork net, double testAccuracy, int correct, int testSize, double trainSeconds,
            double calibrationSeconds, CbramBank bank, UpdateStats stats, List<double[]> epochs) {
    }

    private StochasticTraining() {
    }

    public static PlainNetwork network(Model model, Shape input, int classes, int hidden) {
        return model == Model.MLP ? Architectures.mlp(input, new int[] {input.size(), hidden, classes})
                : Architectures.cnn(input, classes);
    }

    /** The devices a run uses, calibrated when the setup asks (null for floating-point updates). */
    public static CbramBank bank(Setup s, PlainNetwork net) {
        if (s.length() == 0) {
            return null;
        }
        CbramBank bank = new CbramBank(new StochasticCbram(java.util.Map.of()), StochasticProduct.devices(net), s.variation(),
                s.trainer().seed() + 1, s.pulses());
        if (s.calibrate()) {
            bank.calibrate(s.calibrationTrials(), s.trainer().seed() + 2);
        }
        return bank;
    }

    /** Trains a fresh network; {@code listener} sees progress and each epoch (train and test accuracy). */
    public static Result train(Setup s, Dataset train, Dataset test, ReferenceTrainer.Listener listener) {
        Shape input = new Shape(1, train.rows(), train.cols());
        PlainNetwork net = network(s.model(), input, train.classes(), s.hidden());
        Architectures.initialize(net, s.trainer().seed());
        long t0 = System.nanoTime();
        CbramBank bank = bank(s, net);
        double calibration = (System.nanoTime() - t0) / 1e9;
        List<StochasticProduct> products = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.function.Supplier<org.memspice.dse.net.OuterProduct> supplier = bank == null ? null : () -> {
            StochasticProduct p = new StochasticProduct(net, bank, s.length(), s.coding(), s.trainer().seed() + 3);
            products.add(p);
            return p;
        };
        List<double[]> epochs = new ArrayList<>();
        double[] last = new double[1];
        long t1 = System.nanoTime();
        new ReferenceTrainer(net, s.trainer(), supplier).train(train, test, new ReferenceTrainer.Listener() {
            @Override
            public void progress(int epoch, long done, long total, double meanLoss) {
                listener.progress(epoch, done, total, meanLoss);
            }

            @Override
            public void epoch(int epoch, double meanLoss, double trainAccuracy, double testAccuracy) {
                epochs.add(new double[] {epoch, meanLoss, trainAccuracy, testAccuracy, (System.nanoTime() - t1) / 1e9});
                last[0] = testAccuracy;
                listener.epoch(epoch, meanLoss, trainAccuracy, testAccuracy);
            }
        });
        double seconds = (System.nanoTime() - t1) / 1e9;
        UpdateStats stats = new UpdateStats();
        synchronized (products) {
            products.forEach(p -> stats.add(p.stats()));
        }
        return new Result(net, last[0], (int) Math.round(last[0] * test.size()), test.size(), seconds, calibration, bank, stats,
                epochs);
    }

    /** Test accuracy of a network on a pool (ReferenceTrainer's software forward pass). */
    public static double accuracy(PlainNetwork net, Dataset data, ExecutorService pool) {
        return ReferenceTrainer.accuracy(net, data, pool);
    }
}
