package org.memspice.memprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.memprop.circuit.CircuitVerifier;
import org.memspice.memprop.circuit.NetworkNetlist;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import org.memspice.memprop.encode.Encoding;
import org.memspice.memprop.net.DeviceConfig;
import org.memspice.memprop.net.Network;
import org.memspice.memprop.net.NetworkSpec;
import org.memspice.memprop.net.Workspace;
import org.memspice.memprop.train.Trainer;
import org.memspice.memprop.train.TrainingListener;
import org.memspice.spice.reference.ReferenceCase;

/**
 * The trained network run as a circuit: through memspice's general engine it predicts the
 * classes the stepped model predicts with output voltages within 1 % of their range, for ideal
 * and for memristive (non-ohmic) synapses; where ngspice is installed, the exported netlist runs
 * unchanged in ngspice and agrees as well.
 */
class CircuitTest {
    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void load() {
        Path dir = TestData.folder();
        train = Datasets.load(dir, Datasets.Kind.MNIST, true);
        test = Datasets.load(dir, Datasets.Kind.MNIST, false);
        TrainingTest.load();
    }

    private static Network trained(NetworkSpec spec, Path out) throws IOException {
        Network net = TrainingTest.initialized(spec);
        try (Trainer t = Trainer.start(net, TrainingTest.config(1, 200, 20, 0.02, 10), train, test, out, 2)) {
            t.run(new TrainingListener() {
            });
        }
        return net;
    }

    private static void agreesThroughTheEngine(Network net, int images) {
        CircuitVerifier v = new CircuitVerifier(net);
        int[] chosen = Datasets.balancedSubset(test, images, 3);
        for (int idx : chosen) {
            CircuitVerifier.ImageResult r = v.verify(test, idx);
            System.out.printf("circuit check %s image %d: stepped %d, circuit %d, worst output difference %.3g mV of %.3g mV%n",
                    net.spec.model().option(), idx, r.stepped(), r.circuit(), 1e3 * r.worstDifference(), 1e3 * r.outputRange());
            assertEquals(r.stepped(), r.circuit(), "image " + idx + ": the circuit predicts another class");
            assertTrue(r.worstDifference() < 0.01 * r.outputRange(), "image " + idx + ": output differs by " + r.worstDifference()
                    + " V of a range of " + r.outputRange() + " V");
        }
    }

    @Test
    void aTrainedSpicepropNetworkBehavesTheSameAsACircuit(@TempDir Path out) throws IOException {
        agreesThroughTheEngine(trained(TrainingTest.spec(NetworkSpec.Model.SPICEPROP, 8, 100, Encoding.direct(0.1), null), out), 4);
    }

    @Test
    void aTrainedMempropNetworkWithNonOhmicDevicesBehavesTheSameAsACircuit(@TempDir Path out) throws IOException {
        DeviceConfig dev = DeviceConfig.resolve("stanford_pku", Map.of(), null, 0.3, 1.0, 200, DeviceConfig.Update.STATE_AWARE, 0.05, 0, 4, 0.01);
        Network net = trained(TrainingTest.spec(NetworkSpec.Model.MEMPROP, 8, 100, Encoding.direct(0.1), dev), out);
        String text = NetworkNetlist.write(net, test.images(), 0, "t");
        assertTrue(text.contains("sinh("), "Stanford-PKU devices are written with their sinh I-V");
        agreesThroughTheEngine(net, 2);
    }

    @Test
    void spikeTrainsAndOversizedNetworksAreRefusedByName() {
        Network spiking = Network.blank(TrainingTest.spec(NetworkSpec.Model.SPICEPROP, 8, 40,
                new Encoding(Encoding.Kind.POISSON, 0.1, 1, 1000, 1, 0.1), null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkNetlist.checkExportable(spiking));
        assertTrue(e.getMessage().contains("poisson"), e.getMessage());
        Network big = Network.blank(TrainingTest.spec(NetworkSpec.Model.SPICEPROP, 400, 40, Encoding.direct(0.1), null));
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> NetworkNetlist.checkExportable(big));
        assertTrue(b.getMessage().contains("at most 200,000 connections"), b.getMessage());
    }

