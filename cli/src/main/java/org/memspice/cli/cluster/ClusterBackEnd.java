package org.memspice.cli.cluster;

import java.io.PrintWriter;
import org.memspice.cluster.ClusterMember;
import org.memspice.cluster.ClusterSettings;
import org.memspice.cluster.ClusterSweepRunner;
import org.memspice.dse.sweep.SweepRunner;

/**
 * A command's cluster member and sweep runner, kept apart from the commands so that a run
 * without a cluster loads none of Hazelcast. Member events and warnings go to {@code err}, one
 * line each.
 */
public final class ClusterBackEnd implements AutoCloseable {
    private final ClusterMember member;
    private final ClusterSweepRunner runner;

    private ClusterBackEnd(ClusterMember member, PrintWriter err) {
        this.member = member;
        this.runner = new ClusterSweepRunner(member, line -> say(err, line));
    }

    private static void say(PrintWriter err, String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }

    /** Starts this JVM's member; {@code launching}: it launches a sweep (every listed member must be up). */
    public static ClusterBackEnd start(ClusterOptions options, int threads, boolean launching, PrintWriter err) {
        ClusterSettings s = options.settings();
        for (String w : s.warnings) {
            say(err, "warning: " + w);
        }
        return new ClusterBackEnd(ClusterMember.start(s, threads, launching, line -> say(err, line)), err);
    }

    public SweepRunner runner() {
        return runner;
    }

    /** How many points the last sweep found in the cluster's map. */
    public int fromMap() {
        return runner.fromMap();
    }

    public String describe() {
        return member.describe();
    }

    @Override
    public void close() {
        member.close();
    }
}
