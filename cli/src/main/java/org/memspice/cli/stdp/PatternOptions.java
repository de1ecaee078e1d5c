package org.memspice.cli.stdp;

import org.memspice.cli.UserInputException;
import picocli.CommandLine.Option;

/** The options the 4-pattern commands (patterns, recall) share: output neurons, pixel noise, quiet. */
final class PatternOptions {
    @Option(names = "--neurons", defaultValue = "8", description = "output neurons (default ${DEFAULT-VALUE})")
    int neurons;

    @Option(names = "--noise", defaultValue = "0.05",
            description = "probability that a pixel is flipped in each training, labelling and test presentation (default ${DEFAULT-VALUE})")
    double noise;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    /** Exit 2 naming the option when one is out of range. */
    void check() {
        if (neurons < 1 || neurons > 1000) {
            throw new UserInputException("--neurons must be 1..1000, got " + neurons);
        }
        checkNoise(noise);
    }

    /** Exit 2 unless the pixel-flip probability is in [0, 0.5] (the circuit check has its own --noise). */
    static void checkNoise(double noise) {
        if (!(noise >= 0 && noise <= 0.5)) {
            throw new UserInputException("--noise must be in [0, 0.5], got " + noise);
        }
    }
}
