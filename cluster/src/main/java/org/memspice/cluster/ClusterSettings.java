package org.memspice.cluster;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.memspice.dse.sweep.ConfigNode;
import org.memspice.dse.sweep.ConfigReader;

/**
 * Where a member listens, whom it joins, and what it must know to be admitted: from a cluster
 * file (YAML or JSON, errors name file:line:column), command-line options that override it, and
 * the environment's {@value #SECRET_ENV}.
 *
 * <pre>
 * name: lab                      # cluster name (default memspice)
 * secret: 3f1c...                # shared secret, 16 characters or more (or $MEMSPICE_CLUSTER_SECRET)
 * members: [10.0.0.5:5701, 10.0.0.6:5701]   # every member's address (host or host:port, port 5701)
 * interface: 10.0.0.5            # the address this member listens on (default below)
 * port: 5701                     # its port (default below)
 * heartbeat_timeout: 30          # seconds without a heartbeat before a member counts as gone
 * </pre>
 *
 * A member listens on one address only: the given interface, else the first listed member
 * address that belongs to this machine, else 127.0.0.1 (loopback, the default: nothing outside
 * the machine can reach it). Its port is the given one, else the first free port listed for that
 * address, else 5701. Hazelcast's open-source edition authenticates nobody, so the secret is
 * folded into the cluster name Hazelcast compares when a member asks to join: a member with
 * another name or secret asks under another name and is turned away before it holds any data.
 */
public final class ClusterSettings {
    /** The environment variable holding the shared secret. */
    public static final String SECRET_ENV = "MEMSPICE_CLUSTER_SECRET";
    public static final int DEFAULT_PORT = 5701;
    static final int MIN_SECRET = 16;
    private static final List<String> KEYS = List.of("name", "secret", "members", "interface", "port", "heartbeat_timeout");

    /** The cluster name as given (the one Hazelcast sees also depends on the secret). */
    public final String name;
    private final String secret;
    /** Every listed member address, resolved. */
    public final List<InetSocketAddress> members;
    /** The address this member listens on. */
    public final InetAddress bind;
    /** The port asked for, or null (see {@link #ports}). */
    public final Integer port;
    public final int heartbeatSeconds;
    /** Things worth saying that do not stop the member (a secret others can read). */
    public final List<String> warnings = new ArrayList<>();

    private ClusterSettings(String name, String secret, List<InetSocketAddress> members, InetAddress bind, Integer port,
            int heartbeatSeconds) {
        this.name = name;
        this.secret = secret;
        this.members = List.copyOf(members);
        this.bind = bind;
        this.port = port;
        this.heartbeatSeconds = heartbeatSeconds;
    }

