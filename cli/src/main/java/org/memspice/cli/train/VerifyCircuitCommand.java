package org.memspice.cli.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.memspice.cli.UserInputException;
import org.memspice.memprop.circuit.CircuitVerifier;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import org.memspice.memprop.train.Checkpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memspice train verify-circuit}: the trained network run as a circuit, against the stepped model. */
@Command(name = "verify-circuit", mixinStandardHelpOptions = true,
        description = {"Run test images through the trained network as a circuit and compare with the stepped model.",
            "The circuit runs in memspice's general engine; the last line counts agreeing predicted classes."})
public final class VerifyCircuitCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CHECKPOINT_OR_DIR", description = "checkpoint.msp, or the folder of a training run")
    Path checkpoint;

    @Option(names = "--images", defaultValue = "100", description = "test images, class-balanced (default ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--seed", defaultValue = "3", description = "seed of the choice of images (default ${DEFAULT-VALUE})")
    long seed;

    @CommandLine.Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--gradients", defaultValue = "2", paramLabel = "N", description = {"on the first image, compare the"
            + " training loss's gradient with respect to the N weights of each layer with the largest gradients: the"
            + " stepped model's (BPTT) against the circuit's transient adjoint (0: no comparison; default"
            + " ${DEFAULT-VALUE})"})
    int gradients;

    @Option(names = "--quiet", description = "no per-image lines")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (gradients < 0 || gradients > 100) {
            throw new UserInputException("--gradients must be 0-100, got " + gradients);
        }
        Checkpoint.Contents c = Checkpoint.read(Checkpoint.locate(checkpoint));
        CircuitVerifier verifier;
        try {
            verifier = new CircuitVerifier(c.network());
        } catch (IllegalArgumentException e) {
            throw new UserInputException("verify-circuit: " + e.getMessage());
        }
        Datasets.Kind kind = Datasets.Kind.parse(c.training().dataset());
        Dataset test = data.load(kind, false, err);
        if (images < 1 || images > test.size()) {
            throw new UserInputException("--images must be 1-" + test.size() + ", got " + images);
        }
        int[] chosen = Datasets.balancedSubset(test, images, seed);
        int agree = 0;
        int steppedRight = 0;
        int circuitRight = 0;
        double worst = 0;
        double worstRelative = 0;
        long t0 = System.nanoTime();
        out.println("image,label,stepped,circuit,agree,worst_output_difference_V,output_range_V,seconds");
        for (int k = 0; k < chosen.length; k++) {
            CircuitVerifier.ImageResult r = verifier.verify(test, chosen[k]);
            agree += r.agree() ? 1 : 0;
            steppedRight += r.stepped() == r.label() ? 1 : 0;
            circuitRight += r.circuit() == r.label() ? 1 : 0;
            worst = Math.max(worst, r.worstDifference());
            worstRelative = Math.max(worstRelative, r.worstDifference() / Math.max(1e-12, r.outputRange()));
            if (!quiet) {
                out.printf(Locale.ROOT, "%d,%d,%d,%d,%s,%.3e,%.3e,%.2f%n", r.index(), r.label(), r.stepped(), r.circuit(),
                        r.agree() ? "yes" : "NO", r.worstDifference(), r.outputRange(), r.seconds());
                out.flush();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (!quiet && k + 1 < chosen.length && (k + 1) % 10 == 0) {
                err.printf(Locale.ROOT, "verify-circuit: %d/%d images, %.1f s each, about %s left%n", k + 1, chosen.length,
                        s / (k + 1), TrainingProgress.duration(s / (k + 1) * (chosen.length - k - 1)));
                err.flush();
            }
        }
        if (gradients > 0) {
            CircuitVerifier.GradientCheck g = verifier.gradients(test, chosen[0], gradients);
            out.printf(Locale.ROOT, "loss gradients on image %d (label %d): loss %.6g stepped, %.6g circuit (%.1f s)%n",
                    g.index(), g.label(), g.steppedLoss(), g.circuitLoss(), g.seconds());
            out.println("weight,stepped_dloss_dW,circuit_dloss_dW,relative_difference");
            for (CircuitVerifier.WeightGradient w : g.weights()) {
                out.printf(Locale.ROOT, "%s,%.6e,%.6e,%.3e%n", w.name(), w.stepped(), w.circuit(), w.relativeDifference());
            }
            out.printf(Locale.ROOT, "worst relative gradient difference %.3g over %d weights%n",
                    g.worstRelativeDifference(), g.weights().size());
        }
        out.printf(Locale.ROOT, "stepped model correct %d/%d, circuit correct %d/%d%n", steppedRight, images, circuitRight, images);
        out.printf(Locale.ROOT, "worst output difference %.3g mV (%.3f %% of the output's range)%n", 1e3 * worst, 100 * worstRelative);
        out.printf(Locale.ROOT, "predicted classes agree on %d/%d images (%.1f %%)%n", agree, images, 100.0 * agree / images);
        return 0;
    }
}
