package org.memspice.cli.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import picocli.CommandLine.Option;

/** Where the data sets are. */
public final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR", description = "folder with mnist/ and fashion-mnist/ (default: $MEMSPICE_DATA)")
    Path data;

    /** The data folder: --data, or MEMSPICE_DATA. */
    public Path folder() {
        return Datasets.dataFolder(data);
    }

    /** One split of a data set. */
    Dataset load(Datasets.Kind kind, boolean train, PrintWriter err) {
        return Datasets.load(folder(), kind, train);
    }
}
