package org.memspice.cli.dse;

import picocli.CommandLine.Command;

/** {@code memspice dse}: RRAM design-space exploration of networks mapped onto crossbar tiles. */
@Command(name = "dse", mixinStandardHelpOptions = true,
        description = {"RRAM design-space exploration: networks mapped onto crossbar tiles with circuit-exact IR drop,",
            "non-idealities, converters, energy and latency; sweeps with CSV, plots and an HTML report."},
        subcommands = {TrainReferenceCommand.class, InferCommand.class, RunCommand.class})
public final class DseCommand extends org.memspice.cli.CommandGroup {
}
