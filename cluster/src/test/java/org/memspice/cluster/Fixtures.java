package org.memspice.cluster;

import java.io.IOException;
import java.io.Serializable;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.memspice.dse.Synthetic;
import org.memspice.dse.net.Architectures;
import org.memspice.dse.net.NetworkFiles;
import org.memspice.dse.net.PlainNetwork;
import org.memspice.dse.sweep.PointEvaluator;
import org.memspice.dse.sweep.PointResult;
import org.memspice.dse.sweep.SweepConfig;
import org.memspice.dse.sweep.SweepPoint;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.net.Shape;

/** What the cluster tests share: free ports, settings, a small real sweep and a slow synthetic one. */
final class Fixtures {
    static final String SECRET = "test-secret-0123456789";

    private Fixtures() {
    }

    /** {@code n} ports nothing listens on now. */
    static int[] freePorts(int n) throws IOException {
        int[] p = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int k = 0; k < n; k++) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                held.add(s);
                p[k] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return p;
    }

    static String members(int... ports) {
        List<String> m = new ArrayList<>();
        for (int p : ports) {
            m.add("127.0.0.1:" + p);
        }
        return String.join(",", m);
    }

    /** The member at 127.0.0.1:{@code self} of a cluster listing {@code all}, with the given secret. */
    static ClusterSettings settings(String secret, int self, int... all) {
        return ClusterSettings.of(null, members(all), null, self, Map.of(ClusterSettings.SECRET_ENV, secret));
    }

    static ClusterMember member(List<String> events, int threads, boolean launching, int self, int... all) {
        return ClusterMember.start(settings(SECRET, self, all), threads, launching, events::add);
    }

    /** n images of 12x12 in 4 classes: a bright bar at a place of its own, with noise (rram-dse's test images). */
    static Dataset bars(int n, long seed) {
        return Synthetic.bars(n, 12, 0.3, seed);
    }

    static int[] range(int from, int to) {
        return Synthetic.range(from, to);
    }

    /** A sweep of 12 points through a small depthwise network (circuit-exact tiles), its config file in {@code dir}. */
    record Sweep(SweepConfig config, List<SweepPoint> points, PointEvaluator evaluator) {
        static Sweep in(Path dir) throws IOException {
            PlainNetwork net = Architectures.depthwise(new Shape(1, 12, 12), 4);
            Architectures.initialize(net, 2);
            NetworkFiles.write(dir.resolve("net"), net, List.of());
            Path file = Files.writeString(dir.resolve("sweep.yaml"), """
                    network: net
                    dataset: mnist
                    images: 16
                    seeds: [1, 2]
                    base:
                      tile: 16x16
                      wire: 2
                      calibration_images: 4
                    grid:
                      scheme: [dense, sparse]
                    each:
                      adc_bits: [3]
                      stuck_at: [0.2]
                    """);
            SweepConfig c = SweepConfig.read(file);
            Dataset d = bars(60, 5);
            return new Sweep(c, c.points(NetworkFiles.digest(c.network)),
                    org.memspice.dse.sweep.InferenceEvaluator.forFolder(c.network, d, range(0, 8), d, range(20, 36)));
        }
    }

    /** How often each point was computed, in this JVM (all members of a test share it). */
    static final Map<String, AtomicInteger> COMPUTED = new ConcurrentHashMap<>();
    /** The point each thread computes now, by thread name (which names the member's instance). */
    static final Map<String, String> RUNNING = new ConcurrentHashMap<>();

    /**
     * A point that takes {@code millis} of wall time and whose metrics are a function of its key;
     * counts its computations in {@link #COMPUTED}. Ignores interruption, like a busy CPU.
     */
    record Slow(long millis) implements PointEvaluator, Serializable {
        @Override
        public PointResult evaluate(SweepPoint p) {
            long end = System.nanoTime() + millis * 1_000_000;
            RUNNING.put(Thread.currentThread().getName(), p.key());
            boolean interrupted = false;
            while (System.nanoTime() < end) {
                try {
                    Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            RUNNING.remove(Thread.currentThread().getName());
            COMPUTED.computeIfAbsent(p.key(), k -> new AtomicInteger()).incrementAndGet();
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("value", (double) p.key().hashCode());
            m.put("index", (double) p.index());
            return new PointResult(m, millis / 1e3, null);
        }
    }
}
