package org.memspice.cli.data;

import org.memspice.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code memspice data}: checks and repairs of the MNIST-format data sets. */
@Command(name = "data", mixinStandardHelpOptions = true, subcommands = {CheckCommand.class, RepairCommand.class},
        description = {"Check a data set's files, or repair one whose images file lost a record.",
            "Subcommands: check, repair."})
public final class DataCommand extends CommandGroup {
}
