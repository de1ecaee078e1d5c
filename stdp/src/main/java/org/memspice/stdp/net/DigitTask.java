package org.memspice.stdp.net;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.memspice.stdp.StdpTable;
import org.memspice.stdp.SynapseSettings;

/**
 * Unsupervised learning of labelled images in the style of Diehl and Cook (2015): one pass of
 * unsupervised training over the training images in the given order, each output neuron then
 * labelled with the class it spiked most for (per image of that class) over the last
 * {@code labelImages} training images, shown again with the devices frozen; a test image is
 * classified by the class whose labelled neurons spiked most on average. Images are intensities
 * in [0, 1] (for example MNIST's bytes / 255), coded into spikes by the setup's {@link InputCode}.
 * Testing runs on all cores over copies of the frozen network; every image draws its spikes from
 * its own seed, so results do not depend on the number of threads.
 */
public final class DigitTask {
    /**
     * What to run: the network, the input code, the silence after each image (s), how many of the
     * last training images label the neurons, the weight normalisation after every training image
     * (each output's device states as fractions of the range summing to {@code normalise}; 0 for
     * none; see {@link StdpNetwork#normalise}), the longest step across quiet stretches
     * ({@link StdpNetwork#present(Schedule, double, double)}; 0 for fixed steps), and Diehl and
     * Cook's repetition of a quiet image: an image (in training, labelling or test) that makes
     * fewer than {@code minSpikes} output spikes is presented again with the read gain multiplied
     * by {@code boost}, up to {@code retries} times (0 for never).
     */
    public record Setup(NetworkSettings network, InputCode code, double pause, int labelImages, double normalise,
            double quietStep, int minSpikes, double boost, int retries) {
        public Setup {
            if (!(normalise >= 0) || !Double.isFinite(normalise)) {
                throw new IllegalArgumentException("normalisation target must be >= 0, got " + normalise);
            }
            if (minSpikes < 0 || retries < 0 || retries > 100 || !(boost >= 1) || !Double.isFinite(boost)) {
                throw new IllegalArgumentException("need minSpikes >= 0, 0..100 retries and a boost >= 1");
            }
        }

        /** The same without repetitions. */
        public Setup(NetworkSettings network, InputCode code, double pause, int labelImages, double normalise, double quietStep) {
            this(network, code, pause, labelImages, normalise, quietStep, 0, 1, 0);
        }
    }

    /**
     * The adaptive thresholds the frozen network labels and tests with: as training left them, or
     * every one at their mean. Training leaves the neurons that won thin digits (ones) with the
     * lowest θ, and kept they answer for many other digits; equal thresholds let the best-matching
     * synapses win (stdp/README.md has the measurements). Not a training setting: a trained
     * checkpoint can be labelled and tested either way.
     */
    public enum Thresholds {
        KEPT, MEAN
    }

    /**
     * The output lines' mirror gains: all equal, or each set inversely to its synapses' norm
     * ({@link StdpNetwork#calibrateLineGains}) before training and after every training image, so
     * that the thresholds learn under the gains they are tested with and the best match, not the
     * most conductance, wins. A training setting.
     */
    public enum Gains {
        EQUAL, NORM
    }

    /** The outcome: test accuracy, labels, confusion (true class × answered class, last column: no spike). */
    public record Outcome(int correct, int tested, int[] labels, int[][] confusion, double[] states, double trainSeconds,
            double testSeconds, int trained) {
        public double accuracy() {
            return (double) correct / tested;
        }
    }

    /** Progress: called with (images done, images in all) after every image. */
    public interface Progress {
        void update(long done, long total);
    }

    private DigitTask() {
    }

