package org.memspice.cli.stdp;

import picocli.CommandLine.Command;

/** {@code memspice stdp}: unsupervised learning whose rule is the synapse device driven by MIF spike waveforms. */
@Command(name = "stdp", mixinStandardHelpOptions = true,
        description = {"STDP that emerges from the synapse device under overlapping MIF spike waveforms:",
            "the window it produces, and networks that learn with it."},
        subcommands = {WindowCommand.class, PatternsCommand.class, RecallCommand.class, MnistCommand.class, CircuitCommand.class})
public final class StdpCommand extends org.memspice.cli.CommandGroup {
}