    /**
     * The settings of a cluster file (may be null) overridden by the options given (null when
     * not), with the secret from the file or {@code env}'s {@value #SECRET_ENV}.
     */
    public static ClusterSettings of(Path file, String membersOption, String interfaceOption, Integer portOption,
            Map<String, String> env) {
        String name = "memspice";
        String secret = null;
        String secretWhere = null;
        List<InetSocketAddress> members = new ArrayList<>();
        String iface = null;
        String ifaceWhere = "--interface";
        Integer port = null;
        int heartbeat = 30;
        List<String> warnings = new ArrayList<>();
        if (file != null) {
            Map<String, ConfigNode> m = ConfigReader.read(file).map();
            for (Map.Entry<String, ConfigNode> e : m.entrySet()) {
                if (!KEYS.contains(e.getKey())) {
                    throw new ClusterInputException(e.getValue().where() + ": unknown key '" + e.getKey() + "' ("
                            + String.join(", ", KEYS) + ")");
                }
            }
            if (m.containsKey("name")) {
                name = scalar(m.get("name"), "name");
                if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
                    throw new ClusterInputException(m.get("name").where() + ": name: letters, digits, '.', '_' and '-' only (1-64)");
                }
            }
            if (m.containsKey("secret")) {
                secret = scalar(m.get("secret"), "secret");
                secretWhere = m.get("secret").where();
                if (readableByOthers(file)) {
                    warnings.add(file + " holds the cluster secret and other users can read it (chmod 600 " + file + ")");
                }
            }
            if (m.containsKey("members")) {
                ConfigNode v = m.get("members");
                List<ConfigNode> list = v.isList() ? v.list() : List.of(v);
                for (ConfigNode n : list) {
                    for (String part : scalar(n, "members").split(",")) {
                        if (!part.isBlank()) {
                            members.add(member(part, n.where() + ": members"));
                        }
                    }
                }
            }
            if (m.containsKey("interface")) {
                iface = scalar(m.get("interface"), "interface");
                ifaceWhere = m.get("interface").where() + ": interface";
            }
            if (m.containsKey("port")) {
                port = whole(m.get("port"), "port", 1, 65535);
            }
            if (m.containsKey("heartbeat_timeout")) {
                heartbeat = whole(m.get("heartbeat_timeout"), "heartbeat_timeout", 5, 3600);
            }
        }
        if (membersOption != null) {
            members.clear();
            for (String part : membersOption.split(",")) {
                if (!part.isBlank()) {
                    members.add(member(part, "--members"));
                }
            }
            if (members.isEmpty()) {
                throw new ClusterInputException("--members: give host:port,host:port,...");
            }
        }
        if (interfaceOption != null) {
            iface = interfaceOption;
            ifaceWhere = "--interface";
        }
        if (portOption != null) {
            port = portOption;
            if (port < 1 || port > 65535) {
                throw new ClusterInputException("--port: " + port + " is not a port (1-65535)");
            }
        }
        String fromEnv = env.get(SECRET_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            if (secret != null && !secret.equals(fromEnv)) {
                throw new ClusterInputException(secretWhere + ": secret differs from $" + SECRET_ENV + "; give one of them");
            }
            secret = fromEnv;
            secretWhere = "$" + SECRET_ENV;
        }
        if (secret == null) {
            throw new ClusterInputException("no cluster secret: set " + SECRET_ENV + " to the same value on every machine (for example"
                    + " `export " + SECRET_ENV + "=$(openssl rand -hex 16)`) or give `secret:` in a cluster file");
        }
        if (secret.length() < MIN_SECRET) {
            throw new ClusterInputException(secretWhere + ": the cluster secret needs " + MIN_SECRET + " characters or more, got "
                    + secret.length());
        }
        InetAddress bind = bindAddress(iface, ifaceWhere, members);
        ClusterSettings s = new ClusterSettings(name, secret, members, bind, port, heartbeat);
        s.warnings.addAll(warnings);
        return s;
    }

    /** The address to listen on (see the class comment); checked against the members. */
    private static InetAddress bindAddress(String iface, String where, List<InetSocketAddress> members) {
        InetAddress bind = null;
        if (iface != null) {
            bind = resolve(iface.trim(), where);
            if (bind.isAnyLocalAddress()) {
                throw new ClusterInputException(where + ": " + iface + " would listen on every interface; give one address of this machine");
            }
            if (!isLocal(bind)) {
                throw new ClusterInputException(where + ": " + iface + " is not an address of this machine");
            }
        } else {
            for (InetSocketAddress m : members) {
                if (isLocal(m.getAddress())) {
                    bind = m.getAddress();
                    break;
                }
            }
            if (bind == null) {
                bind = InetAddress.getLoopbackAddress();
            }
        }
        if (bind.isLoopbackAddress()) {
            List<String> remote = new ArrayList<>();
            for (InetSocketAddress m : members) {
                if (!m.getAddress().isLoopbackAddress()) {
                    remote.add(text(m));
                }
            }
            if (!remote.isEmpty()) {
                throw new ClusterInputException("the members list " + String.join(", ", remote) + " on other machines, but this member would"
                        + " listen on " + bind.getHostAddress() + " only: give --interface with this machine's address, or list that address");
            }
        }
        return bind;
    }

    /** The ports to try, in order: the one asked for, else those listed for {@link #bind}, else 5701. */
    public List<Integer> ports() {
        if (port != null) {
            return List.of(port);
        }
        List<Integer> out = new ArrayList<>();
        for (InetSocketAddress m : members) {
            if (m.getAddress().equals(bind) && !out.contains(m.getPort())) {
                out.add(m.getPort());
            }
        }
        return out.isEmpty() ? List.of(DEFAULT_PORT) : out;
    }

    /**
     * The name Hazelcast compares when a member asks to join: the given name and a keyed digest
     * (HMAC-SHA256) of it under the secret, so only members that know the secret share it, and
     * the secret cannot be read back from it.
     */
    String hazelcastName() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] d = mac.doFinal(("memspice cluster 1\n" + name).getBytes(StandardCharsets.UTF_8));
            return name + "-" + HexFormat.of().formatHex(d, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** host:port with the address as numbers ([v6]:port). */
    public static String text(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    static boolean isLocal(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    static InetSocketAddress member(String text, String where) {
        String t = text.trim();
        String host = t;
        int port = DEFAULT_PORT;
        String portText = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new ClusterInputException(where + ": '" + t + "' is not host:port");
            }
            host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new ClusterInputException(where + ": '" + t + "' is not host:port");
                }
                portText = rest.substring(1);
            }
        } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            host = t.substring(0, t.indexOf(':'));
            portText = t.substring(t.indexOf(':') + 1);
        }
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new ClusterInputException(where + ": '" + t + "': '" + portText + "' is not a port (1-65535)");
            }
        }
        if (host.isEmpty() || host.contains(" ")) {
            throw new ClusterInputException(where + ": '" + t + "' is not host:port");
        }
        InetAddress a = resolve(host, where + " " + t);
        if (a.isAnyLocalAddress()) {
            throw new ClusterInputException(where + ": '" + t + "' is no member's address (" + host + " means every interface)");
        }
        return new InetSocketAddress(a, port);
    }

    private static InetAddress resolve(String host, String where) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ClusterInputException(where + ": unknown host '" + host + "'");
        }
    }

    private static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            return p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static String scalar(ConfigNode n, String key) {
        if (!n.isScalar() || n.text().isBlank()) {
            throw new ClusterInputException(n.where() + ": " + key + ": a single value");
        }
        return n.text().trim();
    }

    private static int whole(ConfigNode n, String key, int lo, int hi) {
        String t = scalar(n, key);
        int v;
        try {
            v = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            v = Integer.MIN_VALUE;
        }
        if (v < lo || v > hi) {
            throw new ClusterInputException(n.where() + ": " + key + ": '" + t + "' is not a whole number in [" + lo + ", " + hi + "]");
        }
        return v;
    }
}
