package org.memspice.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.cli.CliRun;
import org.memspice.cli.ExitCodes;
import org.memspice.cli.MemspiceCommand;
import org.memspice.cluster.ClusterMember;
import org.memspice.cluster.ClusterSettings;

/**
 * {@code memspice worker} and {@code dse run --cluster} as a script sees them: a sweep launched
 * on a two-member cluster (a worker command in this JVM) writes the same results.csv as the local
 * run, and an unreachable member, a port in use or a wrong secret is one line naming the address
 * and exit 2.
 */
class ClusterCommandTest {
    private static final String SECRET = "cli-test-secret-0123456789";
    @TempDir
    static Path data;
    @TempDir
    static Path nets;

    @BeforeAll
    static void prepare() throws IOException {
        CliRun.syntheticMnist(data, 100, 40);
        CliRun t = CliRun.of("dse", "train-reference", "--data", data.toString(), "--layers", "784,16,10", "--epochs", "2", "--batch", "10",
                "-o", nets.resolve("mlp").toString(), "--quiet");
        assertEquals(ExitCodes.OK, t.code(), t.err());
    }

    private static int[] freePorts(int n) throws IOException {
        int[] p = new int[n];
        ServerSocket[] held = new ServerSocket[n];
        for (int k = 0; k < n; k++) {
            held[k] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            p[k] = held[k].getLocalPort();
        }
        for (ServerSocket s : held) {
            s.close();
        }
        return p;
    }

    private static Path clusterFile(Path dir, String name, String secret, int... ports) throws IOException {
        StringBuilder m = new StringBuilder();
        for (int p : ports) {
            m.append(m.length() > 0 ? ", " : "").append("127.0.0.1:").append(p);
        }
        Path f = dir.resolve(name);
        Files.writeString(f, "name: test\nsecret: " + secret + "\nmembers: [" + m + "]\n");
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private static Path sweep(Path dir) throws IOException {
        return Files.writeString(dir.resolve("sweep.yaml"), "network: " + nets.resolve("mlp") + "\ndataset: mnist\ndata: " + data
                + "\nimages: 20\nseeds: [1, 2]\nbase:\n  calibration_images: 20\n  adc_bits: 6\ngrid:\n  tile: [32x32, 64x64]\n");
    }

    /** A command running in its own thread, its output readable while it runs. */
    private static final class Running {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int[] code = {-1};
        final Thread thread;

        Running(String... args) {
            thread = new Thread(() -> code[0] = MemspiceCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true)));
            thread.start();
        }

