package org.memspice.cli.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import picocli.CommandLine.Option;

/** Where the data sets are, and whether a truncated images file may be used for its complete images. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR", description = "folder with mnist/ and fashion-mnist/ (default: $MEMSPICE_DATA)")
    Path data;

    @Option(names = "--allow-truncated", description = "use the complete images of an images file that ends early"
            + " (said on stderr) instead of refusing it")
    boolean allowTruncated;

    /** One split of a data set; a note about a truncated file goes to {@code err}. */
    Dataset load(Datasets.Kind kind, boolean train, PrintWriter err) {
        Dataset d = Datasets.load(Datasets.dataFolder(data), kind, train, allowTruncated);
        if (!d.note().isEmpty()) {
            err.println("warning: " + d.note());
            err.flush();
        }
        return d;
    }
}
