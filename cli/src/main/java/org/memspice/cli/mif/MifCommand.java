package org.memspice.cli.mif;

import picocli.CommandLine.Command;

/** {@code memspice mif}: the memristive integrate-and-fire neuron. */
@Command(name = "mif", mixinStandardHelpOptions = true,
        description = "The memristive integrate-and-fire neuron: characterize it, or run batches of it.",
        subcommands = {CharacterizeCommand.class, RunCommand.class})
public final class MifCommand extends org.memspice.cli.CommandGroup {
}
