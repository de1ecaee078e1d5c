package org.memspice.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.InterfacesConfig;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * This JVM's member of a memspice cluster: an embedded Hazelcast member that listens on one
 * address ({@link ClusterSettings}), joins the listed members over TCP (no multicast, no cloud
 * discovery, no phone-home), accepts member connections only (no client protocol, no REST), runs
 * sweep points on its executor {@value #EXECUTOR} with as many threads as it was given, and
 * holds its share of the maps {@value #RESULTS} (finished points by key, one backup) and
 * {@value #JOBS} (sweep evaluators). It prints one line per member joining or leaving.
 *
 * <p>Starting checks what a user can fix and says it in one line naming the address: a port in
 * use, a listed member that turned this one away (its cluster name or secret differs), and, for
 * the member that launches a sweep, a listed member that cannot be reached.
 */
public final class ClusterMember implements AutoCloseable {
    /** The map of finished points: key to the point file's text. */
    public static final String RESULTS = "memspice-results";
    /** The map of sweep jobs: id to the evaluator's bytes. */
    public static final String JOBS = "memspice-jobs";
    static final String EXECUTOR = "memspice-points";
    static final String THREADS = "memspice.threads";
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final HazelcastInstance hz;
    private final ClusterSettings settings;
    private final InetSocketAddress address;
    private final int threads;
    private final Consumer<String> events;
    private final Thread hook;
    private final UUID listener;

    private ClusterMember(HazelcastInstance hz, ClusterSettings settings, InetSocketAddress address, int threads, Consumer<String> events) {
        this.hz = hz;
        this.settings = settings;
        this.address = address;
        this.threads = threads;
        this.events = events;
        this.hook = new Thread(this::shutdownQuietly, "memspice-cluster-shutdown");
        this.listener = hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                events.accept("cluster: member " + text(e.getMember()) + " joined (" + size(e.getMembers()) + ")");
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                events.accept("cluster: member " + text(e.getMember()) + " left (" + size(e.getMembers()) + ")");
            }
        });
    }

    /**
     * Starts this JVM's member and checks that it was admitted. {@code launching}: this member
     * launches a sweep, so every listed member must be up already (a worker waits for the others
     * instead). {@code events} receives one line per member event.
     */
    public static ClusterMember start(ClusterSettings s, int threads, boolean launching, Consumer<String> events) {
        QuietLogging.install();
        Consumer<String> out = line -> {
            synchronized (events) {
                events.accept(line);
            }
        };
        Integer port = null;
        List<String> busy = new ArrayList<>();
        for (int p : s.ports()) {
            if (free(s.bind, p)) {
                port = p;
                break;
            }
            busy.add(ClusterSettings.text(new InetSocketAddress(s.bind, p)));
        }
        if (port == null) {
            throw new ClusterInputException((busy.size() == 1 ? busy.get(0) + " is" : String.join(", ", busy) + " are all")
                    + " in use (another member or program listens there); give --port with a free port");
        }
        InetSocketAddress address = new InetSocketAddress(s.bind, port);
        String self = key(address);
        QuietLogging.forget(self);
        HazelcastInstance hz;
        try {
            hz = Hazelcast.newHazelcastInstance(config(s, port, threads, launching ? line -> { } : out));
        } catch (RuntimeException e) {
            String why = String.valueOf(e.getMessage()).split("\n")[0];
            throw new ClusterInputException(ClusterSettings.text(address) + ": cannot start a cluster member there (" + why + ")");
        }
        ClusterMember m = new ClusterMember(hz, s, address, threads, out);
        try {
            m.admitted(launching);
        } catch (RuntimeException e) {
            m.hz.getLifecycleService().terminate();
            throw e;
        }
        QuietLogging.sink(self, out);
        Runtime.getRuntime().addShutdownHook(m.hook);
        return m;
    }

    /** The member's Hazelcast configuration; {@code jobEvents} hears of each sweep job it receives. */
    static Config config(ClusterSettings s, int port, int threads, Consumer<String> jobEvents) {
        Config c = new Config();
        c.setInstanceName("memspice-" + port + "-" + INSTANCES.incrementAndGet());
        c.setClusterName(s.hazelcastName());
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.health.monitoring.level", "OFF");
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.socket.server.bind.any", "false");
        c.setProperty("hazelcast.socket.client.bind.any", "false");
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.partition.count", "71");
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(s.heartbeatSeconds));
        c.setProperty("hazelcast.graceful.shutdown.max.wait", "30");
        c.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
        c.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
        c.getJetConfig().setEnabled(false);
        c.getMetricsConfig().setEnabled(false);
        c.getMemberAttributeConfig().setAttribute(THREADS, Integer.toString(threads));
        c.getExecutorConfig(EXECUTOR).setPoolSize(threads).setQueueCapacity(0).setStatisticsEnabled(false);
        c.getMapConfig(RESULTS).setBackupCount(1).setStatisticsEnabled(false);
        c.getMapConfig(JOBS).setBackupCount(1).setStatisticsEnabled(false);
        c.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig()
                .setWhitelist(new ClassFilter().addPrefixes("org.memspice.")));
        c.getUserContext().put(Jobs.CONTEXT_KEY, new Jobs(jobEvents));
        AdvancedNetworkConfig network = c.getAdvancedNetworkConfig().setEnabled(true);
        ServerSocketEndpointConfig endpoint = new ServerSocketEndpointConfig();
        endpoint.setPort(port).setPortAutoIncrement(false).setReuseAddress(true);
        endpoint.setInterfaces(new InterfacesConfig().setEnabled(true).addInterface(s.bind.getHostAddress()));
        network.setMemberEndpointConfig(endpoint);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        List<String> members = new ArrayList<>();
        for (InetSocketAddress m : s.members) {
            members.add(ClusterSettings.text(m));
        }
        join.getTcpIpConfig().setEnabled(true).setMembers(members).setConnectionTimeoutSeconds(2);
        return c;
    }

    /** Throws unless every listed member that answers has admitted this one (see {@link #start}). */
    private void admitted(boolean launching) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (InetSocketAddress other : settings.members) {
            if (other.equals(address)) {
                continue;
            }
            while (!isMember(other)) {
                if (QuietLogging.refused(key(address), key(other))) {
                    throw new ClusterInputException(ClusterSettings.text(other) + " turned this member away: its cluster name or secret"
                            + " differs from this one's");
                }
                String unreachable = unreachable(other);
                if (unreachable != null) {
                    if (launching) {
                        throw new ClusterInputException("cluster member " + ClusterSettings.text(other) + " cannot be reached ("
                                + unreachable + "); start `memspice worker` there first, or leave it out of the members");
                    }
                    events.accept("cluster: " + ClusterSettings.text(other) + " is not answering yet (" + unreachable
                            + "); it can join later");
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new ClusterInputException(ClusterSettings.text(other) + " answers but did not admit this member (is it a"
                            + " memspice member of this cluster?)");
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClusterInputException("interrupted while joining " + ClusterSettings.text(other));
                }
            }
        }
    }

    private boolean isMember(InetSocketAddress a) {
        String k = key(a);
        for (Member m : hz.getCluster().getMembers()) {
            if (key(m).equals(k)) {
                return true;
            }
        }
        return false;
    }

    /** Null when something accepts connections at {@code a}, else why not. */
    private static String unreachable(InetSocketAddress a) {
        try (Socket s = new Socket()) {
            s.connect(a, 2000);
            return null;
        } catch (IOException e) {
            String m = e.getMessage();
            return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.toLowerCase(Locale.ROOT);
        }
    }

    private static boolean free(InetAddress a, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(a, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String key(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    static String key(Member m) {
        return m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }

    /** A member's address as host:port. */
    static String text(Member m) {
        String host = m.getAddress().getHost();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + m.getAddress().getPort();
    }

    /** The threads a member offers (what it was started with). */
    static int threads(Member m) {
        try {
            return Math.max(1, Integer.parseInt(m.getAttribute(THREADS)));
        } catch (NumberFormatException | NullPointerException e) {
            return 1;
        }
    }

    private static String size(Set<Member> members) {
        int t = 0;
        for (Member m : members) {
            t += threads(m);
        }
        return members.size() + (members.size() == 1 ? " member, " : " members, ") + t + (t == 1 ? " thread" : " threads");
    }

    HazelcastInstance hazelcast() {
        return hz;
    }

    Consumer<String> events() {
        return events;
    }

    /** Where this member listens. */
    public InetSocketAddress address() {
        return address;
    }

    /** The threads this member runs points on. */
    public int threads() {
        return threads;
    }

    /** Whether this member is still part of a running cluster. */
    public boolean running() {
        return hz.getLifecycleService().isRunning();
    }

    /** "127.0.0.1:5702 in cluster memspice: 2 members, 4 threads (127.0.0.1:5701, 127.0.0.1:5702)". */
    public String describe() {
        Set<Member> ms = hz.getCluster().getMembers();
        List<String> names = new ArrayList<>();
        for (Member m : ms) {
            names.add(text(m));
        }
        return ClusterSettings.text(address) + " in cluster " + settings.name + ": " + size(ms) + " (" + String.join(", ", names) + ")";
    }

    /** The finished points the cluster's map holds. */
    public int resultsHeld() {
        return hz.getMap(RESULTS).size();
    }

    /** Leaves the cluster as if this JVM had died (tests: a member lost mid-sweep). */
    public void kill() {
        detach();
        hz.getLifecycleService().terminate();
    }

    /** Leaves the cluster, handing this member's share of the maps to the others first. */
    @Override
    public void close() {
        detach();
        shutdownQuietly();
    }

    private void detach() {
        QuietLogging.sink(key(address), null);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs
        }
        if (hz.getLifecycleService().isRunning()) {
            try {
                hz.getCluster().removeMembershipListener(listener);
            } catch (RuntimeException e) {
                // leaving anyway
            }
        }
    }

    private void shutdownQuietly() {
        try {
            if (hz.getLifecycleService().isRunning()) {
                hz.shutdown();
            }
        } catch (RuntimeException e) {
            // already gone
        }
    }
}
