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

    @Test
    void aRunResumedFromItsCheckpointEndsAsTheRunThatNeverStopped(@TempDir Path dir) throws Exception {
        // 16 noisy letters (25 pixels) for training, 8 for testing, 4 neurons
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
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.read(file, "run A"));
        Files.writeString(file, "hello");
        assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.read(file, "run A"));
        StdpNetwork small = new StdpNetwork(DigitTask.defaults(S, 25, 3, 8).network(), table, 1);
        assertThrows(IllegalArgumentException.class, () -> small.restore(c.network()), "another network's size");
    }
}
