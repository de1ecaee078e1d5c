package org.memspice.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who gets in: a member with another secret or cluster name is turned away before it holds any
 * data and cannot read the cluster's map; Hazelcast clients are not served at all; a member
 * listens on loopback unless told otherwise; and every setting a user can get wrong (unknown host,
 * port in use, member not reachable, secret missing or short) is one line naming it.
 */
class AdmissionTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private static Map<String, String> env(String secret) {
        return Map.of(ClusterSettings.SECRET_ENV, secret);
    }

    @Test
    void aMemberWithAnotherSecretOrNameIsTurnedAwayAndReadsNothing(@TempDir Path dir) throws Exception {
        int[] ports = Fixtures.freePorts(3);
        try (ClusterMember a = Fixtures.member(events, 1, true, ports[0], ports[0])) {
            a.hazelcast().getMap(ClusterMember.RESULTS).set("k", "a finished point");

            ClusterSettings wrongSecret = Fixtures.settings("another-secret-0123456789", ports[1], ports[0], ports[1]);
            ClusterInputException e = assertThrows(ClusterInputException.class,
                    () -> ClusterMember.start(wrongSecret, 1, false, events::add));
            assertEquals("127.0.0.1:" + ports[0] + " turned this member away: its cluster name or secret differs from this one's",
                    e.getMessage());

            Path file = Files.writeString(dir.resolve("c.yaml"), "name: other\nsecret: " + Fixtures.SECRET + "\nmembers: [127.0.0.1:"
                    + ports[0] + ", 127.0.0.1:" + ports[1] + "]\nport: " + ports[1] + "\n");
            ClusterSettings wrongName = ClusterSettings.of(file, null, null, null, Map.of());
            e = assertThrows(ClusterInputException.class, () -> ClusterMember.start(wrongName, 1, false, events::add));
            assertTrue(e.getMessage().startsWith("127.0.0.1:" + ports[0] + " turned this member away"), e.getMessage());

            // the same intruder as a bare Hazelcast member that stays up: a cluster of its own, an empty map
            HazelcastInstance intruder = Hazelcast.newHazelcastInstance(ClusterMember.config(wrongSecret, ports[2], 1, s -> { }));
            try {
                assertEquals(1, intruder.getCluster().getMembers().size());
                assertEquals(0, intruder.getMap(ClusterMember.RESULTS).size());
                assertEquals(null, intruder.getMap(ClusterMember.RESULTS).get("k"));
            } finally {
                intruder.getLifecycleService().terminate();
            }
            assertEquals(1, a.hazelcast().getCluster().getMembers().size(), "nobody joined");
            assertEquals("a finished point", a.hazelcast().getMap(ClusterMember.RESULTS).get("k"));
            assertTrue(events.stream().anyMatch(l -> l.startsWith("cluster: turned away a member at 127.0.0.1:")), events.toString());
        }
    }

    @Test
    void hazelcastClientsAreNotServedEvenWithTheClusterName() throws Exception {
        int[] ports = Fixtures.freePorts(1);
        ClusterSettings s = Fixtures.settings(Fixtures.SECRET, ports[0], ports[0]);
        try (ClusterMember a = ClusterMember.start(s, 1, true, events::add)) {
            ClientConfig cc = new ClientConfig();
            cc.setClusterName(s.hazelcastName());
            cc.getNetworkConfig().addAddress("127.0.0.1:" + ports[0]);
            cc.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(2000);
            assertThrows(IllegalStateException.class, () -> HazelcastClient.newHazelcastClient(cc).shutdown());
            assertTrue(a.running());
        }
    }

    @Test
    void aMemberListensOnLoopbackUnlessTold() throws Exception {
        int[] ports = Fixtures.freePorts(1);
        ClusterSettings s = ClusterSettings.of(null, null, null, ports[0], env(Fixtures.SECRET));
        assertEquals(InetAddress.getLoopbackAddress(), s.bind);
        try (ClusterMember a = ClusterMember.start(s, 1, true, events::add)) {
            assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports[0]), a.address());
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress other : Collections.list(ni.getInetAddresses())) {
                    if (other instanceof Inet4Address && !other.isLoopbackAddress()) {
                        try (Socket probe = new Socket()) {
                            assertThrows(IOException.class, () -> probe.connect(new InetSocketAddress(other, ports[0]), 1000),
                                    "nothing listens on " + other.getHostAddress());
                        }
                    }
                }
            }
        }
    }

    @Test
    void everySettingAUserCanGetWrongIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        Map<String, String> env = env(Fixtures.SECRET);
        assertEquals("--members: '127.0.0.1:x': 'x' is not a port (1-65535)", message(() -> ClusterSettings.of(null, "127.0.0.1:x", null, null, env)));
        assertTrue(message(() -> ClusterSettings.of(null, "no-such-host.invalid:5701", null, null, env))
                .matches("--members no-such-host\\.invalid:5701: unknown host 'no-such-host\\.invalid'"));
        assertTrue(message(() -> ClusterSettings.of(null, "127.0.0.1:5701", null, null, Map.of())).startsWith("no cluster secret: set "
                + "MEMSPICE_CLUSTER_SECRET"));
        assertEquals("$MEMSPICE_CLUSTER_SECRET: the cluster secret needs 16 characters or more, got 5",
                message(() -> ClusterSettings.of(null, "127.0.0.1:5701", null, null, env("short"))));
        assertTrue(message(() -> ClusterSettings.of(null, "10.254.254.254:5701", null, null, env))
                .contains("10.254.254.254:5701 on other machines, but this member would listen on 127.0.0.1 only"));
        assertEquals("--interface: 10.254.254.254 is not an address of this machine",
                message(() -> ClusterSettings.of(null, null, "10.254.254.254", null, env)));
        assertTrue(message(() -> ClusterSettings.of(null, null, "0.0.0.0", null, env)).contains("would listen on every interface"));
        Path file = Files.writeString(dir.resolve("c.yaml"), "name: lab\nsecret: a-different-secret-here\nmembrs: [a]\n");
        assertEquals(file + ":3:9: unknown key 'membrs' (name, secret, members, interface, port, heartbeat_timeout)",
                message(() -> ClusterSettings.of(file, null, null, null, env)));
        Files.writeString(file, "name: lab\nsecret: a-different-secret-here\n");
        assertEquals(file + ":2:9: secret differs from $MEMSPICE_CLUSTER_SECRET; give one of them",
                message(() -> ClusterSettings.of(file, null, null, null, env)));
        Files.writeString(file, "name: lab\nport: 70000\n");
        assertEquals(file + ":2:7: port: '70000' is not a whole number in [1, 65535]", message(() -> ClusterSettings.of(file, null, null, null, env)));

        int[] ports = Fixtures.freePorts(2);
        try (ServerSocket taken = new ServerSocket(ports[0], 1, InetAddress.getLoopbackAddress())) {
            assertEquals("127.0.0.1:" + ports[0] + " is in use (another member or program listens there); give --port with a free port",
                    message(() -> ClusterMember.start(Fixtures.settings(Fixtures.SECRET, ports[0], ports[0]), 1, true, events::add)));
        }
        assertEquals("cluster member 127.0.0.1:" + ports[1] + " cannot be reached (connection refused); start `memspice worker` there"
                + " first, or leave it out of the members",
                message(() -> ClusterMember.start(Fixtures.settings(Fixtures.SECRET, ports[0], ports), 1, true, events::add)));
        try (ClusterMember worker = ClusterMember.start(Fixtures.settings(Fixtures.SECRET, ports[0], ports), 1, false, events::add)) {
            assertTrue(events.contains("cluster: 127.0.0.1:" + ports[1] + " is not answering yet (connection refused); it can join later"),
                    events.toString());
        }
        assertFalse(events.stream().anyMatch(l -> l.contains("hazelcast:")), "nothing of Hazelcast's own log: " + events);
    }

    private static String message(Runnable r) {
        return assertThrows(ClusterInputException.class, r::run).getMessage();
    }
}
