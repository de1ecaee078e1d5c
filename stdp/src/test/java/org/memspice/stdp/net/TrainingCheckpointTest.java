package org.memspice.stdp.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.stdp.StdpTable;
import org.memspice.stdp.SynapseSettings;

/** Unsupervised digit training stopped after some images and continued from its checkpoint ends as if it had never stopped. */
class TrainingCheckpointTest {
    private static final SynapseSettings S = SynapseSettings.defaults();
    private static StdpTable table;

    @BeforeAll
    static void buildTable() {
        table = StdpTable.forNetworks(S);
    }

    /** Keeps every offered checkpoint of image {@code at} and the last one, starting from {@code from}. */
    private static final class Keeper implements DigitTask.Checkpoints {
        final TrainingCheckpoint from;
        final int at;
        final List<TrainingCheckpoint> kept = new ArrayList<>();

        Keeper(TrainingCheckpoint from, int at) {
            this.from = from;
            this.at = at;
        }

        @Override
        public TrainingCheckpoint saved() {
            return from;
        }

        @Override
        public void trained(Supplier<TrainingCheckpoint> state, boolean last) {
            TrainingCheckpoint c = state.get();
            if (c.imagesDone() == at || last) {
                kept.add(c);
            }
        }
    }

    /** 16 noisy letters (25 pixels) for training, 8 for testing (for 4 neurons). */
    private record Letters(float[] train, byte[] trainLabels, float[] test, byte[] testLabels) {
    }

    private static Letters letters() {
        int nTrain = 16;
        int nTest = 8;
        float[] train = new float[nTrain * 25];
        byte[] trainLabels = new byte[nTrain];
        float[] test = new float[nTest * 25];
        byte[] testLabels = new byte[nTest];
        SplittableRandom r = new SplittableRandom(9);
        for (int k = 0; k < nTrain + nTest; k++) {
            double[] in = Patterns.intensity(Patterns.noisy(k % 4, 0.05, r));
            for (int i = 0; i < 25; i++) {
                (k < nTrain ? train : test)[(k < nTrain ? k : k - nTrain) * 25 + i] = (float) in[i];
            }
            (k < nTrain ? trainLabels : testLabels)[k < nTrain ? k : k - nTrain] = (byte) (k % 4);
        }
        return new Letters(train, trainLabels, test, testLabels);
    }

