package org.memspice.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.analysis.Simulator;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.circuit.PlotRequest;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.measure.MeasureResult;
import org.memspice.spice.netlist.CircuitBuilder;
import org.memspice.spice.netlist.NetlistReader;
import org.memspice.spice.output.AtomicFiles;
import org.memspice.spice.output.CsvWriter;
import org.memspice.spice.output.RawWriter;
import org.memspice.spice.output.Waveforms;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code memspice sim}: simulate a netlist and write its waveforms. Its command model is built with
 * picocli's programmatic API ({@link #spec()}): reading option annotations by reflection makes the
 * JVM generate a proxy class per annotation type in every process, and {@code sim} is the command
 * the short runs people time (a neuron, a small circuit) go through.
 */
public final class SimCommand implements Callable<Integer> {
    Path netlist;
    Path csv;
    Path raw;
    Path plot;
    Path measures;
    List<String> vectors;
    String xVector;
    int repeat = 1;
    Path sensFile;
    boolean quiet;
    boolean stats;
    CommandSpec spec;

    /** The command's model, bound to a new instance (what the annotations said, in picocli's builders). */
    static CommandSpec spec() {
        SimCommand c = new SimCommand();
        CommandSpec s = CommandSpec.wrapWithoutInspection(c);
        s.name("sim");
        s.usageMessage().description(
                "Simulate a SPICE netlist (.op, .dc, .tran) and write the vectors named by .print/.save",
                "(all node voltages and branch currents when none are named).",
                "With several analyses, the files after the first get the analysis in their name: out-tran2.csv ...",
                ".measure results are printed and, with -o or --meas, written as CSV.");
        MemspiceCommand.addHelpOptions(s);
        s.addPositional(PositionalParamSpec.builder().index("0").arity("1").required(true).paramLabel("NETLIST").type(Path.class)
                .description("the netlist file").setter(new Into(c, 0)).build());
        s.addOption(path(c, 1, "FILE.csv", "write the waveforms as CSV", "-o", "--output"));
        s.addOption(path(c, 2, "FILE.raw", "write an ngspice ASCII raw file", "--raw"));
        s.addOption(path(c, 3, "FILE.png", "draw the waveforms as a PNG", "--plot"));
        s.addOption(path(c, 4, "FILE.csv", "write the .measure results as CSV (default with -o: OUT-meas.csv beside it)", "--meas"));
        s.addOption(OptionSpec.builder("--vectors").splitRegex(",").paramLabel("VEC").type(List.class).auxiliaryTypes(String.class)
                .description("only these vectors in the plot, e.g. v(out),i(v1)").setter(new Into(c, 5)).build());
        s.addOption(OptionSpec.builder("--x").paramLabel("VEC").type(String.class)
                .description("plot the vectors against this one instead of time (for example --x v(in) for an I-V loop)")
                .setter(new Into(c, 6)).build());
        s.addOption(OptionSpec.builder("--repeat").paramLabel("N").type(int.class).defaultValue("1")
                .description("simulate N times in one process (with --stats: the time of each run, to see JIT warm-up)")
                .setter(new Into(c, 7)).build());
        s.addOption(path(c, 8, "FILE.csv", "write the results of the netlist's .sens cards (parameter, value, derivative,"
                + " normalized sensitivity p/f*df/dp) as CSV; without it they are printed", "--sens"));
        s.addOption(OptionSpec.builder("--quiet").type(boolean.class).description("no progress lines on stderr during long runs")
                .setter(new Into(c, 9)).build());
        s.addOption(OptionSpec.builder("--stats").type(boolean.class)
                .description("print the solver's statistics and in-process solve time to stderr").setter(new Into(c, 10)).build());
        c.spec = s;
        return s;
    }

    private static OptionSpec path(SimCommand c, int field, String label, String description, String... names) {
        return OptionSpec.builder(names).paramLabel(label).type(Path.class).description(description).setter(new Into(c, field))
                .build();
    }

