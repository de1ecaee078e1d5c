package org.memspice.memprop.train;

import java.util.Locale;
import java.util.Properties;

/**
 * How a network is trained: epochs, mini-batch size, optimizer and schedule, how many training
 * and test images are used (0 = all), and the chunk of samples one thread runs at a time (fixed
 * per run: gradients are summed chunk by chunk in order, so results do not depend on the number
 * of threads).
 */
public record TrainingConfig(String dataset, int epochs, int batch, Optimizer.Kind optimizer, double momentum,
        Schedule schedule, int trainLimit, int testLimit, int chunk) {

    public TrainingConfig {
        if (epochs < 1 || epochs > 100_000) {
            throw new IllegalArgumentException("--epochs must be 1-100000, got " + epochs);
        }
        if (batch < 1 || batch > 100_000) {
            throw new IllegalArgumentException("--batch must be 1-100000, got " + batch);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("--momentum must be in [0, 1), got " + momentum);
        }
        if (trainLimit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("--limit and --test-limit must be >= 0 (0 = all), got " + trainLimit + ", " + testLimit);
        }
        if (chunk < 1 || chunk > 4096) {
            throw new IllegalArgumentException("chunk must be 1-4096 samples, got " + chunk);
        }
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("train.dataset", dataset);
        p.setProperty("train.epochs", Integer.toString(epochs));
        p.setProperty("train.batch", Integer.toString(batch));
        p.setProperty("train.optimizer", optimizer.option());
        p.setProperty("train.momentum", num(momentum));
        p.setProperty("train.schedule", schedule.kind().option());
        p.setProperty("train.lr", num(schedule.lr()));
        p.setProperty("train.lr-floor", num(schedule.floor()));
        p.setProperty("train.lr-gamma", num(schedule.gamma()));
        p.setProperty("train.lr-every", Integer.toString(schedule.every()));
        p.setProperty("train.warmup", Integer.toString(schedule.warmup()));
        p.setProperty("train.limit", Integer.toString(trainLimit));
        p.setProperty("train.test-limit", Integer.toString(testLimit));
        p.setProperty("train.chunk", Integer.toString(chunk));
        return p;
    }

    public static TrainingConfig fromProperties(Properties p) {
        return new TrainingConfig(p.getProperty("train.dataset", "mnist"), Integer.parseInt(p.getProperty("train.epochs")),
                Integer.parseInt(p.getProperty("train.batch")), Optimizer.Kind.parse(p.getProperty("train.optimizer")),
                Double.parseDouble(p.getProperty("train.momentum")),
                new Schedule(Schedule.Kind.parse(p.getProperty("train.schedule")), Double.parseDouble(p.getProperty("train.lr")),
                        Double.parseDouble(p.getProperty("train.lr-floor")), Double.parseDouble(p.getProperty("train.lr-gamma")),
                        Integer.parseInt(p.getProperty("train.lr-every")), Integer.parseInt(p.getProperty("train.warmup"))),
                Integer.parseInt(p.getProperty("train.limit")), Integer.parseInt(p.getProperty("train.test-limit")),
                Integer.parseInt(p.getProperty("train.chunk")));
    }

    /**
     * Samples one thread runs at a time: up to 8, fewer when a sample's tape is large (at most
     * 64 MB per thread). A function of the network and the batch only, so a run gives the same
     * numbers on any machine and any thread count.
     */
    public static int chunkFor(org.memspice.memprop.net.NetworkSpec netSpec, int batch) {
        long perSample = org.memspice.memprop.net.Workspace.bytesPerSample(org.memspice.memprop.net.Network.blank(netSpec), true);
        long fit = Math.max(1, (64L << 20) / Math.max(1, perSample));
        return (int) Math.max(1, Math.min(Math.min(8, batch), fit));
    }

    /** The same run with more (or fewer) epochs. */
    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(dataset, e, batch, optimizer, momentum, schedule, trainLimit, testLimit, chunk);
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.17g", d);
    }
}
