package org.memspice.dse.sweep;

import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memspice.dse.DseInputException;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import org.memspice.memprop.net.Network;
import org.memspice.memprop.net.NetworkSpec;
import org.memspice.memprop.net.Shape;
import org.memspice.memprop.train.EpochRecord;
import org.memspice.memprop.train.Trainer;
import org.memspice.memprop.train.TrainingConfig;
import org.memspice.memprop.train.TrainingListener;

/**
 * A training sweep's point: a memprop network built from the point's {@link TrainingPoint},
 * initialized and trained by memprop's {@link Trainer} on this evaluator's training images and
 * tested on its test images after the last epoch. Metrics: test accuracy ({@code accuracy}) and
 * loss, the last epoch's training accuracy and loss, the images used, the parameters and the
 * programming pulses (memprop). The training seconds are the point's time (in its point file,
 * not in the table, which must not depend on the machine).
 *
 * <p>Each point trains on the calling thread's own one-thread trainer: the sweep's workers run
 * points side by side. memprop's training gives the same result on any number of threads (its
 * chunks and their order are fixed by the network and the batch, see {@link TrainingConfig#chunkFor}),
 * so this costs no generality, and the same point is the same computation on every member.
 *
 * <p>It travels to cluster members with its images (only the subsets it uses), so members need
 * no data folder.
 */
public final class TrainingEvaluator implements PointEvaluator, Serializable {
    private static final long serialVersionUID = 1L;

    private final transient Datasets.Kind dataset;
    private final transient Dataset train;
    private final transient Dataset test;

    /** Trains on all of {@code train} and tests on all of {@code test} (already the subsets wanted). */
    public TrainingEvaluator(Datasets.Kind dataset, Dataset train, Dataset test) {
        if (train.size() < 1 || test.size() < 1) {
            throw new DseInputException("a training sweep needs training and test images");
        }
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new DseInputException("training images are " + train.rows() + "x" + train.cols() + ", test images " + test.rows()
                    + "x" + test.cols());
        }
        this.dataset = dataset;
        this.train = train;
        this.test = test;
    }

    /**
     * The evaluator of a training sweep: balanced subsets of {@code trainImages} training and
     * {@code testImages} test images (0: all), drawn with seed 1 as {@code dse run} draws its images.
     */
    public static TrainingEvaluator of(SweepConfig c, Dataset trainSplit, Dataset testSplit) {
        Dataset tr = c.trainImages == 0 || c.trainImages >= trainSplit.size() ? trainSplit
                : trainSplit.subset(Datasets.balancedSubset(trainSplit, c.trainImages, 1), "");
        Dataset te = c.testImages == 0 || c.testImages >= testSplit.size() ? testSplit
                : testSplit.subset(Datasets.balancedSubset(testSplit, c.testImages, 1), "");
        return new TrainingEvaluator(Datasets.Kind.parse(c.dataset), tr, te);
    }

    public int trainImages() {
        return train.size();
    }

    public int testImages() {
        return test.size();
    }

    /** A digest of the images and labels this evaluator trains and tests on: part of every point's key. */
    public String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Dataset d : List.of(train, test)) {
                md.update((d.rows() + "x" + d.cols() + ":" + d.size() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                ByteBuffer b = ByteBuffer.allocate(d.images().length * 4);
                b.asFloatBuffer().put(d.images());
                md.update(b.array());
                md.update(d.labels());
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public PointResult evaluate(SweepPoint point) {
        long start = System.nanoTime();
        TrainingPoint tp = point.training();
        NetworkSpec spec;
        TrainingConfig config;
        try {
            spec = tp.spec(new Shape(1, train.rows(), train.cols()), Math.max(train.classes(), test.classes()));
            config = tp.config(dataset, spec);
        } catch (IllegalArgumentException e) {
            throw new DseInputException("point " + (point.index() + 1) + ": " + e.getMessage());
        }
        Network net = Network.initialized(spec, train);
        List<EpochRecord> history;
        try (Trainer t = Trainer.start(net, config, train, test, null, 1)) {
            t.run(new TrainingListener() {
            });
            history = t.history();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // nothing is written without an output folder
        }
        EpochRecord last = history.get(history.size() - 1);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("accuracy", last.testAccuracy());
        out.put("test_loss", last.testLoss());
        out.put("correct", (double) last.testCorrect());
        out.put("images", (double) last.testCount());
        out.put("train_accuracy", last.trainAccuracy());
        out.put("train_loss", last.trainLoss());
        out.put("train_images", (double) train.size());
        out.put("epochs", (double) last.epoch());
        out.put("parameters", (double) net.parameterCount());
        out.put("programming_pulses", (double) last.pulses());
        return new PointResult(out, (System.nanoTime() - start) / 1e9, null);
    }

    /** What travels: the data set's name and both image sets as plain arrays. */
    private Object writeReplace() {
        return new Shipped(dataset.option, train.name(), train.images(), train.labels(), train.rows(), train.cols(), test.name(),
                test.images(), test.labels(), test.rows(), test.cols());
    }

    private void readObject(ObjectInputStream in) throws NotSerializableException {
        throw new NotSerializableException("a TrainingEvaluator travels as its Shipped form");
    }

    /** The serialized form of a {@link TrainingEvaluator}. */
    private record Shipped(String dataset, String trainName, float[] trainImages, byte[] trainLabels, int trainRows, int trainCols,
            String testName, float[] testImages, byte[] testLabels, int testRows, int testCols) implements Serializable {
        private Object readResolve() {
            return new TrainingEvaluator(Datasets.Kind.parse(dataset), new Dataset(trainName, trainImages, trainLabels, trainRows, trainCols),
                    new Dataset(testName, testImages, testLabels, testRows, testCols));
        }
    }
}
