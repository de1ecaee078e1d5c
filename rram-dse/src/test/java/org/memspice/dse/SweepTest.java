package org.memspice.dse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.dse.net.Architectures;
import org.memspice.dse.net.NetworkFiles;
import org.memspice.dse.net.PlainNetwork;
import org.memspice.dse.sweep.InferenceEvaluator;
import org.memspice.dse.sweep.LocalSweepRunner;
import org.memspice.dse.sweep.PointResult;
import org.memspice.dse.sweep.PointStore;
import org.memspice.dse.sweep.SweepConfig;
import org.memspice.dse.sweep.SweepCsv;
import org.memspice.dse.sweep.SweepPoint;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.net.Shape;

/** Sweeps: resumable point by point, the same table on any thread count, bad configurations named by line. */
class SweepTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            network: net
            dataset: mnist
            images: 16
            seeds: [1, 2]
            base:
              cells: conductance
              tile: 16x16
              calibration_images: 4
            grid:
              scheme: [dense, sparse]
            each:
              adc_bits: [3]
              stuck_at: [0.2]
            """;

    private List<SweepPoint> points(Path config) throws IOException {
        PlainNetwork net = Architectures.depthwise(new Shape(1, 12, 12), 4);
        Architectures.initialize(net, 2);
        NetworkFiles.write(dir.resolve("net"), net, List.of());
        SweepConfig c = SweepConfig.read(config);
        return c.points(NetworkFiles.digest(c.network));
    }

    private InferenceEvaluator evaluator() {
        Dataset d = Synthetic.bars(60, 12, 0.3, 5);
        return new InferenceEvaluator(NetworkFiles.read(dir.resolve("net")), d, Synthetic.range(0, 8), d, Synthetic.range(20, 36));
    }

    @Test
    void aResumedSweepSkipsFinishedPointsAndEndsWithTheSameTable() throws IOException {
        Path config = Files.writeString(dir.resolve("sweep.yaml"), CONFIG);
        List<SweepPoint> points = points(config);
        assertEquals(2 * (1 + 2) * 2, points.size(), "2 schemes x (base + 2 one-at-a-time values) x 2 seeds");
        SweepConfig c = SweepConfig.read(config);
        InferenceEvaluator eval = evaluator();

        PointStore whole = new PointStore(dir.resolve("whole"));
        assertEquals(points.size(), new LocalSweepRunner(2).run(points, eval, whole, (d, t, s, p, r) -> { }));
        SweepCsv.write(dir.resolve("whole.csv"), points, c.axes, whole);

        PointStore parts = new PointStore(dir.resolve("parts"));
        RuntimeException stop = assertThrows(RuntimeException.class, () -> new LocalSweepRunner(1).run(points, eval, parts,
                (d, t, s, p, r) -> {
                    if (d == 4) {
                        throw new RuntimeException("interrupted after 4 points");
                    }
                }));
        assertTrue(stop.getMessage().contains("interrupted"));
        int[] skippedSeen = new int[1];
        int computed = new LocalSweepRunner(2).run(points, eval, parts, (d, t, s, p, r) -> skippedSeen[0] = s);
        assertEquals(4, skippedSeen[0], "the 4 finished points are skipped");
        assertEquals(points.size() - 4, computed);
        SweepCsv.write(dir.resolve("parts.csv"), points, c.axes, parts);
        assertEquals(Files.readString(dir.resolve("whole.csv")), Files.readString(dir.resolve("parts.csv")));
        assertEquals(points.size() + 1, Files.readAllLines(dir.resolve("whole.csv")).size());
        assertEquals(0, new LocalSweepRunner(2).run(points, eval, parts, (d, t, s, p, r) -> { }), "nothing left to do");
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.toByteArray();
    }

    /**
     * What a cluster member receives: points as their canonical text, results as the point
     * file's text, and the evaluator as its network's files and the images it uses; each reads
     * back to the same thing, and the evaluator computes the same metrics after the trip.
     */
    @Test
    void pointsResultsAndEvaluatorsTravelUnchanged() throws Exception {
        Path mc = Files.writeString(dir.resolve("mc.yaml"), CONFIG.replace("grid:", "monte_carlo: {samples: 3, seed: 5, axes: "
                + "{device_variation: {uniform: [0, 0.2]}, g_min: {log_uniform: [1e-7, 1e-6]}}}\ngrid:")
                .replace("  calibration_images: 4\n", "  calibration_images: 4\n  weight_bits: 4\n  bits_per_cell: 2\n"));
        List<SweepPoint> all = new java.util.ArrayList<>(points(mc));
        all.addAll(SweepConfig.read(Path.of("../examples/dse/memtorch-exemplar.yaml")).points("x"));
        all.addAll(SweepConfig.read(Path.of("../docs/dse/fashion-sweep.yaml")).points("x"));
        for (SweepPoint p : all) {
            SweepPoint back = SweepPoint.restore(p.index(), p.key(), p.varied(), p.canonical());
            assertEquals(p.canonical(), back.canonical());
        }
        assertThrows(IllegalArgumentException.class, () -> SweepPoint.restore(0, "k", "", all.get(0).canonical() + "nonsense\n"));

        List<SweepPoint> points = points(Files.writeString(dir.resolve("sweep.yaml"), CONFIG));
        Dataset d = Synthetic.bars(60, 12, 0.3, 5);
        InferenceEvaluator here = InferenceEvaluator.forFolder(dir.resolve("net"), d, Synthetic.range(0, 8), d, Synthetic.range(20, 36));
        InferenceEvaluator there;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialize(here)))) {
            there = (InferenceEvaluator) in.readObject();
        }
        InferenceEvaluator inMemory = evaluator();
        for (SweepPoint p : List.of(points.get(0), points.get(3), points.get(points.size() - 1))) {
            PointResult a = here.evaluate(p);
            PointResult b = there.evaluate(SweepPoint.restore(p.index(), p.key(), p.varied(), p.canonical()));
            assertEquals(a.metrics(), b.metrics(), "point " + p.index());
            assertEquals(a.metrics(), inMemory.evaluate(p).metrics(), "only the images used travel");
            PointResult c = PointStore.parse(PointStore.text(p, a));
            assertEquals(a.metrics(), c.metrics());
            assertEquals(List.copyOf(a.metrics().keySet()), List.copyOf(c.metrics().keySet()), "metrics keep their order");
        }
        PointResult failed = PointResult.failed("no convergence at t=1e-9 s:\nnode x", 0.5);
        assertEquals(failed, PointStore.parse(PointStore.text(points.get(0), failed)));
        assertEquals(null, PointStore.parse("# memspice dse point k\nmetric.accuracy=0.5\n"), "incomplete");
        assertThrows(NotSerializableException.class, () -> serialize(inMemory), "a network in memory has no files to send");
    }

    @Test
    void theShippedConfigurationsAreValid() {
        SweepConfig exemplar = SweepConfig.read(Path.of("../examples/dse/memtorch-exemplar.yaml"));
        assertEquals(2 * (1 + 9 + 9 + 6 + 5) * 3, exemplar.points("x").size(), "2 tiles x (base + 29 one-at-a-time) x 3 seeds");
        assertEquals(List.of("tile", "adc_bits", "levels", "stuck_at", "device_variation"), exemplar.axes);
        SweepConfig fashion = SweepConfig.read(Path.of("../docs/dse/fashion-sweep.yaml"));
        assertEquals(5 * 2 * (1 + 15) * 2, fashion.points("x").size(), "5 tiles x 2 schemes x (base + 5 x 3) x 2 seeds");
    }

    private String error(String config) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), config);
        return assertThrows(DseInputException.class, () -> points(file)).getMessage();
    }

    @Test
    void badConfigurationsNameFileLineAndKey() throws IOException {
        assertTrue(error(CONFIG.replace("adc_bits: [3]", "adc_bitz: [3]")).matches(".*bad.yaml:12:\\d+: unknown parameter 'adc_bitz'.*"),
                "unknown axis");
        assertTrue(error(CONFIG.replace("stuck_at: [0.2]", "stuck_at: [1.5]")).matches(".*bad.yaml:13:\\d+: stuck_at: 1.5 is out of range.*"),
                "level out of range");
        assertTrue(error(CONFIG.replace("images: 16", "images: forty")).matches(".*bad.yaml:3:\\d+: images: 'forty' is not.*"));
        assertTrue(error(CONFIG + "extra: 1\n").contains("unknown key 'extra'"));
        assertTrue(error(CONFIG.replace("seeds: [1, 2]", "seeds: [1, 2")).matches(".*bad.yaml:\\d+:\\d+: .*"), "malformed YAML");
        assertTrue(error(CONFIG.replace("tile: 16x16", "tile: 16x16\n  weight_bits: 0\n  bits_per_cell: 2"))
                .contains("bits_per_cell slices quantized weights"), "conflicting values");
        assertTrue(error(CONFIG.replace("calibration_images: 4", "calibration_images: 4\n  drift_nu: 0.1"))
                .matches("(?s).*bad.yaml:9:\\d+: drift_nu changes no point of this sweep \\(there is no drift without drift_time\\).*"),
                "a parameter no point uses");
        assertEquals(12, points(Files.writeString(dir.resolve("drift.yaml"), CONFIG.replace("calibration_images: 4",
                "calibration_images: 4\n  drift_nu: 0.1").replace("stuck_at: [0.2]", "drift_time: [100]"))).size(),
                "used by some points: accepted");
    }
}
