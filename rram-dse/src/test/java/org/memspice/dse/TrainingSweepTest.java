package org.memspice.dse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.dse.sweep.LocalSweepRunner;
import org.memspice.dse.sweep.PointResult;
import org.memspice.dse.sweep.PointStore;
import org.memspice.dse.sweep.SweepConfig;
import org.memspice.dse.sweep.SweepCsv;
import org.memspice.dse.sweep.SweepPoint;
import org.memspice.dse.sweep.TrainingEvaluator;
import org.memspice.dse.sweep.TrainingParameters;
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
 * Training sweeps ({@code task: train}): the same table on any thread count and after the
 * evaluator's trip to another machine, every swept parameter reaching the trainer, memristive
 * training independent of the trainer's thread count, and bad configurations named by line.
 */
class TrainingSweepTest {
    @TempDir
    Path dir;

    static final String CONFIG = """
            task: train
            dataset: mnist
            train_images: 40
            test_images: 20
            seeds: [1, 2]
            base:
              hidden: 8
              steps: 10
              dt: 4e-4
              epochs: 1
              batch: 10
              device_variation: 0.05
              cycle_noise: 0.05
              levels: 100
            grid:
              lr: [0.01, 0.05]
            each:
              model: [memprop]
            """;

    static TrainingEvaluator evaluator() {
        Dataset train = Synthetic.bars(40, 12, 0.3, 5);
        Dataset test = Synthetic.bars(20, 12, 0.3, 6);
        return new TrainingEvaluator(Datasets.Kind.MNIST, train, test);
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.toByteArray();
    }