    /** Output vectors of an ngspice batch run's .print tables (Index, time, vectors; split over several tables). */
    static Map<String, TreeMap<Double, Double>> ngspiceTables(String stdout) {
        Map<String, TreeMap<Double, Double>> out = new HashMap<>();
        List<String> columns = null;
        for (String line : stdout.split("\n")) {
            String t = line.trim();
            if (t.startsWith("Index")) {
                columns = List.of(t.split("\\s+"));
                continue;
            }
            if (columns == null || t.isEmpty() || !Character.isDigit(t.charAt(0))) {
                continue;
            }
            String[] f = t.split("\\s+");
            if (f.length != columns.size()) {
                continue;
            }
            double time = Double.parseDouble(f[1]);
            for (int c = 2; c < f.length; c++) {
                out.computeIfAbsent(columns.get(c), k -> new TreeMap<>()).put(time, Double.parseDouble(f[c]));
            }
        }
        return out;
    }

    private static double at(TreeMap<Double, Double> w, double t) {
        Map.Entry<Double, Double> lo = w.floorEntry(t);
        Map.Entry<Double, Double> hi = w.ceilingEntry(t);
        if (lo == null) {
            return hi.getValue();
        }
        if (hi == null || hi.getKey().equals(lo.getKey())) {
            return lo.getValue();
        }
        return lo.getValue() + (hi.getValue() - lo.getValue()) * (t - lo.getKey()) / (hi.getKey() - lo.getKey());
    }

    @Test
    void theExportedNetlistRunsUnchangedInNgspiceAndAgrees(@TempDir Path out) throws Exception {
        assumeTrue(ReferenceCase.ngspiceAvailable(), "ngspice is not installed: live check skipped");
        agreesInNgspice(trained(TrainingTest.spec(NetworkSpec.Model.SPICEPROP, 8, 100, Encoding.direct(0.1), null), out), out);
    }

    @Test
    void anExportedMempropNetlistRunsUnchangedInNgspiceAndAgrees(@TempDir Path out) throws Exception {
        assumeTrue(ReferenceCase.ngspiceAvailable(), "ngspice is not installed: live check skipped");
        DeviceConfig dev = DeviceConfig.resolve("yakopcic", Map.of("a2", 0.12), null, 0.3, 1.0, 200, DeviceConfig.Update.STATE_AWARE, 0.05, 0, 4, 0.01);
        agreesInNgspice(trained(TrainingTest.spec(NetworkSpec.Model.MEMPROP, 8, 100, Encoding.direct(0.1), dev), out), out);
    }

    private static void agreesInNgspice(Network net, Path out) throws Exception {
        int image = Datasets.balancedSubset(test, 1, 5)[0];
        Path cir = out.resolve("net.cir");
        Files.writeString(cir, NetworkNetlist.write(net, test.images(), image * test.pixels(), "live ngspice check"));
        Process p = new ProcessBuilder("ngspice", "-b", cir.toString()).redirectErrorStream(true).start();
        String stdout = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ngspice finished");
        assertEquals(0, p.exitValue(), stdout);
        Map<String, TreeMap<Double, Double>> ng = ngspiceTables(stdout);
        Workspace ws = new Workspace(net, 1, false);
        ws.forward(test, new int[] {image}, 0, 1, -1, net.layerCount());
        int classes = net.spec.classes();
        int steps = net.spec.steps();
        double[] h = new double[(steps + 1) * classes];
        double worst = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            TreeMap<Double, Double> w = ng.get("v(" + NetworkNetlist.outputNode(net, k) + ")");
            assertTrue(w != null && w.size() > steps / 2, "ngspice printed v(" + NetworkNetlist.outputNode(net, k) + ")");
            for (int n = 0; n <= steps; n++) {
                double s = ws.voltage(net.layerCount() - 1, 0, k, n);
                double v = n == 0 ? s : at(w, n * net.spec.dt());
                h[n * classes + k] = v;
                worst = Math.max(worst, Math.abs(v - s));
                lo = Math.min(lo, s);
                hi = Math.max(hi, s);
            }
        }
        int ngClass = net.spec.objective().predict(h, steps, 1, 0, classes, new int[classes], 0);
        System.out.printf("live ngspice 39 on the exported %s network, image %d: stepped %d, ngspice %d, worst output"
                + " difference %.3g mV of %.3g mV%n", net.spec.model().option(), image, ws.predict(0), ngClass, 1e3 * worst,
                1e3 * (hi - lo));
        assertEquals(ws.predict(0), ngClass, "ngspice predicts the stepped model's class");
        assertTrue(worst < 0.02 * (hi - lo), "ngspice's outputs within 2 % of their range: " + worst);
    }
}
