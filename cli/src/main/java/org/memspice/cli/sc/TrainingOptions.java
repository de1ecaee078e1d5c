package org.memspice.cli.sc;

import java.util.Locale;
import org.memspice.cli.UserInputException;
import org.memspice.dse.net.ReferenceTrainer;
import org.memspice.dse.stochastic.CbramBank;
import org.memspice.dse.stochastic.StochasticProduct;
import org.memspice.dse.stochastic.StochasticTraining;
import picocli.CommandLine.Option;

/** The options {@code sc train} and {@code sc sweep} share: network, devices, calibration and trainer. */
public final class TrainingOptions {
    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist or fashion (default ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--model", defaultValue = "mlp", description = "mlp (input-hidden-10) or cnn (conv 8 5x5/2, conv 16 3x3/2, dense)"
            + " (default ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--hidden", defaultValue = "100", description = "hidden neurons of the MLP (default ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--no-calibration", description = "pick pulse amplitudes from the nominal device law (no per-device calibration)")
    boolean noCalibration;

    @Option(names = "--calibration-pulses", defaultValue = "1000",
            description = "pulses per amplitude of each device's calibration (default ${DEFAULT-VALUE})")
    int calibrationPulses;

    @Option(names = "--coding", defaultValue = "sign-magnitude",
            description = "sign-magnitude (unipolar streams, AND) or bipolar (XNOR) (default ${DEFAULT-VALUE})")
    String coding;

    @Option(names = "--epochs", defaultValue = "3", description = "epochs (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "minibatch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "0.1", description = "SGD learning rate (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--seed", defaultValue = "1", description = "seed of weights and data order; devices seed+1, calibration seed+2,"
            + " streams seed+3 (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--limit", defaultValue = "0", description = "train on a balanced subset of this many images (0: all)")
    int limit;

    /**
     * Refuses options that the run would not use: --hidden for the CNN, --calibration-pulses
     * without calibration, and, for floating-point updates only, every stream option.
     */
    void refuseUnused(picocli.CommandLine.ParseResult given, boolean floatOnly) {
        if (given.hasMatchedOption("--hidden") && model() == StochasticTraining.Model.CNN) {
            throw new UserInputException("--hidden sizes the MLP; the CNN's layers are fixed");
        }
        if (given.hasMatchedOption("--calibration-pulses") && noCalibration) {
            throw new UserInputException("--calibration-pulses with --no-calibration: choose one");
        }
        if (floatOnly) {
            for (String o : new String[] {"--coding", "--no-calibration", "--calibration-pulses"}) {
                if (given.hasMatchedOption(o)) {
                    throw new UserInputException(o + " applies to stream updates, not to --float");
                }
            }
        }
    }

    StochasticTraining.Model model() {
        try {
            return StochasticTraining.Model.parse(model);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /** The setup of one run: stream length 0 for floating-point updates. */
    StochasticTraining.Setup setup(int length, double variation, int threads) {
        if (length != 0 && (length < 1 || length > StochasticProduct.MAX_LENGTH)) {
            throw new UserInputException("--stream-length must be 1-" + StochasticProduct.MAX_LENGTH + ", got " + length);
        }
        if (!Double.isFinite(variation) || variation < 0 || variation > 1) {
            throw new UserInputException(String.format(Locale.ROOT, "--variation must be a finite number in [0, 1], got %s", variation));
        }
        if (calibrationPulses < 16 || calibrationPulses > 1_000_000) {
            throw new UserInputException("--calibration-pulses must be 16-1000000, got " + calibrationPulses);
        }
        try {
            StochasticProduct.Coding c = StochasticProduct.Coding.parse(coding);
            ReferenceTrainer.Config config = new ReferenceTrainer.Config(epochs, batch, lr, seed, threads,
                    ReferenceTrainer.Optimizer.SGD);
            return new StochasticTraining.Setup(model(), hidden, length, variation, !noCalibration, calibrationPulses, c, config,
                    CbramBank.Pulses.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage().startsWith("coding") ? "--" + e.getMessage() : e.getMessage());
        }
    }

    /** A one-line description of the update arithmetic of a setup. */
    static String updates(StochasticTraining.Setup s) {
        if (s.length() == 0) {
            return "floating-point updates (baseline)";
        }
        return String.format(Locale.ROOT, "CBRAM %s streams of %d bits, device variation %.3g, %s", s.coding().word(), s.length(),
                s.variation(), s.calibrate() ? "calibrated (" + s.calibrationTrials() + " pulses per point)" : "uncalibrated");
    }
}
