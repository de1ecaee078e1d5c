package org.memspice.cli.sc;

import picocli.CommandLine.Command;

/** {@code memspice sc}: CBRAM stochastic computing for the weight updates of training. */
@Command(name = "sc", mixinStandardHelpOptions = true,
        description = {"CBRAM stochastic computing: bit streams from simulated stochastic CBRAM devices (calibrated against their",
            "variation) compute the weight updates of MLP and CNN training; stream statistics, sweeps and a cost model."},
        subcommands = {ScTrainCommand.class, ScSweepCommand.class, ScStreamsCommand.class})
public final class ScCommand extends org.memspice.cli.CommandGroup {
}
