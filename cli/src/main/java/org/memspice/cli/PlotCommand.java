package org.memspice.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.memspice.spice.output.WaveformReader;
import org.memspice.spice.output.Waveforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memspice plot}: plot an earlier result. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Plot waveforms from a memspice CSV, an ngspice ASCII raw file or an ngspice wrdata table.")
public final class PlotCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "FILE.csv, FILE.raw or a wrdata .txt")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.png", description = "the PNG to write")
    Path output;

    @Option(names = "--vectors", split = ",", paramLabel = "VEC", description = "only these vectors, e.g. v(out),i(v1)")
    List<String> vectors;

    @Option(names = "--x", paramLabel = "VEC", description = "plot against this vector instead of the scale (an I-V loop)")
    String xVector;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new UserInputException("file not found: " + input);
        }
        Waveforms w;
        try {
            w = WaveformReader.read(input);
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("cannot read " + input + ": " + e.getMessage());
        }
        if (xVector != null) {
            WaveformPlot.write(w, vectors, output, WaveformPlot.versus(w, vectors, xVector));
        } else {
            WaveformPlot.write(w, vectors, output);
        }
        return ExitCodes.OK;
    }
}