        void awaitOut(String text) throws InterruptedException {
            for (int k = 0; k < 600 && !out.toString().contains(text); k++) {
                assertTrue(thread.isAlive(), "ended: " + out + err);
                Thread.sleep(50);
            }
            assertTrue(out.toString().contains(text), out + " / " + err);
        }
    }

    @Test
    void aSweepOnTwoMembersWritesTheLocalTable(@TempDir Path dir) throws Exception {
        Path config = sweep(dir);
        CliRun local = CliRun.of("dse", "run", "--config", config.toString(), "-o", dir.resolve("local").toString(), "--quiet");
        assertEquals(ExitCodes.OK, local.code(), local.err());
        int[] ports = freePorts(2);
        Path c = clusterFile(dir, "cluster.yaml", SECRET, ports);
        Running worker = new Running("worker", "--cluster", c.toString(), "--threads", "1");
        worker.awaitOut("worker 127.0.0.1:" + ports[0] + " in cluster test: 1 member, 1 thread");
        CliRun run = CliRun.of("dse", "run", "--config", config.toString(), "-o", dir.resolve("cluster").toString(), "--cluster",
                c.toString(), "--threads", "1", "--quiet");
        assertEquals(ExitCodes.OK, run.code(), run.err());
        assertTrue(run.out().contains("cluster: 127.0.0.1:" + ports[1] + " in cluster test: 2 members, 2 threads"), run.out());
        assertTrue(run.out().contains("4 points computed now, 0 found finished"), run.out());
        assertEquals(Files.readString(dir.resolve("local/results.csv")), Files.readString(dir.resolve("cluster/results.csv")));
        assertTrue(worker.err.toString().matches("(?s).*sweep job \\w+ received.*"), "the worker computed points: " + worker.err);

        CliRun again = CliRun.of("dse", "run", "--config", config.toString(), "-o", dir.resolve("again").toString(), "--cluster",
                c.toString(), "--quiet");
        assertEquals(ExitCodes.OK, again.code(), again.err());
        assertTrue(again.out().contains("0 points computed now, 4 found finished (4 in the cluster's map)"), again.out());
        assertEquals(Files.readString(dir.resolve("local/results.csv")), Files.readString(dir.resolve("again/results.csv")));

        worker.thread.interrupt();
        worker.thread.join(60_000);
        assertEquals(ExitCodes.OK, worker.code[0], worker.err.toString());
        assertFalse(worker.err.toString().contains("hazelcast"), "Hazelcast's own log stays quiet: " + worker.err);
    }

    private static void assertOneLine(CliRun r, String expected) {
        assertEquals(ExitCodes.INPUT, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(expected), "'" + expected + "' in: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void badAddressesPortsAndSecretsAreOneLineNamingTheAddress(@TempDir Path dir) throws Exception {
        Path config = sweep(dir);
        int[] ports = freePorts(3);
        String out = dir.resolve("out").toString();
        assertOneLine(CliRun.of("dse", "run", "--config", config.toString(), "-o", out, "--cluster",
                clusterFile(dir, "c.yaml", SECRET, ports[0], ports[1]).toString()),
                "error: cluster member 127.0.0.1:" + ports[1] + " cannot be reached (connection refused)");
        try (ServerSocket taken = new ServerSocket(ports[2], 1, InetAddress.getLoopbackAddress())) {
            assertOneLine(CliRun.of("worker", "--cluster", clusterFile(dir, "c.yaml", SECRET, ports[2]).toString()),
                    "error: 127.0.0.1:" + ports[2] + " is in use");
            assertOneLine(CliRun.of("dse", "run", "--config", config.toString(), "-o", out, "--cluster",
                    clusterFile(dir, "c.yaml", SECRET, ports[0]).toString(), "--port", Integer.toString(ports[2])),
                    "error: 127.0.0.1:" + ports[2] + " is in use");
        }
        assertOneLine(CliRun.of("worker", "--members", "127.0.0.1:99999"), "error: --members: '127.0.0.1:99999': '99999' is not a port");
        assertOneLine(CliRun.of("worker", "--members", "no-such-host.invalid:5701"), "error: --members no-such-host.invalid:5701: unknown host");
        assertOneLine(CliRun.of("dse", "run", "--config", config.toString(), "--interface", "127.0.0.1"),
                "error: --interface applies to cluster runs");
        ClusterSettings good = ClusterSettings.of(clusterFile(dir, "good.yaml", SECRET, ports[0]), null, null, null, Map.of());
        try (ClusterMember member = ClusterMember.start(good, 1, false, line -> { })) {
            Path wrong = clusterFile(dir, "wrong.yaml", "not-the-secret-0123456789", ports[0], ports[1]);
            assertOneLine(CliRun.of("worker", "--cluster", wrong.toString()),
                    "error: 127.0.0.1:" + ports[0] + " turned this member away: its cluster name or secret differs from this one's");
            assertOneLine(CliRun.of("dse", "run", "--config", config.toString(), "-o", out, "--cluster", wrong.toString()),
                    "error: 127.0.0.1:" + ports[0] + " turned this member away");
            assertTrue(member.running());
        }
        Assumptions.assumeTrue(System.getenv(ClusterSettings.SECRET_ENV) == null, "the environment holds a cluster secret");
        assertOneLine(CliRun.of("worker", "--members", "127.0.0.1:" + ports[0]), "error: no cluster secret: set MEMSPICE_CLUSTER_SECRET");
    }
}
