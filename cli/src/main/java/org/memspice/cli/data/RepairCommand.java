package org.memspice.cli.data;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.memspice.cli.UserInputException;
import org.memspice.cli.train.DataOptions;
import org.memspice.memprop.data.Datasets;
import org.memspice.memprop.data.MissingRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code memspice data repair}: a copy of a data set without the records around a lost training image. */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = {"Write a copy of a data set whose training images lost one image, without the records around it.",
            "Images [gap - margin, gap + margin) and their labels are left out; the test files are copied."})
public final class RepairCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, description = "mnist or fashion")
    String dataset;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "data folder to write (DIR/<data set>/)")
    Path output;

    @Option(names = "--margin", defaultValue = "50", description = "records left out on each side of the gap (default ${DEFAULT-VALUE})")
    int margin;

    @CommandLine.Mixin
    DataOptions data = new DataOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (margin < 0 || margin > 10_000) {
            throw new UserInputException("--margin must be 0-10000, got " + margin);
        }
        Datasets.Kind kind = CheckCommand.kind(dataset);
        Path in = data.folder();
        CheckCommand.Located l = CheckCommand.Located.of(in, kind);
        if (l.finding == null) {
            throw new UserInputException(kind.folder + " in " + in + " is whole: nothing to repair");
        }
        if (l.finding.plateauTo() - l.finding.plateauFrom() > 2 * margin) {
            throw new UserInputException(String.format(Locale.ROOT, "the gap is only known to within %,d..%,d: --margin %d does"
                    + " not cover it", l.finding.plateauFrom(), l.finding.plateauTo(), margin));
        }
        l.print(out);
        Path dir = output.resolve(kind.folder);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserInputException("-o " + output + ": cannot create " + dir + " (" + e.getMessage() + ")");
        }
        int kept = MissingRecord.repair(l.imagesRaw.data(), l.imagesRaw.dimensions()[1], l.imagesRaw.dimensions()[2],
                l.labels.data(), l.finding.gap(), margin, dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"));
        for (Path p : new Path[] {Datasets.imagesFile(in, kind, false), Datasets.labelsFile(in, kind, false)}) {
            Files.copy(p, dir.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        out.printf(Locale.ROOT, "wrote %s: %,d training images and labels (left out %,d around image %,d), test files copied%n",
                dir, kept, l.images - kept, l.finding.gap());
        return 0;
    }
}
