package org.memspice.cli;

import java.io.PrintWriter;
import org.memspice.spice.analysis.SimulationException;
import org.memspice.spice.netlist.NetlistException;
import picocli.CommandLine;

/**
 * The {@code memspice} program. Its own command model is built in {@link #rootSpec()}, not from
 * annotations (start-up time); the subcommands keep theirs.
 */
public final class MemspiceCommand extends CommandGroup {

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        // picocli looks for Groovy's Closure class unless told not to: a class-path search that
        // opened the 17,000-entry jar at every start (about 13 ms of `memspice --version`)
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(args, out, err);
        // print() does not flush an auto-flushing writer: an .op table printed with print() was lost
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * The subcommands, built on demand: picocli reads every option annotation of a command it is
     * given, which costs start-up time, so a run builds only the subcommand it names (all of them
     * for help and for errors). A switch rather than a map of constructor references: each lambda
     * costs a generated class at every start.
     */
    private static final String[] SUBCOMMANDS = {"sim", "plot", "crossbar", "mif", "train", "eval", "dse", "data", "sc",
        "stdp", "worker"};

    /** A new instance of subcommand {@code name}, or null when there is none of that name. */
    private static Object subcommand(String name) {
        switch (name) {
            case "sim": return SimCommand.spec();
            case "plot": return new PlotCommand();
            case "crossbar": return new CrossbarCommand();
            case "mif": return new org.memspice.cli.mif.MifCommand();
            case "train": return new org.memspice.cli.train.TrainCommand();
            case "eval": return new org.memspice.cli.train.EvalCommand();
            case "dse": return new org.memspice.cli.dse.DseCommand();
            case "data": return new org.memspice.cli.data.DataCommand();
            case "sc": return new org.memspice.cli.sc.ScCommand();
            case "stdp": return new org.memspice.cli.stdp.StdpCommand();
            case "worker": return new org.memspice.cli.cluster.WorkerCommand();
            default: return null;
        }
    }

    /** Runs the program with the given streams; returns the exit code (for tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(args.length > 0 ? args[0] : null);
        cl.setOut(out);
        cl.setErr(err);
        Handlers handlers = new Handlers(err);
        cl.setExecutionExceptionHandler(handlers);
        cl.setParameterExceptionHandler(handlers);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // the run's data is unreachable once unwound to here, so the message can be built
            err.println("error: out of memory: the Java heap (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB) cannot"
                    + " hold this run; give memspice a larger one, for example MEMSPICE_JAVA_OPTS='-Xmx16g"
                    + " -XX:+UseSerialGC -Xss16m'");
            return ExitCodes.SIMULATION;
        }
    }

    /**
     * The root command's model, built with picocli's programmatic API: reading this class's
     * annotations (and those of the standard help options' mixin) by reflection makes the JVM
     * generate a proxy class per annotation type at every start, the larger part of the time
     * {@code memspice --version} took.
     */
    static CommandLine.Model.CommandSpec rootSpec() {
        MemspiceCommand root = new MemspiceCommand();
        CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.wrapWithoutInspection(root);
        spec.name("memspice").version("memspice 0.1.0");
        spec.usageMessage().description(
                "SPICE-level simulation of memristive circuits and training of spiking networks through them.");
        addHelpOptions(spec);
        root.spec = spec;
        return spec;
    }

    /** {@code -h/--help} and {@code -V/--version}, as picocli's {@code mixinStandardHelpOptions} adds them. */
    static void addHelpOptions(CommandLine.Model.CommandSpec spec) {
        spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(CommandLine.Model.OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
    }

    /** How failures end: exit codes and messages (a class, not lambdas: each lambda costs a generated class at start). */
    private static final class Handlers implements CommandLine.IExecutionExceptionHandler,
            CommandLine.IParameterExceptionHandler {
        private final PrintWriter err;

        Handlers(PrintWriter err) {
            this.err = err;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            if (ex instanceof NetlistException || ex instanceof UserInputException
                    || ex instanceof org.memspice.memprop.data.DataException
                    || ex instanceof org.memspice.memprop.train.CheckpointException
                    || ex instanceof org.memspice.dse.DseInputException
                    || ex instanceof org.memspice.cluster.ClusterInputException) {
                err.println("error: " + ex.getMessage());
                return ExitCodes.INPUT;
            }
            if (ex instanceof SimulationException || ex instanceof org.memspice.mif.StepFailedException
                    || ex instanceof org.memspice.cluster.ClusterFailure) {
                err.println("error: " + ex.getMessage());
                return ExitCodes.SIMULATION;
            }
            if (ex instanceof java.io.UncheckedIOException) {
                // the recording could not spill to or read back from its temporary file
                err.println("error: " + ex.getMessage());
                return ExitCodes.SIMULATION;
            }
            err.println("internal error (please report it with the input that caused it):");
            ex.printStackTrace(err);
            return ExitCodes.INTERNAL;
        }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            err.println("error: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return ExitCodes.INPUT;
        }
    }

    /**
     * The command tree with only subcommand {@code first} when it names one, with none for
     * {@code --version} (which prints one line and needs no subcommand), else with all of them
     * (the usage lists them, and an unknown word is answered with the nearest names).
     */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(rootSpec());
        Object named = first != null ? subcommand(first) : null;
        if (named != null) {
            cl.addSubcommand(first, named);
        } else if (!"--version".equals(first) && !"-V".equals(first)) {
            for (String name : SUBCOMMANDS) {
                cl.addSubcommand(name, subcommand(name));
            }
        }
        return cl;
    }
}
