package org.memspice.cli.cluster;

import java.nio.file.Path;
import org.memspice.cli.UserInputException;
import org.memspice.cluster.ClusterSettings;
import picocli.CommandLine.Option;

/**
 * The options that put a command on a Hazelcast cluster: a cluster file or a members list, and
 * where this member listens. The secret comes from the file or $MEMSPICE_CLUSTER_SECRET.
 */
public final class ClusterOptions {
    @Option(names = "--cluster", paramLabel = "FILE", description = {"cluster file (YAML: name, secret, members, interface, port):",
        "run on a Hazelcast cluster; see README \"Running on a cluster\""})
    Path file;

    @Option(names = "--members", paramLabel = "HOST:PORT,...", description = {"the cluster's members, this machine's among them",
        "(secret from $MEMSPICE_CLUSTER_SECRET)"})
    String members;

    @Option(names = "--interface", paramLabel = "ADDR", description = "address this member listens on (default: this machine's listed"
            + " address, else 127.0.0.1)")
    String iface;

    @Option(names = "--port", description = "port this member listens on (default: the first free port listed for that address, else 5701)")
    Integer port;

    /** Whether a cluster was asked for. */
    public boolean given() {
        return file != null || members != null;
    }

    /** Refuses --interface and --port without a cluster. */
    public void checkLocal() {
        if (iface != null || port != null) {
            throw new UserInputException((iface != null ? "--interface" : "--port") + " applies to cluster runs: give --cluster FILE or"
                    + " --members HOST:PORT,...");
        }
    }

    /** The settings these options and the environment give. */
    public ClusterSettings settings() {
        return ClusterSettings.of(file, members, iface, port, System.getenv());
    }
}