    /**
     * The documented setting for images of {@code pixels} inputs (stdp/README.md has the runs that
     * chose it): the pattern task's network with half its read gain (1e-3), an adaptive threshold
     * that lasts (+0.05 µA per output spike, decaying in 1000 s instead of 10 s, so that every
     * neuron gets its share of the digits), latency coding in 6 volleys 40 ms apart with 5 ms of
     * intensity-dependent spread and 3 ms jitter, quiet stretches crossed in steps of up to 2 ms,
     * no normalisation, and an image that makes fewer than 5 output spikes repeated with the read
     * gain 1.5 times larger, up to 4 times.
     */
    public static Setup defaults(SynapseSettings synapse, int pixels, int neurons, int labelImages) {
        PatternTask.Setup p = PatternTask.defaults(synapse, 1);
        NetworkSettings n = p.network();
        NetworkSettings ns = new NetworkSettings(synapse, pixels, neurons, n.step(), n.readGain() / 2, n.inhibition(),
                n.inhibitionTau(), n.thetaStep(), 1000, n.axonDelay(), n.initLow(), n.initHigh(), n.learning(), n.axons());
        return new Setup(ns, new InputCode.Latency(6, 40e-3, 5e-3, 3e-3), p.pause(), labelImages, 0, 2e-3, 5, 1.5, 4);
    }

    /**
     * Trains on {@code trainImages} (image k at k·pixels) in order, labels, and tests on all of
     * {@code testImages}; {@code progress} may be null.
     */
    public static Outcome run(Setup s, StdpTable table, long seed, float[] trainImages, byte[] trainLabels, float[] testImages,
            byte[] testLabels, int classes, Progress progress) {
        return run(s, table, seed, trainImages, trainLabels, testImages, testLabels, classes, progress, null);
    }

    /**
     * Where training starts and where it is saved: {@link #saved} (null: from the seed's devices),
     * and {@link #trained} after every training image, which saves {@code state} when it is time.
     */
    public interface Checkpoints {
        TrainingCheckpoint saved();

        void trained(java.util.function.Supplier<TrainingCheckpoint> state, boolean last);
    }

    /**
     * As {@link #run(Setup, StdpTable, long, float[], byte[], float[], byte[], int, Progress)}, going
     * on from {@code checkpoints.saved()} (the same outcome as a run that never stopped) and
     * offering a checkpoint after every training image; {@code checkpoints} may be null.
     */
    public static Outcome run(Setup s, StdpTable table, long seed, float[] trainImages, byte[] trainLabels, float[] testImages,
            byte[] testLabels, int classes, Progress progress, Checkpoints checkpoints) {
        return run(s, table, seed, trainImages, trainLabels, testImages, testLabels, classes, progress, checkpoints, Thresholds.KEPT,
                Gains.EQUAL);
    }

