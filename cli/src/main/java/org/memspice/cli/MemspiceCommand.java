package org.memspice.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.memspice.spice.analysis.SimulationException;
import org.memspice.spice.netlist.NetlistException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code memspice} program. */
@Command(name = "memspice", mixinStandardHelpOptions = true, version = "memspice 0.1.0",
        description = "SPICE-level simulation of memristive circuits and training of spiking networks through them.")
public final class MemspiceCommand extends CommandGroup {

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
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
     * for help and for errors).
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("sim", SimCommand::new);
        SUBCOMMANDS.put("plot", PlotCommand::new);
        SUBCOMMANDS.put("crossbar", CrossbarCommand::new);
        SUBCOMMANDS.put("mif", org.memspice.cli.mif.MifCommand::new);
        SUBCOMMANDS.put("train", org.memspice.cli.train.TrainCommand::new);
        SUBCOMMANDS.put("eval", org.memspice.cli.train.EvalCommand::new);
        SUBCOMMANDS.put("dse", org.memspice.cli.dse.DseCommand::new);
        SUBCOMMANDS.put("data", org.memspice.cli.data.DataCommand::new);
        SUBCOMMANDS.put("sc", org.memspice.cli.sc.ScCommand::new);
        SUBCOMMANDS.put("stdp", org.memspice.cli.stdp.StdpCommand::new);
        SUBCOMMANDS.put("worker", org.memspice.cli.cluster.WorkerCommand::new);
    }

    /** Runs the program with the given streams; returns the exit code (for tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(args.length > 0 ? args[0] : null);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
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
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return ExitCodes.INPUT;
        });
        return cl.execute(args);
    }

    /** The command tree with only subcommand {@code first} when it names one, else with all of them. */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new MemspiceCommand());
        Supplier<Object> named = first != null ? SUBCOMMANDS.get(first) : null;
        if (named != null) {
            cl.addSubcommand(first, named.get());
        } else {
            SUBCOMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        }
        return cl;
    }
}
