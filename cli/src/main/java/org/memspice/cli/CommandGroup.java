package org.memspice.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/** A command that only groups subcommands: called alone it prints its usage and exits with 2. */
public abstract class CommandGroup implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INPUT;
    }
}