    /** As above, with the line gains given, labelling and testing with the thresholds {@code inference} says. */
    public static Outcome run(Setup s, StdpTable table, long seed, float[] trainImages, byte[] trainLabels, float[] testImages,
            byte[] testLabels, int classes, Progress progress, Checkpoints checkpoints, Thresholds inference, Gains gains) {
        int pixels = s.network().inputs();
        int nTrain = trainLabels.length;
        int nTest = testLabels.length;
        if (trainImages.length != (long) nTrain * pixels || testImages.length != (long) nTest * pixels) {
            throw new IllegalArgumentException("images and labels differ in number, or images are not " + pixels + " pixels");
        }
        int label = Math.min(s.labelImages(), nTrain);
        long total = nTrain + label + nTest;
        long[] done = {0};
        long start = System.nanoTime();
        StdpNetwork net = new StdpNetwork(s.network(), table, PatternTask.mix(seed, 0, 0));
        TrainingCheckpoint from = checkpoints == null ? null : checkpoints.saved();
        int first = 0;
        double before = 0;
        if (from != null) {
            if (from.imagesDone() > nTrain) {
                throw new IllegalArgumentException("the checkpoint is after " + from.imagesDone() + " images, the run trains on " + nTrain);
            }
            net.restore(from.network());
            first = from.imagesDone();
            before = from.seconds();
            done[0] = first;
        }
        double[] intensity = new double[pixels];
        if (gains == Gains.NORM) {
            net.calibrateLineGains();
        }
        for (int k = first; k < nTrain; k++) {
            present(s, net, trainImages, k, intensity, new SplittableRandom(PatternTask.mix(seed, 2, k)));
            if (s.normalise() > 0) {
                net.normalise(s.normalise());
            }
            if (gains == Gains.NORM) {
                net.calibrateLineGains();
            }
            report(progress, ++done[0], total);
            if (checkpoints != null) {
                int images = k + 1;
                double seconds = before + (System.nanoTime() - start) / 1e9;
                checkpoints.trained(() -> new TrainingCheckpoint(images, seconds, net.snapshot()), images == nTrain);
            }
        }
        double trainSeconds = before + (System.nanoTime() - start) / 1e9;
        StdpNetwork frozen = net.copyFrozen();
        if (inference == Thresholds.MEAN) {
            frozen.equaliseThresholds();
        }
        int nOut = s.network().outputs();
        double[][] response = new double[nOut][classes];
        int[] perClass = new int[classes];
        int[][] labelCounts = respond(s, frozen, trainImages, nTrain - label, nTrain, seed, 3, progress, done, total);
        for (int k = nTrain - label; k < nTrain; k++) {
            int c = trainLabels[k];
            perClass[c]++;
            for (int j = 0; j < nOut; j++) {
                response[j][c] += labelCounts[k - (nTrain - label)][j];
            }
        }
        int[] labels = new int[nOut];
        for (int j = 0; j < nOut; j++) {
            int best = -1;
            double most = 0;
            for (int c = 0; c < classes; c++) {
                double rate = perClass[c] > 0 ? response[j][c] / perClass[c] : 0;
                if (rate > most) {
                    most = rate;
                    best = c;
                }
            }
            labels[j] = best;
        }
        long testStart = System.nanoTime();
        int[][] testCounts = respond(s, frozen, testImages, 0, nTest, seed, 4, progress, done, total);
        int correct = 0;
        int[][] confusion = new int[classes][classes + 1];
        for (int k = 0; k < nTest; k++) {
            int guess = PatternTask.classify(testCounts[k], labels, classes);
            confusion[testLabels[k]][guess < 0 ? classes : guess]++;
            if (guess == testLabels[k]) {
                correct++;
            }
        }
        return new Outcome(correct, nTest, labels, confusion, net.states().clone(), trainSeconds,
                (System.nanoTime() - testStart) / 1e9, nTrain);
    }

    private static void present(Setup s, StdpNetwork net, float[] images, int k, double[] intensity, SplittableRandom r) {
        respond(s, net, images, k, intensity, r);
    }

    /** Presents image k (repeated with stronger drive while it makes too few spikes); the last presentation's spike counts. */
    private static int[] respond(Setup s, StdpNetwork net, float[] images, int k, double[] intensity, SplittableRandom r) {
        int pixels = intensity.length;
        for (int i = 0; i < pixels; i++) {
            intensity[i] = Math.max(0, Math.min(1, images[k * pixels + i]));
        }
        double scale = 1;
        int[] counts = null;
        for (int attempt = 0; attempt <= s.retries(); attempt++) {
            Schedule in = s.code().encode(intensity, s.network().synapse().deadTime(), s.network().step(), r);
            net.setDriveScale(scale);
            counts = net.present(in, s.code().duration() + s.pause(), s.quietStep()).counts();
            int total = 0;
            for (int c : counts) {
                total += c;
            }
            if (total >= s.minSpikes()) {
                break;
            }
            scale *= s.boost();
        }
        net.setDriveScale(1);
        return counts;
    }

    /** Spike counts of a frozen network for images from..to−1, in parallel over copies. */
    private static int[][] respond(Setup s, StdpNetwork frozen, float[] images, int from, int to, long seed, int stream,
            Progress progress, long[] done, long total) {
        int n = to - from;
        int[][] counts = new int[n][];
        int chunks = Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors()));
        IntStream.range(0, chunks).parallel().forEach(c -> {
            StdpNetwork mine = frozen.copyFrozen();
            int pixels = s.network().inputs();
            double[] intensity = new double[pixels];
            for (int k = from + (int) ((long) n * c / chunks); k < from + (int) ((long) n * (c + 1) / chunks); k++) {
                SplittableRandom r = new SplittableRandom(PatternTask.mix(seed, stream, k));
                counts[k - from] = respond(s, mine, images, k, intensity, r);
                synchronized (done) {
                    report(progress, ++done[0], total);
                }
            }
        });
        return counts;
    }

    private static void report(Progress p, long done, long total) {
        if (p != null) {
            p.update(done, total);
        }
    }
}