    @Test
    void meanThresholdsLabelAndTestAsATrainedNetworkWithItsThresholdsEqualised() {
        Letters d = letters();
        DigitTask.Setup setup = DigitTask.defaults(S, 25, 4, 8);
        Keeper whole = new Keeper(null, -1);
        DigitTask.run(setup, table, 3, d.train(), d.trainLabels(), d.test(), d.testLabels(), 4, null, whole);
        StdpNetwork.Snapshot trained = whole.kept.get(0).network();
        // thresholds far apart: neuron 0 without one, the others high, so that kept they decide the answers
        double[] skewed = {0, 4e-5, 4e-5, 4e-5};
        double[] equal = {3e-5, 3e-5, 3e-5, 3e-5};
        TrainingCheckpoint apart = new TrainingCheckpoint(16, 0, new StdpNetwork.Snapshot(trained.states(), skewed,
                trained.events(), trained.somaSteps(), trained.networkSteps()));
        TrainingCheckpoint same = new TrainingCheckpoint(16, 0, new StdpNetwork.Snapshot(trained.states(), equal,
                trained.events(), trained.somaSteps(), trained.networkSteps()));
        DigitTask.Outcome mean = DigitTask.run(setup, table, 3, d.train(), d.trainLabels(), d.test(), d.testLabels(), 4, null,
                new Keeper(apart, -1), DigitTask.Thresholds.MEAN,
                DigitTask.Gains.EQUAL);
        DigitTask.Outcome equalised = DigitTask.run(setup, table, 3, d.train(), d.trainLabels(), d.test(), d.testLabels(), 4, null,
                new Keeper(same, -1), DigitTask.Thresholds.KEPT,
                DigitTask.Gains.EQUAL);
        DigitTask.Outcome kept = DigitTask.run(setup, table, 3, d.train(), d.trainLabels(), d.test(), d.testLabels(), 4, null,
                new Keeper(apart, -1), DigitTask.Thresholds.KEPT,
                DigitTask.Gains.EQUAL);
        assertArrayEquals(equalised.labels(), mean.labels());
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(equalised.confusion()[c], mean.confusion()[c]);
        }
        assertTrue(!java.util.Arrays.deepEquals(kept.confusion(), mean.confusion()), "the kept thresholds answer otherwise");
        assertArrayEquals(trained.states(), mean.states(), 0, "inference does not move the devices");
    }

    @Test
    void lineGainsFollowTheSynapsesNormsTrainUnderThemAndResume() {
        DigitTask.Setup setup = DigitTask.defaults(S, 25, 4, 8);
        StdpNetwork net = new StdpNetwork(setup.network(), table, 1);
        net.calibrateLineGains();
        double[] x = net.states();
        double mean = 0;
        double first = 0;
        for (int j = 0; j < 4; j++) {
            double norm = 0;
            for (int i = 0; i < 25; i++) {
                double f = S.device().currentStateFactor(x[j * 25 + i]);
                norm += f * f;
            }
            double product = net.lineGains()[j] * Math.sqrt(norm);
            if (j == 0) {
                first = product;
            }
            assertEquals(first, product, 1e-12 * first, "gain times norm, output " + j);
            mean += net.lineGains()[j] / 4;
        }
        assertEquals(1, mean, 1e-12);
        assertTrue(net.lineGains()[0] != net.lineGains()[1], "the seed's devices differ, so do the gains");

        Letters d = letters();
        Keeper whole = new Keeper(null, 7);
        DigitTask.Outcome norm = DigitTask.run(setup, table, 3, d.train(), d.trainLabels(), d.test(), d.testLabels(), 4, null, whole,
                DigitTask.Thresholds.KEPT, DigitTask.Gains.NORM);
        DigitTask.Outcome equal = DigitTask.run(setup, table, 3, d.train(), d.trainLabels(), d.test(), d.testLabels(), 4, null,
                new Keeper(null, -1), DigitTask.Thresholds.KEPT, DigitTask.Gains.EQUAL);
        assertTrue(!java.util.Arrays.equals(norm.states(), equal.states()), "the gains change what the network learns");
        DigitTask.Outcome resumed = DigitTask.run(setup, table, 3, d.train(), d.trainLabels(), d.test(), d.testLabels(), 4, null,
                new Keeper(whole.kept.get(0), -1), DigitTask.Thresholds.KEPT, DigitTask.Gains.NORM);
        assertArrayEquals(norm.states(), resumed.states(), 0, "the gains follow from the saved devices");
        assertEquals(norm.correct(), resumed.correct());
    }

    @Test
    void aRunResumedFromItsCheckpointEndsAsTheRunThatNeverStopped(@TempDir Path dir) throws Exception {
        Letters d = letters();
        int nTrain = d.trainLabels().length;
        float[] train = d.train();
        byte[] trainLabels = d.trainLabels();
        float[] test = d.test();
        byte[] testLabels = d.testLabels();
        DigitTask.Setup setup = DigitTask.defaults(S, 25, 4, 8);
        Keeper whole = new Keeper(null, 7);
        DigitTask.Outcome a = DigitTask.run(setup, table, 3, train, trainLabels, test, testLabels, 4, null, whole);
        assertEquals(2, whole.kept.size(), "the checkpoint after image 7 and the one at the end of training");
        TrainingCheckpoint at7 = whole.kept.get(0);
        assertEquals(7, at7.imagesDone());
        assertEquals(nTrain, whole.kept.get(1).imagesDone());

        // through the file, as the command does
        Path file = dir.resolve("checkpoint.bin");
        at7.write(file, "run A");
        TrainingCheckpoint back = TrainingCheckpoint.read(file, "run A");
        assertArrayEquals(at7.network().states(), back.network().states(), 0);
        assertArrayEquals(at7.network().theta(), back.network().theta(), 0);
        assertEquals(at7.network().events(), back.network().events());
        assertTrue(at7.network().events() > 0, "the devices learned before the checkpoint");

        DigitTask.Outcome b = DigitTask.run(setup, table, 3, train, trainLabels, test, testLabels, 4, null, new Keeper(back, -1));
        assertArrayEquals(a.states(), b.states(), 0, "the same devices after training");
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.correct(), b.correct());
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(a.confusion()[c], b.confusion()[c]);
        }
        // a run that starts from the seed's devices instead is another run: the checkpoint carried the learning
        DigitTask.Outcome fresh = DigitTask.run(setup, table, 3, train, trainLabels, test, testLabels, 4, null,
                new Keeper(null, -1));
        assertArrayEquals(a.states(), fresh.states(), 0, "without a checkpoint the run is the same run");
        TrainingCheckpoint atStart = new TrainingCheckpoint(7, 0, new StdpNetwork(setup.network(), table, 99).snapshot());
        DigitTask.Outcome other = DigitTask.run(setup, table, 3, train, trainLabels, test, testLabels, 4, null,
                new Keeper(atStart, -1));
        assertTrue(!java.util.Arrays.equals(a.states(), other.states()), "another saved state gives other devices");
    }

    @Test
    void aCheckpointOfAnotherRunOrACutFileIsRefused(@TempDir Path dir) throws Exception {
        DigitTask.Setup setup = DigitTask.defaults(S, 25, 4, 8);
        TrainingCheckpoint c = new TrainingCheckpoint(3, 1.5, new StdpNetwork(setup.network(), table, 1).snapshot());
        Path file = dir.resolve("checkpoint.bin");
        c.write(file, "run A");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.read(file, "run B"));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
        assertArrayEquals(c.network().states(), TrainingCheckpoint.readAnyRun(file).network().states(), 0,
                "an analysis reads any run's checkpoint");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.read(file, "run A"));
        Files.writeString(file, "hello");
        assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.read(file, "run A"));
        assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.readAnyRun(file));
        StdpNetwork small = new StdpNetwork(DigitTask.defaults(S, 25, 3, 8).network(), table, 1);
        assertThrows(IllegalArgumentException.class, () -> small.restore(c.network()), "another network's size");
    }
}