    /** Sets one field of the command from its option (one class for all, not a lambda each: each costs a class at start). */
    private static final class Into implements ISetter {
        private final SimCommand c;
        private final int field;

        Into(SimCommand c, int field) {
            this.c = c;
            this.field = field;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            switch (field) {
                case 0 -> c.netlist = (Path) value;
                case 1 -> c.csv = (Path) value;
                case 2 -> c.raw = (Path) value;
                case 3 -> c.plot = (Path) value;
                case 4 -> c.measures = (Path) value;
                case 5 -> c.vectors = (List<String>) value;
                case 6 -> c.xVector = (String) value;
                case 7 -> c.repeat = value == null ? 1 : (Integer) value;
                case 8 -> c.sensFile = (Path) value;
                case 9 -> c.quiet = value != null && (Boolean) value;
                case 10 -> c.stats = value != null && (Boolean) value;
                default -> throw new IllegalStateException("no field " + field);
            }
            return null;
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(netlist)) {
            throw new UserInputException("netlist not found: " + netlist);
        }
        if (repeat < 1 || repeat > 1_000_000) {
            throw new UserInputException("--repeat needs a count from 1 to 1000000, not " + repeat);
        }
        RunStatistics.Phases phases = stats ? new RunStatistics.Phases() : null;
        Circuit circuit = null;
        MnaSystem lastSystem = null;
        List<Simulator.Result> results = null;
        // the CSV files written while the last run's analyses go on (null where none), published by write
        List<CsvWriter.Stream> streams = new ArrayList<>();
        double parse = 0;
        double total = 0;
        for (int r = 1; r <= repeat; r++) {
            long start = System.nanoTime();
            RunStatistics.Phases.start(phases);
            circuit = readAndBuild(netlist, phases);
            parse = (System.nanoTime() - start) / 1e9;
            MnaSystem system = new MnaSystem(circuit);
            lastSystem = system;
            RunStatistics.Phases.end(phases, "set-up");
            if (r == 1) {
                for (String w : circuit.warnings()) {
                    err.println("warning: " + w);
                }
                if (circuit.analyses().isEmpty()) {
                    throw new UserInputException(netlist + ": no analysis memspice can run: add .op, .dc or .tran");
                }
                checkRequests(system, circuit);
                SensTable.check(circuit, sensFile);
            }
            close(results);
            results = new ArrayList<>();
            streams.clear(); // none before the last run
            try {
                ProgressReporter progress = new ProgressReporter(err, quiet);
                List<Analysis> analyses = circuit.analyses();
                for (int i = 0; i < analyses.size(); i++) {
                    Analysis a = analyses.get(i);
                    Path target = csv != null && r == repeat ? withSuffix(csv, suffix(i, kind(a))) : null;
                    CsvWriter.Stream stream = target != null ? openStream(target) : null;
                    streams.add(stream);
                    Simulator.Result result = Simulator.run(system, a, progress, stream);
                    results.add(result);
                    if (stream != null) {
                        writeFile(target, p -> stream.complete(result.waveforms()));
                    }
                    result.statistics().setupSeconds = RunStatistics.Phases.wall(phases, "set-up");
                }
                RunStatistics.Phases.end(phases, "analyses");
            } catch (RuntimeException e) {
                discard(streams);
                close(results);
                throw e;
            }
            total = (System.nanoTime() - start) / 1e9;
            if (stats && r < repeat) {
                err.printf(Locale.ROOT, "run %d: parse %.3f s, in-process total %.3f s%n", r, parse, total);
            }
        }
        if (circuit.sensitivities().isEmpty()) {
            lastSystem.releaseFactors(); // SensTable.run below needs the system only for .sens cards
        }
        RunStatistics.Phases.start(phases);
        try {
            write(out, err, circuit, results, streams);
        } finally {
            discard(streams); // those not published: a later file failed
            close(results);
        }
        RunStatistics.Phases.end(phases, "write");
        SensTable.run(lastSystem, sensFile, out, err, stats);
        if (stats) {
            err.println(phases);
            err.println(RunStatistics.memory());
            err.println(org.memspice.spice.expr.CompiledExpression.compilerStatistics());
            err.printf(Locale.ROOT, "parse %.3f s, in-process total %.3f s%n", parse, total);
        }
        if (csv == null && raw == null && plot == null && results.stream().allMatch(r -> r.waveforms().scaleName() != null)) {
            err.println("(no output file named: use -o out.csv, --raw out.raw or --plot out.png)");
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * The circuit of {@code netlist}, read and built in a method of its own: the logical lines are
     * needed only to build it, and a local variable of the long method that runs the analyses
     * would keep them reachable (its frame runs interpreted) through set-up and the analyses, when
     * the garbage collector copies what is reachable (3.1 million lines for a 1024x1024 crossbar).
     */
    private static Circuit readAndBuild(Path netlist, RunStatistics.Phases phases) {
        NetlistReader.Result text = new NetlistReader().read(netlist);
        RunStatistics.Phases.end(phases, "read");
        Circuit circuit = new CircuitBuilder(ElementRegistry.loadDefault()).build(text);
        RunStatistics.Phases.end(phases, "build");
        return circuit;
    }

    /** The CSV file {@code target}, written while its analysis runs. */
    private static CsvWriter.Stream openStream(Path target) {
        try {
            return new CsvWriter.Stream(target);
        } catch (IOException e) {
            throw new UserInputException("cannot write " + target + ": " + (e.getMessage() == null ? e.toString()
                    : e.getMessage()));
        }
    }

    private static void discard(List<CsvWriter.Stream> streams) {
        for (CsvWriter.Stream s : streams) {
            if (s != null) {
                s.discard();
            }
        }
    }

    private static void close(List<Simulator.Result> results) {
        if (results != null) {
            for (Simulator.Result r : results) {
                r.waveforms().close();
            }
        }
    }

    /**
     * Everything that would otherwise fail only after the simulation: every output file must be
     * writable and every vector to plot must be recorded.
     */
    private void checkRequests(MnaSystem system, Circuit circuit) {
        if (plot == null && ((vectors != null && !vectors.isEmpty()) || xVector != null)) {
            // they choose what --plot draws: without it they would be accepted and do nothing
            throw new UserInputException((xVector != null ? "--x" : "--vectors") + " chooses what --plot draws;"
                    + " give --plot FILE.png (the CSV and raw files always hold every recorded vector)");
        }
        int n = circuit.analyses().size();
        for (int i = 0; i < n; i++) {
            Analysis a = circuit.analyses().get(i);
            for (Path p : outputs(i, a)) {
                String why = AtomicFiles.whyNotWritable(p);
                if (why != null) {
                    throw new UserInputException("cannot write " + p + ": " + why);
                }
            }
            if (plot == null) {
                continue;
            }
            boolean op = a instanceof Analysis.Op;
            List<String> recorded = new ArrayList<>(Simulator.plannedVectors(system, a));
            if (!op) {
                recorded.add(scaleName(circuit, a));
            }
            String where = " (the " + kind(a) + " analysis records " + String.join(", ", recorded) + ")";
            List<String> wanted = new ArrayList<>(vectors == null ? List.of() : vectors);
            if (xVector != null && !op) {
                // an operating point is drawn as bars of its values: --x has no axis to replace there
                wanted.add(xVector);
            }
            for (String v : wanted) {
                String name = v.trim().toLowerCase(Locale.ROOT);
                if (!recorded.contains(name)) {
                    throw new UserInputException((v.equals(xVector) ? "--x" : "--vectors") + ": no vector " + name + where);
                }
            }
        }
    }

    /** The scale vector's name of a swept analysis: time, or v-/i-/temp-sweep as the first .dc level sweeps. */
    private static String scaleName(Circuit circuit, Analysis a) {
        if (a instanceof Analysis.Tran) {
            return "time";
        }
        Analysis.Sweep s = ((Analysis.Dc) a).sweeps().get(0);
        if (s.isTemperature()) {
            return "temp-sweep";
        }
        return circuit.element(s.source()) instanceof org.memspice.spice.element.IndependentSource src
                && src.isCurrentSource() ? "i-sweep" : "v-sweep";
    }

    private static String kind(Analysis a) {
        return a instanceof Analysis.Tran ? "tran" : a instanceof Analysis.Dc ? "dc" : "op";
    }

    /** The files analysis number {@code i} writes (the first analysis plain, the others with a suffix). */
    private List<Path> outputs(int i, Analysis a) {
        String suffix = suffix(i, kind(a));
        List<Path> out = new ArrayList<>();
        for (Path p : new Path[] {csv, raw, plot}) {
            if (p != null) {
                out.add(withSuffix(p, suffix));
            }
        }
        Path m = measuresFile();
        if (m != null && i == 0) {
            out.add(m);
        }
        return out;
    }

    /** README's naming: the first analysis writes the files as named, the later ones get "-KIND{N}". */
    static String suffix(int index, String kind) {
        return index == 0 ? "" : "-" + kind + (index + 1);
    }

    private Path measuresFile() {
        if (measures != null) {
            return measures;
        }
        return csv == null ? null : withSuffix(csv, "-meas");
    }

    private void write(PrintWriter out, PrintWriter err, Circuit circuit, List<Simulator.Result> results,
            List<CsvWriter.Stream> streams) throws IOException {
        boolean toFile = csv != null || raw != null || plot != null;
        List<MeasureResult> allMeasures = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Waveforms w = results.get(i).waveforms();
            if (w.scaleName() == null && !toFile) {
                printOperatingPoint(out, w);
            }
            String suffix = suffix(i, w.analysis());
            if (csv != null) {
                CsvWriter.Stream written = i < streams.size() ? streams.get(i) : null;
                writeFile(withSuffix(csv, suffix), p -> {
                    if (written != null) {
                        written.publish();
                    } else {
                        CsvWriter.write(w, p);
                    }
                });
            }
            if (raw != null) {
                writeFile(withSuffix(raw, suffix), p -> RawWriter.write(w, p));
            }
            if (plot != null) {
                List<PlotRequest> panels = circuit.plots();
                if (xVector != null && w.scaleName() != null) {
                    panels = WaveformPlot.versus(w, vectors, xVector);
                } else if (vectors != null && !vectors.isEmpty()) {
                    panels = List.of();
                }
                List<PlotRequest> chosen = panels;
                writeFile(withSuffix(plot, suffix), p -> WaveformPlot.write(w, vectors, p, chosen));
            }
            for (MeasureResult m : results.get(i).measures()) {
                out.println(m);
                allMeasures.add(m);
            }
            if (stats) {
                err.println(results.get(i).statistics());
            }
        }
        Path m = measuresFile();
        if (m != null && !circuit.measures().isEmpty()) {
            writeFile(m, p -> AtomicFiles.writeText(p, measuresCsv(allMeasures)));
        }
    }

    /** .measure results as CSV: analysis, name, value (empty when it failed), detail or why it failed. */
    static String measuresCsv(List<MeasureResult> results) {
        StringBuilder sb = new StringBuilder("analysis,name,value,detail\n");
        for (MeasureResult r : results) {
            sb.append(r.analysis()).append(',').append(r.name()).append(',')
                    .append(r.failed() ? "" : Double.toString(r.value())).append(',')
                    .append(csvField(r.failed() ? "failed: " + r.failure() : r.detail())).append('\n');
        }
        return sb.toString();
    }

    private static String csvField(String s) {
        return s.indexOf(',') < 0 && s.indexOf('"') < 0 ? s : '"' + s.replace("\"", "\"\"") + '"';
    }

    private interface FileWrite {
        void to(Path p) throws IOException;
    }

    /** Writes one output file; a failure says which file and why (exit 2: the user chose the path). */
    private static void writeFile(Path p, FileWrite write) {
        try {
            write.to(p);
        } catch (IOException e) {
            throw new UserInputException("cannot write " + p + ": " + (e.getMessage() == null ? e.toString()
                    : e.getMessage()));
        }
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
        out.flush();
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
