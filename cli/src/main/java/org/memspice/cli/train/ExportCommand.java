package org.memspice.cli.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.memspice.cli.UserInputException;
import org.memspice.memprop.circuit.NetworkNetlist;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import org.memspice.memprop.train.Checkpoint;
import org.memspice.spice.output.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memspice train export}: a trained network as a netlist, with one test image on its input. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a trained network as a netlist that runs in memspice and unchanged in ngspice 39.",
            "Crossbar conductances and MIF subcircuits, with one test image on the input rows.",
            "Limits: 200,000 crossbar connections and 5,000 neurons; direct or gated inputs."})
public final class ExportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CHECKPOINT_OR_DIR", description = "checkpoint.msp, or the folder of a training run")
    Path checkpoint;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.cir", description = "the netlist to write")
    Path output;

    @Option(names = "--image", defaultValue = "0", description = "index of the test image on the inputs (default ${DEFAULT-VALUE})")
    int image;

    @CommandLine.Mixin
    DataOptions data = new DataOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Checkpoint.Contents c = Checkpoint.read(Checkpoint.locate(checkpoint));
        try {
            NetworkNetlist.checkExportable(c.network());
        } catch (IllegalArgumentException e) {
            throw new UserInputException("export: " + e.getMessage());
        }
        Datasets.Kind kind = Datasets.Kind.parse(c.training().dataset());
        Dataset test = data.load(kind, false, spec.commandLine().getErr());
        if (image < 0 || image >= test.size()) {
            throw new UserInputException("--image must be 0-" + (test.size() - 1) + ", got " + image);
        }
        String title = String.format(java.util.Locale.ROOT, "%s network trained on %s, test image %d (label %d)",
                c.network().spec.model().option(), kind.folder, image, test.labels()[image]);
        String text = NetworkNetlist.write(c.network(), test.images(), image * test.pixels(), title);
        try {
            AtomicFiles.writeText(output, text);
        } catch (java.io.IOException e) {
            throw new UserInputException("-o " + output + ": cannot write (" + e.getMessage() + ")");
        }
        out.printf(java.util.Locale.ROOT, "wrote %s: %s; test image %d, label %d%n", output, c.network().spec.describe(), image,
                test.labels()[image]);
        return 0;
    }
}
