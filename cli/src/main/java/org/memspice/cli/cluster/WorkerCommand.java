package org.memspice.cli.cluster;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.memspice.cli.ExitCodes;
import org.memspice.cli.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memspice worker --members HOST:PORT,...}: a cluster member that computes the points of
 * the sweeps other members launch, until stopped. It needs nothing but the cluster's settings and
 * secret: a sweep's network and images come with the sweep, through the cluster.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Join a memspice cluster and compute the points of the sweeps launched on it (dse run --members/--cluster),",
            "until stopped (Ctrl-C). The network and images of a sweep come with it; no data folder is needed.",
            "The shared secret comes from $MEMSPICE_CLUSTER_SECRET or the cluster file. See README \"Running on a cluster\"."})
public final class WorkerCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ClusterOptions cluster;

    @Option(names = "--threads", description = "points computed at once (default: the cores)")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1 || n > 1024) {
            throw new UserInputException("--threads must be 1-1024, got " + n);
        }
        try (ClusterBackEnd member = ClusterBackEnd.start(cluster, n, false, err)) {
            out.println("worker " + member.describe() + "; " + n + (n == 1 ? " thread" : " threads") + " here; stop with Ctrl-C");
            out.flush();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ExitCodes.OK;
    }
}
