package org.memspice.cli.mif;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.memspice.cli.ExitCodes;
import org.memspice.cli.ProgressReporter;
import org.memspice.cli.UserInputException;
import org.memspice.mif.MifNeuronBatch;
import org.memspice.mif.MifParameters;
import org.memspice.spice.output.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memspice mif run}: a batch of independent MIF neurons, each driven by its own seeded
 * Poisson train of synaptic inputs, stepped with fixed or adaptive steps; reports the spikes and
 * the in-process time.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a batch of MIF neurons and report their spikes and speed.",
            "Stepped model under seeded Poisson (or regular) synaptic input. Fixed steps by default;",
            "--adaptive uses step doubling between inputs."})
public final class RunCommand implements Callable<Integer> {
    private static final double FIRST_REGULAR = 1e-3;

    @Option(names = "--neurons", defaultValue = "1", description = "batch size (default ${DEFAULT-VALUE})")
    int neurons;

    @Option(names = "--duration", defaultValue = "1", description = "simulated time, s (default ${DEFAULT-VALUE})")
    double duration;

    @Option(names = "--step", defaultValue = "10e-6", description = "fixed step, or first step with --adaptive, s (default ${DEFAULT-VALUE})")
    double step;

    @Option(names = "--adaptive", description = "step-doubling error control instead of fixed steps")
    boolean adaptive;

    @Option(names = "--tolerance", defaultValue = "1e-5", description = "error per step on v with --adaptive, V (default ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--rate", defaultValue = "100", description = "input spikes per second per neuron (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--input", defaultValue = "20e-6", description = "mean peak synaptic current of an input, A;"
            + " each is drawn uniformly in [0.5, 1.5] times it (default ${DEFAULT-VALUE})")
    double input;

    @Option(names = "--regular", paramLabel = "PERIOD", description = "instead of Poisson input: one input of exactly"
            + " --input every PERIOD s from 1 ms on, the same for every neuron")
    Double regular;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the input trains (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.csv", description = "spike count and rate per neuron")
    Path csv;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        checkOptions();
        MifNeuronBatch batch = new MifNeuronBatch(MifParameters.prototype(), neurons);
        SplittableRandom random = new SplittableRandom(seed);
        double[] next = new double[neurons];
        for (int k = 0; k < neurons; k++) {
            next[k] = arrival(random, 0);
        }
        long inputs = 0;
        long steps = 0;
        long start = System.nanoTime();
        ProgressReporter progress = new ProgressReporter(spec.commandLine().getErr(), false);
        if (adaptive) {
            double h = step;
            while (batch.time() < duration - 1e-15) {
                double until = duration;
                for (double t : next) {
                    until = Math.min(until, t);
                }
                if (until > batch.time()) {
                    h = batch.advance(until - batch.time(), h, tolerance);
                }
                progress.update("mif run", batch.time() / duration);
                inputs += deliver(batch, next, random, batch.time() + 1e-15);
            }
        } else {
            // whole steps, then one shorter step that lands on --duration exactly
            long whole = (long) Math.floor(duration / step * (1 + 1e-12));
            double rest = duration - whole * step;
            long count = whole + (rest > 1e-9 * step ? 1 : 0);
            for (long s = 0; s < count; s++) {
                if ((s & 1023) == 0) {
                    progress.update("mif run", s / (double) count);
                }
                double h = s < whole ? step : rest;
                inputs += deliver(batch, next, random, s * step + 0.5 * h);
                batch.step(h);
            }
            steps = count;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long spikes = 0;
        for (int c : batch.spikeCount) {
            spikes += c;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%d neurons, %.6g s simulated (%s): %d inputs, %d spikes (%.4g Hz per neuron);"
                + " in-process %.3f s%s%n", neurons, duration, adaptive ? "adaptive steps" : steps + " fixed steps",
                inputs, spikes, spikes / (neurons * duration), elapsed,
                adaptive ? "" : String.format(Locale.ROOT, ", %.1f ns per neuron-step", 1e9 * elapsed / (neurons * (double) steps)));
        if (batch.splitSteps() > 0) {
            spec.commandLine().getErr().printf(Locale.ROOT, "warning: %d neuron-steps were too long for Newton's method and"
                    + " were taken as up to 64 sub-steps; use a shorter --step or --adaptive for accurate waveforms%n",
                    batch.splitSteps());
        }
        if (csv != null) {
            StringBuilder sb = new StringBuilder("neuron,spikes,rate_hz\n");
            for (int k = 0; k < neurons; k++) {
                sb.append(k).append(',').append(batch.spikeCount[k]).append(',')
                        .append(batch.spikeCount[k] / duration).append('\n');
            }
            AtomicFiles.writeText(csv, sb.toString());
        }
        return ExitCodes.OK;
    }

    /** Most neurons in one batch (each holds a handful of doubles of state and input). */
    static final int MAX_NEURONS = 5_000_000;
    /** Most neuron-steps or inputs one run may ask for: past it a typo in a unit would run for days. */
    static final double MAX_WORK = 1e11;

    /** Every number finite and in range, and the amount of work bounded, before anything runs. */
    private void checkOptions() {
        if (neurons < 1 || neurons > MAX_NEURONS) {
            throw new UserInputException("--neurons must be from 1 to " + MAX_NEURONS + ", not " + neurons);
        }
        positiveFinite("--duration", duration);
        positiveFinite("--step", step);
        positiveFinite("--tolerance", tolerance);
        if (!(rate >= 0) || !Double.isFinite(rate)) {
            throw new UserInputException("--rate must be a finite rate >= 0 inputs per second, not " + rate);
        }
        if (!(input >= 0) || !Double.isFinite(input)) {
            throw new UserInputException("--input must be a finite current >= 0 A, not " + input);
        }
        if (regular != null) {
            positiveFinite("--regular", regular);
        }
        if (step > duration) {
            throw new UserInputException("--step " + step + " s is longer than --duration " + duration + " s");
        }
        double inputs = neurons * (regular != null ? duration / regular : rate * duration);
        if (inputs > MAX_WORK) {
            throw new UserInputException(String.format("about %.3g synaptic inputs (--neurons x --rate x --duration, or"
                    + " --duration / --regular) is more than memspice's limit of %.0e for one run", inputs, MAX_WORK));
        }
        double work = adaptive ? 0 : neurons * (duration / step);
        if (work > MAX_WORK) {
            throw new UserInputException(String.format("%.3g neuron-steps (--neurons x --duration / --step) is more than"
                    + " memspice's limit of %.0e for one run", work, MAX_WORK));
        }
    }

    private static void positiveFinite(String option, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new UserInputException(option + " must be a finite positive number, not " + v);
        }
    }

    private double arrival(SplittableRandom random, double after) {
        if (regular != null) {
            return after == 0 ? FIRST_REGULAR : after + regular;
        }
        return rate == 0 ? Double.POSITIVE_INFINITY : after - Math.log(1 - random.nextDouble()) / rate;
    }

    /** Delivers every input due before {@code until}; returns how many. */
    private int deliver(MifNeuronBatch batch, double[] next, SplittableRandom random, double until) {
        int delivered = 0;
        for (int k = 0; k < next.length; k++) {
            while (next[k] < until) {
                batch.spike(k, regular != null ? input : input * (0.5 + random.nextDouble()));
                next[k] = arrival(random, next[k]);
                delivered++;
            }
        }
        return delivered;
    }
}
