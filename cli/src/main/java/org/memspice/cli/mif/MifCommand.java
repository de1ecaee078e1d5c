package org.memspice.cli.mif;

import java.util.concurrent.Callable;
import org.memspice.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code memspice mif}: the memristive integrate-and-fire neuron. */
@Command(name = "mif", mixinStandardHelpOptions = true,
        description = "The memristive integrate-and-fire neuron: characterize it, or run batches of it.",
        subcommands = {CharacterizeCommand.class, RunCommand.class})
public final class MifCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INPUT;
    }
}
