package org.memspice.cli.dse;

import java.nio.file.Path;
import org.memspice.cli.UserInputException;
import org.memspice.memprop.data.Datasets;
import picocli.CommandLine.Option;

/** The options every dse command shares: the data folder, the worker threads and --quiet. */
public final class CommonOptions {
    @Option(names = "--data", paramLabel = "DIR", description = "folder with mnist/ and fashion-mnist/ (default: $MEMSPICE_DATA)")
    public Path data;

    @Option(names = "--threads", description = "worker threads (default: the cores); results do not depend on it")
    Integer threads;

    @Option(names = "--quiet", description = "no progress line")
    public boolean quiet;

    /** The threads to use: the option, else {@code fallback}, else the cores; checked. */
    public int threads(Integer fallback) {
        int n = threads != null ? threads : fallback != null ? fallback : Runtime.getRuntime().availableProcessors();
        if (n < 1 || n > 1024) {
            throw new UserInputException("--threads must be 1-1024, got " + n);
        }
        return n;
    }

    /** The data set a --dataset (or configuration) word names. */
    public static Datasets.Kind kind(String word, String option) {
        try {
            return Datasets.Kind.parse(word);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(option + ": " + e.getMessage());
        }
    }
}
