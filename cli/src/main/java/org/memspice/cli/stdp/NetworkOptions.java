package org.memspice.cli.stdp;

import org.memspice.cli.UserInputException;
import org.memspice.stdp.net.InputCode;
import picocli.CommandLine.Option;

/** How inputs are coded, shared by the network commands. */
final class NetworkOptions {
    @Option(names = "--coding", defaultValue = "latency", paramLabel = "latency|poisson",
            description = "input spikes: latency volleys (default) or Poisson trains with the synapse's dead time")
    String coding;

    @Option(names = "--rate", paramLabel = "HZ", description = "Poisson rate of a full-intensity input, Hz (only with --coding poisson;"
            + " default 30, below 1/dead time = 40)")
    Double rate;

    @Option(names = "--volleys", paramLabel = "N", description = "latency volleys per presentation, 40 ms apart (only with --coding"
            + " latency; default 6)")
    Integer volleys;

    /** The code, or exit 2 naming the option. */
    InputCode code(double poissonDuration, double spread) {
        switch (coding) {
            case "latency":
                if (rate != null) {
                    throw new UserInputException("--rate applies to --coding poisson only");
                }
                int v = volleys == null ? 6 : volleys;
                if (v < 1 || v > 1000) {
                    throw new UserInputException("--volleys must be 1..1000, got " + v);
                }
                return new InputCode.Latency(v, 40e-3, spread, 3e-3);
            case "poisson":
                if (volleys != null) {
                    throw new UserInputException("--volleys applies to --coding latency only");
                }
                double r = rate == null ? 30 : rate;
                if (!(r > 0 && r < 40)) {
                    throw new UserInputException("--rate must be in (0, 40) Hz (the synapse's dead time is 25 ms), got " + r);
                }
                return new InputCode.Poisson(r, poissonDuration);
            default:
                throw new UserInputException("--coding must be latency or poisson, got '" + coding + "'");
        }
    }
}
