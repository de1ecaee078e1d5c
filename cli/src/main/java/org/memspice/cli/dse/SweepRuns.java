package org.memspice.cli.dse;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.memspice.cli.UserInputException;
import org.memspice.cli.cluster.ClusterBackEnd;
import org.memspice.cli.cluster.ClusterOptions;
import org.memspice.dse.sweep.LocalSweepRunner;
import org.memspice.dse.sweep.PointEvaluator;
import org.memspice.dse.sweep.PointStore;
import org.memspice.dse.sweep.SweepCsv;
import org.memspice.dse.sweep.SweepPoint;
import org.memspice.dse.sweep.SweepRunner;

/**
 * What {@code dse run} and {@code train sweep} share: the output folder, the back end (the local
 * pool or a Hazelcast member), and running the points into the store and the table.
 */
public final class SweepRuns {
    private SweepRuns() {
    }

    /** The output folder, created: {@code out}, else the configuration's name with {@code -out}, beside it. */
    public static Path outputFolder(Path config, Path out) {
        Path dir = out != null ? out : config.toAbsolutePath().resolveSibling(
                config.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "") + "-out");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserInputException("-o " + dir + ": cannot create the folder (" + e.getMessage() + ")");
        }
        return dir;
    }

    /** A sweep's body, given the runner of its back end (and the back end itself on a cluster, else null). */
    public interface Body {
        int run(SweepRunner runner, ClusterBackEnd backEnd) throws IOException;
    }

    /**
     * Runs {@code body} on the local pool of {@code workers} threads, or with {@code --members} or
     * {@code --cluster} on a Hazelcast member started first (so that a wrong address or secret is
     * said before any data loads) and shut down after.
     */
    public static int onBackEnd(ClusterOptions cluster, int workers, PrintWriter out, PrintWriter err, Body body)
            throws IOException {
        if (!cluster.given()) {
            cluster.checkLocal();
            return body.run(new LocalSweepRunner(workers), null);
        }
        try (ClusterBackEnd backEnd = ClusterBackEnd.start(cluster, workers, true, err)) {
            out.println("cluster: " + backEnd.describe());
            out.flush();
            return body.run(backEnd.runner(), backEnd);
        }
    }

    /** Points computed by this run and points that failed. */
    public record Outcome(int computed, int failed) {
    }

    /**
     * Runs the points not yet in {@code store}: a failed point is said on {@code err} ("could not be
     * {@code verb}") and the sweep goes on; {@code csv} is rewritten at most once a second as points
     * arrive (the caller writes it once more at the end); progress with the points found finished.
     */
    public static Outcome run(SweepRunner runner, List<SweepPoint> points, PointEvaluator evaluator, PointStore store, Path csv,
            List<String> axes, PrintWriter err, Progress progress, String verb) {
        int[] failed = {0};
        long[] lastCsv = {System.nanoTime()};
        int computed = runner.run(points, evaluator, store, (done, total, skipped, last, result) -> {
            if (result != null && !result.ok()) {
                failed[0]++;
                err.printf(Locale.ROOT, "point %d (%s) could not be %s: %s%n", last.index() + 1, last.key(), verb, result.error());
            }
            if (last != null && System.nanoTime() - lastCsv[0] > 1_000_000_000L) {
                lastCsv[0] = System.nanoTime();
                try {
                    SweepCsv.write(csv, points, axes, store);
                } catch (IOException e) {
                    throw new UserInputException(csv + ": cannot write (" + e.getMessage() + ")");
                }
            }
            progress.update("sweep", done - skipped, total - skipped, "points", skipped > 0 ? skipped + " more found finished" : null);
        });
        return new Outcome(computed, failed[0]);
    }
}
