package org.memspice.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.memspice.spice.analysis.Simulator;
import org.memspice.spice.circuit.PlotRequest;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.netlist.CircuitBuilder;
import org.memspice.spice.output.CsvWriter;
import org.memspice.spice.output.RawWriter;
import org.memspice.spice.output.Waveforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memspice sim}: simulate a netlist and write its waveforms. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Simulate a SPICE netlist (.op, .dc, .tran) and write the vectors named by .print/.save",
            "(all node voltages and branch currents when none are named).",
            "With several analyses, files after the first get the analysis name: out-tran2.csv ..."})
public final class SimCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NETLIST", description = "the netlist file")
    Path netlist;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.csv", description = "write the waveforms as CSV")
    Path csv;

    @Option(names = "--raw", paramLabel = "FILE.raw", description = "write an ngspice ASCII raw file")
    Path raw;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "draw the waveforms as a PNG")
    Path plot;

    @Option(names = "--vectors", split = ",", paramLabel = "VEC",
            description = "only these vectors in the plot, e.g. v(out),i(v1)")
    List<String> vectors;

    @Option(names = "--x", paramLabel = "VEC",
            description = "plot the vectors against this one instead of time (for example --x v(in) for an I-V loop)")
    String xVector;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "simulate N times in one process (with --stats: the time of each run, to see JIT warm-up)")
    int repeat;

    @Option(names = "--quiet", description = "no progress lines on stderr during long runs")
    boolean quiet;

    @Option(names = "--stats", description = "print the solver's statistics and in-process solve time to stderr")
    boolean stats;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(netlist)) {
            throw new UserInputException("netlist not found: " + netlist);
        }
        if (repeat < 1) {
            throw new UserInputException("--repeat needs a count of at least 1");
        }
        Circuit circuit = null;
        List<Simulator.Result> results = null;
        double parse = 0;
        double total = 0;
        for (int r = 1; r <= repeat; r++) {
            long start = System.nanoTime();
            circuit = new CircuitBuilder(ElementRegistry.loadDefault()).build(netlist);
            parse = (System.nanoTime() - start) / 1e9;
            if (r == 1) {
                for (String w : circuit.warnings()) {
                    err.println("warning: " + w);
                }
            }
            if (circuit.analyses().isEmpty()) {
                throw new UserInputException(netlist + ": no analysis memspice can run: add .op, .dc or .tran");
            }
            results = Simulator.run(circuit, new ProgressReporter(err, quiet));
            total = (System.nanoTime() - start) / 1e9;
            if (stats && r < repeat) {
                err.printf(Locale.ROOT, "run %d: parse %.3f s, in-process total %.3f s%n", r, parse, total);
            }
        }
        for (int i = 0; i < results.size(); i++) {
            Waveforms w = results.get(i).waveforms();
            boolean toFile = csv != null || raw != null || plot != null;
            if (w.scaleName() == null && !toFile) {
                printOperatingPoint(out, w);
            }
            String suffix = results.size() == 1 ? "" : "-" + w.analysis() + (i + 1);
            if (csv != null) {
                CsvWriter.write(w, withSuffix(csv, suffix));
            }
            if (raw != null) {
                RawWriter.write(w, withSuffix(raw, suffix));
            }
            if (plot != null) {
                List<PlotRequest> panels = circuit.plots();
                if (xVector != null) {
                    panels = WaveformPlot.versus(w, vectors, xVector);
                } else if (vectors != null && !vectors.isEmpty()) {
                    panels = List.of();
                }
                WaveformPlot.write(w, vectors, withSuffix(plot, suffix), panels);
            }
            if (stats) {
                err.println(results.get(i).statistics());
            }
        }
        if (stats) {
            err.printf(Locale.ROOT, "parse %.3f s, in-process total %.3f s%n", parse, total);
        }
        if (csv == null && raw == null && plot == null && results.stream().allMatch(r -> r.waveforms().scaleName() != null)) {
            err.println("(no output file named: use -o out.csv, --raw out.raw or --plot out.png)");
        }
        return ExitCodes.OK;
    }

    private static void printOperatingPoint(PrintWriter out, Waveforms w) {
        StringBuilder sb = new StringBuilder("Operating point:\n");
        for (int i = 0; i < w.names().size(); i++) {
            String n = w.names().get(i);
            sb.append(n);
            for (int pad = n.length(); pad < 24; pad++) {
                sb.append(' ');
            }
            sb.append(' ').append(w.value(i, 0)).append('\n');
        }
        out.print(sb);
    }

    static Path withSuffix(Path p, String suffix) {
        if (suffix.isEmpty()) {
            return p;
        }
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        String ext = dot < 0 ? "" : name.substring(dot);
        return p.resolveSibling(base + suffix + ext);
    }
}
