package org.memspice.cli.dse;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.memspice.cli.UserInputException;
import org.memspice.dse.net.Architectures;
import org.memspice.dse.net.NetworkFiles;
import org.memspice.dse.net.PlainNetwork;
import org.memspice.dse.net.ReferenceTrainer;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import org.memspice.memprop.net.Shape;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memspice dse train-reference}: trains a plain (non-spiking) MLP, CNN or
 * depthwise-separable CNN on MNIST or Fashion-MNIST and writes it in the plain network format,
 * after every epoch, for {@code dse infer} and {@code dse run} to map.
 */
@Command(name = "train-reference", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a plain MLP, CNN or depthwise-separable CNN to map onto tiles.",
            "Writes NETDIR/network.txt and per-layer CSV weights after every epoch; last line: test accuracy P %% (c/n)."})
public final class TrainReferenceCommand implements Callable<Integer> {
    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist or fashion (default ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--layers", defaultValue = "784,256,10", paramLabel = "N,N,...",
            description = "MLP sizes, input first (default ${DEFAULT-VALUE})")
    String layers;

    @Option(names = "--cnn", description = "a small CNN instead: conv 8 5x5/2, conv 16 3x3/2, dense")
    boolean cnn;

    @Option(names = "--depthwise", description = "a depthwise-separable CNN instead (depthwise 3x3 + pointwise 1x1 blocks)")
    boolean depthwise;

    @Option(names = {"-o", "--out"}, paramLabel = "NETDIR", required = true, description = "network folder (created if missing)")
    Path out;

    @Option(names = "--epochs", defaultValue = "10", description = "epochs (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", description = "minibatch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the initial weights and data order (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--limit", defaultValue = "0", description = "train on a balanced subset of this many images (0: all)")
    int limit;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter outW = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (cnn && depthwise) {
            throw new UserInputException("--cnn and --depthwise: choose one");
        }
        Datasets.Kind kind = CommonOptions.kind(dataset, "--dataset");
        ReferenceTrainer.Config config;
        try {
            config = new ReferenceTrainer.Config(epochs, batch, lr, seed, common.threads(null));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        Path folder = Datasets.dataFolder(common.data);
        Dataset train = Datasets.load(folder, kind, true);
        Dataset test = Datasets.load(folder, kind, false);
        if (limit < 0 || limit > train.size()) {
            throw new UserInputException("--limit must be 0-" + train.size() + ", got " + limit);
        }
        if (limit > 0) {
            train = train.subset(Datasets.balancedSubset(train, limit, seed), "-" + limit);
        }
        Shape input = new Shape(1, train.rows(), train.cols());
        PlainNetwork net;
        try {
            net = cnn ? Architectures.cnn(input, 10) : depthwise ? Architectures.depthwise(input, 10)
                    : Architectures.mlp(input, sizes(layers));
        } catch (IllegalArgumentException e) {
            throw new UserInputException((cnn || depthwise ? "" : "--layers: ") + e.getMessage());
        }
        Architectures.initialize(net, seed);
        outW.printf(Locale.ROOT, "training %s on %s (%,d images), %d epochs of batches of %d, Adam lr %g, seed %d%n",
                net.describe(), train.name(), train.size(), epochs, batch, lr, seed);
        Progress progress = new Progress(err, common.quiet);
        double[] last = new double[1];
        Dataset trainSet = train;
        new ReferenceTrainer(net, config).train(train, test, new ReferenceTrainer.Listener() {
            @Override
            public void progress(int epoch, long done, long total, double meanLoss) {
                progress.update("epoch " + epoch + "/" + epochs, done, total, "images", String.format(Locale.ROOT, "loss %.4f", meanLoss));
            }

            @Override
            public void epoch(int epoch, double meanLoss, double trainAccuracy, double testAccuracy) {
                last[0] = testAccuracy;
                outW.printf(Locale.ROOT, "epoch %d: loss %.4f, train accuracy %.2f %%, test accuracy %.2f %%%n", epoch, meanLoss,
                        100 * trainAccuracy, 100 * testAccuracy);
                outW.flush();
                try {
                    NetworkFiles.write(out, net, List.of("memspice dse train-reference: " + net.describe() + " on " + trainSet.name(),
                            String.format(Locale.ROOT, "epochs %d of %d, batch %d, Adam lr %g, seed %d", epoch, epochs, batch, lr, seed),
                            String.format(Locale.ROOT, "test accuracy %.2f %% on %s", 100 * testAccuracy, test.name())));
                } catch (IOException e) {
                    throw new UserInputException(out + ": cannot write the network (" + e.getMessage() + ")");
                }
            }
        });
        int correct = (int) Math.round(last[0] * test.size());
        outW.printf(Locale.ROOT, "wrote %s%ntest accuracy %.2f %% (%d/%d)%n", out.resolve(NetworkFiles.FILE), 100 * last[0], correct,
                test.size());
        return 0;
    }

    private static int[] sizes(String text) {
        String[] parts = text.split(",");
        int[] s = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            try {
                s[k] = Integer.parseInt(parts[k].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[k].trim() + "' is not a layer size");
            }
        }
        return s;
    }
}
