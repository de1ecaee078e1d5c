package org.memspice.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.dse.sweep.LocalSweepRunner;
import org.memspice.dse.sweep.PointStore;
import org.memspice.dse.sweep.SweepConfig;
import org.memspice.dse.sweep.SweepCsv;
import org.memspice.dse.sweep.SweepPoint;
import org.memspice.dse.sweep.TrainingEvaluator;
import org.memspice.memprop.data.Datasets;

/**
 * A training sweep (spiceprop and memprop points, two seeds) on two embedded members writes the
 * local runner's table byte for byte: the training images travel with the job, and a point trains
 * the same on any member.
 */
class TrainingSweepClusterTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Test
    void twoMembersWriteTheLocalTableByteForByte(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("train.yaml"), """
                task: train
                dataset: mnist
                train_images: 40
                test_images: 20
                seeds: [1, 2]
                base: {hidden: 8, steps: 10, dt: 4e-4, epochs: 1, batch: 10, device_variation: 0.05, levels: 100}
                grid: {lr: [0.01, 0.05]}
                each: {model: [memprop]}
                """);
        SweepConfig c = SweepConfig.read(file);
        TrainingEvaluator evaluator = new TrainingEvaluator(Datasets.Kind.MNIST, Fixtures.bars(40, 5), Fixtures.bars(20, 6));
        List<SweepPoint> points = c.points(evaluator.digest());
        assertEquals(8, points.size());
        PointStore local = new PointStore(dir.resolve("local"));
        assertEquals(8, new LocalSweepRunner(2).run(points, evaluator, local, (d, t, k, p, r) -> { }));
        SweepCsv.write(dir.resolve("local.csv"), points, c.axes, local);
        String expected = Files.readString(dir.resolve("local.csv"));
        assertEquals(9, expected.split("\n").length);

        int[] ports = Fixtures.freePorts(2);
        try (ClusterMember b = Fixtures.member(events, 1, false, ports[1], ports);
                ClusterMember a = Fixtures.member(events, 1, true, ports[0], ports)) {
            assertTrue(a.describe().contains("2 members, 2 threads"), a.describe());
            PointStore two = new PointStore(dir.resolve("two"));
            assertEquals(8, new ClusterSweepRunner(a, events::add).run(points, evaluator, two, (d, t, k, p, r) -> { }));
            SweepCsv.write(dir.resolve("two.csv"), points, c.axes, two);
            assertEquals(expected, Files.readString(dir.resolve("two.csv")), "two members");
            assertEquals(1, events.stream().filter(e -> e.startsWith("sweep job ")).count(), "the worker trained points: " + events);
            assertEquals(1, ((Jobs) a.hazelcast().getUserContext().get(Jobs.CONTEXT_KEY)).size(), "so did the launching member");
        }
    }
}
