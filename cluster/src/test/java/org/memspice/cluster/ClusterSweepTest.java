package org.memspice.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.dse.DesignPoint;
import org.memspice.dse.sweep.LocalSweepRunner;
import org.memspice.dse.sweep.PointStore;
import org.memspice.dse.sweep.SweepCsv;
import org.memspice.dse.sweep.SweepPoint;

/**
 * Sweeps on embedded members in this JVM: the same table as the local runner on one, two and
 * three members; a member killed mid-sweep loses no point and none is counted twice; a sweep
 * interrupted as a whole resumes from what the cluster's map holds.
 */
class ClusterSweepTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private static String csv(Path dir, String name, Fixtures.Sweep s, PointStore store) throws Exception {
        Path f = dir.resolve(name + ".csv");
        SweepCsv.write(f, s.points(), s.config().axes, store);
        return Files.readString(f);
    }

    @Test
    void oneTwoAndThreeMembersWriteTheLocalTableByteForByte(@TempDir Path dir) throws Exception {
        Fixtures.Sweep s = Fixtures.Sweep.in(dir);
        assertEquals(12, s.points().size());
        PointStore local = new PointStore(dir.resolve("local"));
        assertEquals(12, new LocalSweepRunner(2).run(s.points(), s.evaluator(), local, (d, t, k, p, r) -> { }));
        String expected = csv(dir, "local", s, local);
        assertEquals(13, expected.split("\n").length);

        int[] ports = Fixtures.freePorts(3);
        try (ClusterMember a = Fixtures.member(events, 1, true, ports[0], ports[0])) {
            PointStore one = new PointStore(dir.resolve("one"));
            assertEquals(12, new ClusterSweepRunner(a, events::add).run(s.points(), s.evaluator(), one, (d, t, k, p, r) -> { }));
            assertEquals(expected, csv(dir, "one", s, one), "one member");
        }
        events.clear();
        try (ClusterMember b = Fixtures.member(events, 1, false, ports[1], ports);
                ClusterMember c = Fixtures.member(events, 1, false, ports[2], ports);
                ClusterMember a = Fixtures.member(events, 1, true, ports[0], ports)) {
            assertTrue(a.describe().contains("3 members, 3 threads"), a.describe());
            PointStore three = new PointStore(dir.resolve("three"));
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            assertEquals(12, new ClusterSweepRunner(a, events::add).run(s.points(), s.evaluator(), three,
                    (d, t, k, p, r) -> order.add(p == null ? -1 : p.index())));
            assertEquals(expected, csv(dir, "three", s, three), "three members");
            long received = events.stream().filter(e -> e.startsWith("sweep job ")).count();
            assertEquals(2, received, "both workers computed points (and said so): " + events);
            assertEquals(1, ((Jobs) a.hazelcast().getUserContext().get(Jobs.CONTEXT_KEY)).size(), "so did the launching member");
            assertEquals(12, a.resultsHeld(), "each point once in the cluster's map");
            c.close();
            PointStore fromMap = new PointStore(dir.resolve("from-map"));
            ClusterSweepRunner again = new ClusterSweepRunner(a, events::add);
            assertEquals(0, again.run(s.points(), s.evaluator(), fromMap, (d, t, k, p, r) -> { }), "all in the map already");
            assertEquals(12, again.fromMap());
            assertEquals(expected, csv(dir, "from-map", s, fromMap), "the points the map held");
            a.hazelcast().getMap(ClusterMember.RESULTS).clear();
            PointStore two = new PointStore(dir.resolve("two"));
            assertEquals(12, new ClusterSweepRunner(a, events::add).run(s.points(), s.evaluator(), two, (d, t, k, p, r) -> { }));
            assertEquals(expected, csv(dir, "two", s, two), "two members");
        }
    }

    private static List<SweepPoint> slowPoints(int n) {
        List<SweepPoint> points = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            DesignPoint p = new DesignPoint();
            p.seed = k + 1;
            points.add(new SweepPoint(k, String.format("slow%03d", k), "", p));
        }
        return points;
    }

    @Test
    void aMemberKilledMidSweepLosesNoPointAndNoneIsCountedTwice(@TempDir Path dir) throws Exception {
        List<SweepPoint> points = slowPoints(30);
        Fixtures.COMPUTED.clear();
        Fixtures.RUNNING.clear();
        int[] ports = Fixtures.freePorts(3);
        // each lists the members started before it (an address nobody answers at costs a start the join's timeout)
        try (ClusterMember w1 = Fixtures.member(events, 2, false, ports[1], ports[1]);
                ClusterMember w2 = Fixtures.member(events, 2, false, ports[2], ports[1], ports[2]);
                ClusterMember a = Fixtures.member(events, 1, true, ports[0], ports)) {
            PointStore store = new PointStore(dir);
            List<String> recorded = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger killedAt = new AtomicInteger(-1);
            int computed = new ClusterSweepRunner(a, events::add).run(points, new Fixtures.Slow(200), store, (d, t, k, p, r) -> {
                if (p != null) {
                    recorded.add(p.key());
                }
                // once 8 points are in, kill w1 while it computes one (its thread names hold its instance's name)
                if (d >= 8 && killedAt.get() < 0 && Fixtures.RUNNING.keySet().stream().anyMatch(n -> n.contains("memspice-" + ports[1] + "-"))) {
                    killedAt.set(d);
                    w1.kill();
                }
            });
            assertTrue(killedAt.get() >= 8 && killedAt.get() < 30, "killed at " + killedAt.get() + " " + Fixtures.RUNNING);
            assertEquals(30, computed);
            assertEquals(30, recorded.size(), "each point reported once");
            assertEquals(30, new HashSet<>(recorded).size(), "no point twice");
            for (SweepPoint p : points) {
                assertTrue(store.finished(p.key()) != null, "point " + p.index() + " stored");
                assertTrue(Fixtures.COMPUTED.get(p.key()).get() >= 1);
            }
            int runs = Fixtures.COMPUTED.values().stream().mapToInt(AtomicInteger::get).sum();
            assertTrue(runs > 30, "the killed member's running points ran again elsewhere (" + runs + " computations) " + events);
            assertTrue(events.stream().anyMatch(e -> e.matches("cluster: member 127\\.0\\.0\\.1:" + ports[1] + " left \\(2 members, 3 threads\\)")),
                    events.toString());
            assertTrue(events.stream().anyMatch(e -> e.matches("cluster: \\d points? of 127\\.0\\.0\\.1:" + ports[1]
                    + " sent to other members")), events.toString());
            assertEquals(30, a.resultsHeld(), "the map holds every point once");
            assertEquals(0, new ClusterSweepRunner(a, events::add).run(points, new Fixtures.Slow(200), store, (d, t, k, p, r) -> { }));
        }
    }

    @Test
    void aSweepInterruptedAsAWholeResumesFromTheClusterMap(@TempDir Path dir) throws Exception {
        List<SweepPoint> points = slowPoints(16);
        int[] ports = Fixtures.freePorts(2);
        try (ClusterMember worker = Fixtures.member(events, 2, false, ports[1], ports[1])) {
            try (ClusterMember first = Fixtures.member(events, 1, true, ports[0], ports)) {
                PointStore lost = new PointStore(dir.resolve("lost"));
                RuntimeException stop = assertThrows(RuntimeException.class, () -> new ClusterSweepRunner(first, events::add).run(points,
                        new Fixtures.Slow(100), lost, (d, t, k, p, r) -> {
                            if (d == 6) {
                                throw new RuntimeException("the launching machine went down");
                            }
                        }));
                assertTrue(stop.getMessage().contains("went down"));
            }
            // another launching member, with none of the first one's files: the worker kept the map
            try (ClusterMember second = Fixtures.member(events, 1, true, ports[0], ports)) {
                PointStore fresh = new PointStore(dir.resolve("fresh"));
                ClusterSweepRunner runner = new ClusterSweepRunner(second, events::add);
                int[] skipped = {-1};
                int computed = runner.run(points, new Fixtures.Slow(100), fresh, (d, t, k, p, r) -> skipped[0] = k);
                assertTrue(runner.fromMap() >= 6, "found in the map: " + runner.fromMap());
                assertEquals(runner.fromMap(), skipped[0]);
                assertEquals(16 - runner.fromMap(), computed);
                for (SweepPoint p : points) {
                    assertTrue(fresh.finished(p.key()) != null);
                }
            }
        }
    }
}