    @Test
    void theTableIsTheSameOnAnyThreadCountAndAfterTheTrip() throws Exception {
        SweepConfig c = SweepConfig.read(Files.writeString(dir.resolve("train.yaml"), CONFIG));
        TrainingEvaluator here = evaluator();
        List<SweepPoint> points = c.points(here.digest());
        assertEquals(2 * (1 + 1) * 2, points.size(), "2 rates x (base + memprop) x 2 seeds");
        assertEquals(List.of("lr", "model"), c.axes);
        PointStore one = new PointStore(dir.resolve("one"));
        assertEquals(8, new LocalSweepRunner(1).run(points, here, one, (d, t, s, p, r) -> { }));
        SweepCsv.write(dir.resolve("one.csv"), points, c.axes, one);
        PointStore two = new PointStore(dir.resolve("two"));
        assertEquals(8, new LocalSweepRunner(2).run(points, here, two, (d, t, s, p, r) -> { }));
        SweepCsv.write(dir.resolve("two.csv"), points, c.axes, two);
        String table = Files.readString(dir.resolve("one.csv"));
        assertEquals(table, Files.readString(dir.resolve("two.csv")));
        List<String> lines = table.lines().toList();
        assertEquals("index,key,varied,lr,model,seed,accuracy,test_loss,correct,images,train_accuracy,train_loss,train_images,epochs,"
                + "parameters,programming_pulses", lines.get(0));
        assertEquals(9, lines.size());
        Set<String> losses = new HashSet<>();
        for (SweepPoint p : points) {
            PointResult r = one.finished(p.key());
            assertEquals(20.0, r.metrics().get("images"));
            assertTrue(r.metrics().get("accuracy") >= 0 && r.metrics().get("accuracy") <= 1);
            losses.add(Double.toString(r.metrics().get("test_loss")));
            assertEquals(p.training().model() == NetworkSpec.Model.MEMPROP, r.metrics().get("programming_pulses") > 0, "pulses: " + p);
        }
        assertEquals(8, losses.size(), "rate, model and seed each change the trained network");

        TrainingEvaluator there;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialize(here)))) {
            there = (TrainingEvaluator) in.readObject();
        }
        assertEquals(here.digest(), there.digest(), "the same images arrive");
        for (SweepPoint p : List.of(points.get(0), points.get(3))) {
            SweepPoint back = SweepPoint.restore(p.index(), p.key(), p.varied(), p.canonical());
            assertEquals(p.canonical(), back.canonical());
            assertEquals(one.finished(p.key()).metrics(), there.evaluate(back).metrics(), "point " + (p.index() + 1));
        }
        assertThrows(IllegalArgumentException.class, () -> SweepPoint.restore(0, "k", "", points.get(0).canonical() + "nonsense\n"));
    }

    /** memprop's claim, for memristor pairs with variation and noise: the trainer's thread count changes nothing. */
    @Test
    void memristiveTrainingDoesNotDependOnTheTrainersThreads() throws IOException {
        SweepConfig c = SweepConfig.read(Files.writeString(dir.resolve("train.yaml"), CONFIG));
        SweepPoint p = c.points("x").get(2);
        assertEquals("memprop", p.value("model"));
        Dataset train = Synthetic.bars(40, 12, 0.3, 5);
        Dataset test = Synthetic.bars(20, 12, 0.3, 6);
        NetworkSpec spec = p.training().spec(new Shape(1, 12, 12), 4);
        TrainingConfig config = p.training().config(Datasets.Kind.MNIST, spec);
        List<List<EpochRecord>> runs = new java.util.ArrayList<>();
        for (int threads : new int[] {1, 3}) {
            try (Trainer t = Trainer.start(Network.initialized(spec, train), config.withEpochs(2), train, test, null, threads)) {
                t.run(new TrainingListener() {
                });
                runs.add(t.history().stream().map(r -> new EpochRecord(r.epoch(), r.lr(), r.trainLoss(), r.trainAccuracy(), r.testLoss(),
                        r.testAccuracy(), r.testCorrect(), r.testCount(), 0, 0, r.pulses())).toList());
            }
        }
        assertEquals(runs.get(0), runs.get(1));
    }

    private static java.util.Properties built(org.memspice.dse.sweep.TrainingPoint p) {
        NetworkSpec spec = p.spec(new Shape(1, 28, 28), 10);
        java.util.Properties all = spec.toProperties();
        all.putAll(p.config(Datasets.Kind.MNIST, spec).toProperties());
        return all;
    }

    /** No parameter is accepted and then ignored: each one, changed alone, changes what the trainer is given. */
    @Test
    void everyParameterReachesTheTrainer() {
        java.util.Map<String, String> changed = new java.util.LinkedHashMap<>();
        String[] pairs = {"model", "spiceprop", "hidden", "50", "steps", "50", "dt", "2e-4", "encoding", "poisson", "input_voltage", "0.2",
            "gate", "0.7", "rate", "1000", "latency_window", "0.3", "latency_threshold", "0.2", "loss", "ce-max", "readout", "max",
            "logit_scale", "0.1", "count_on", "2", "count_off", "0.5", "init_current", "5e-6", "optimizer", "sgd", "lr", "0.02",
            "momentum", "0.5", "schedule", "step", "lr_floor", "0.1", "lr_gamma", "0.3", "lr_every", "3", "warmup", "10", "epochs", "3",
            "batch", "16", "device", "hp", "read_voltage", "0.001", "row_full_scale", "0.5", "pulse_amplitude", "1.5", "levels", "500",
            "update", "open-loop", "device_variation", "0.1", "cycle_noise", "0.1", "range_factor", "3"};
        for (int k = 0; k < pairs.length; k += 2) {
            changed.put(pairs[k], pairs[k + 1]);
        }
        List<String> names = TrainingParameters.all().stream().map(TrainingParameters.Parameter::name).toList();
        assertEquals(names, List.copyOf(changed.keySet()), "a value for every parameter");
        org.memspice.dse.sweep.TrainingPoint base = (org.memspice.dse.sweep.TrainingPoint) TrainingParameters.SPACE.create();
        TrainingParameters.SPACE.set(base, "model", "memprop", "test");
        java.util.Properties reference = built(base);
        for (String name : names) {
            org.memspice.dse.sweep.TrainingPoint p = (org.memspice.dse.sweep.TrainingPoint) TrainingParameters.SPACE.create();
            TrainingParameters.SPACE.set(p, "model", "memprop", "test");
            TrainingParameters.SPACE.set(p, name, changed.get(name), "test");
            assertTrue(!built(p).equals(reference), name + " changes nothing the trainer is given");
        }
    }

    @Test
    void theExampleIsValid() {
        SweepConfig c = SweepConfig.read(Path.of("../examples/train/lr-hidden-sweep.yaml"));
        assertEquals(TrainingParameters.SPACE, c.space);
        assertEquals(3 * 2 * 2, c.points("x").size());
        assertEquals(List.of("lr", "hidden"), c.axes);
    }

    private String error(String config) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), config);
        return assertThrows(DseInputException.class, () -> SweepConfig.read(file).points("x")).getMessage();
    }

    @Test
    void badConfigurationsNameFileLineAndKey() throws IOException {
        assertTrue(error(CONFIG.replace("lr: [0.01", "lrr: [0.01")).matches(".*bad.yaml:16:\\d+: unknown training parameter 'lrr'.*"),
                error(CONFIG.replace("lr: [0.01", "lrr: [0.01")));
        assertTrue(error(CONFIG.replace("0.05]", "-1]")).matches(".*bad.yaml:16:\\d+: lr: -1 is out of range \\(0, 10\\].*"));
        assertTrue(error(CONFIG.replace("steps: 10", "steps: 1.5")).matches(".*bad.yaml:8:\\d+: steps: 1.5 is not a whole number.*"));
        assertTrue(error(CONFIG.replace("model: [memprop]", "model: [memprob]")).matches(".*bad.yaml:18:\\d+: model: unknown model 'memprob'.*"));
        assertTrue(error(CONFIG.replace("hidden: 8", "hidden: \"8,Q3\"")).matches(".*bad.yaml:7:\\d+: hidden: layer 'Q3' is neither.*"));
        assertTrue(error(CONFIG.replace("dt: 4e-4", "dt: .nan")).matches(".*bad.yaml:9:\\d+: dt: .*"));
        assertTrue(error("network: net\n" + CONFIG).matches(".*bad.yaml:1:\\d+: unknown key 'network' in a training sweep.*"));
        assertTrue(error(CONFIG.replace("train_images: 40\n", "")).contains("missing key 'train_images'"));
        assertTrue(error(CONFIG.replace("hidden: 8", "seed: 3")).matches(".*bad.yaml:7:\\d+: seed: every point's seed comes from the"
                + " top-level key seeds.*"), "a seed the seeds list would override");
        assertTrue(error(CONFIG.replace("task: train", "task: trian")).matches(".*bad.yaml:1:\\d+: task: 'trian' is not dse or train.*"));
        assertTrue(error(CONFIG.replace("each:\n  model: [memprop]\n", ""))
                .matches("(?s).*bad.yaml:12:\\d+: device_variation changes no point of this sweep \\(spiceprop's weights are ideal.*"),
                "a memristor parameter in a sweep without memprop");
        assertTrue(error(CONFIG.replace("levels: 100", "levels: 100\n  momentum: 0.5"))
                .matches("(?s).*bad.yaml:15:\\d+: momentum changes no point of this sweep \\(only optimizer sgd has momentum\\).*"));
    }
}
