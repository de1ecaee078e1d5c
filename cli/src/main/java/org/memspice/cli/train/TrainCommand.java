package org.memspice.cli.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.memspice.cli.UserInputException;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import org.memspice.memprop.encode.Encoding;
import org.memspice.memprop.net.DeviceConfig;
import org.memspice.memprop.net.LayerSpec;
import org.memspice.memprop.net.Network;
import org.memspice.memprop.net.NetworkSpec;
import org.memspice.memprop.net.Objective;
import org.memspice.memprop.net.Shape;
import org.memspice.memprop.train.Checkpoint;
import org.memspice.memprop.train.EpochRecord;
import org.memspice.memprop.train.Evaluation;
import org.memspice.memprop.train.Optimizer;
import org.memspice.memprop.train.Schedule;
import org.memspice.memprop.train.Trainer;
import org.memspice.memprop.train.TrainingConfig;
import org.memspice.memprop.train.TrainingListener;
import org.memspice.mif.MifParameters;
import org.memspice.spice.output.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memspice train}: trains a fully memristive spiking network (SPICEprop: ideal signed
 * weights; MEMprop: memristor pairs) by backpropagation through time through the MIF neurons'
 * dynamics, on MNIST or Fashion-MNIST, writing a checkpoint, a log, curves and a confusion
 * matrix into the output folder after every epoch.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {ExportCommand.class, VerifyCircuitCommand.class, TrainSweepCommand.class},
        description = {"Train a fully memristive spiking network by BPTT through the MIF circuit dynamics.",
            "SPICEprop: ideal signed weights. MEMprop: memristor pairs programmed with pulses.",
            "After every epoch --out holds checkpoint.msp, log.csv, curves.png and confusion.png/.csv.",
            "Subcommands: export (the network as a netlist), verify-circuit (run it through the engine),",
            "sweep (a hyper-parameter sweep from a configuration, locally or on a cluster)."})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "spiceprop", description = "spiceprop or memprop (default ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist or fashion (default ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (created if missing; required)")
    Path out;

    @CommandLine.Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--resume", description = "continue the run in --out from its checkpoint")
    boolean resume;

    @Option(names = "--epochs", defaultValue = "10", description = "epochs (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "mini-batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--hidden", defaultValue = "100", paramLabel = "N[,N...]",
            description = "hidden dense layers (default ${DEFAULT-VALUE}); 0 for none")
    String hidden;

    @Option(names = "--arch", paramLabel = "LAYERS", description = "hidden layers instead of --hidden, e.g. C8k5s2,D100"
            + " (C<channels>k<kernel>s<stride>p<pad> convolution, D<neurons> dense)")
    String arch;

    @Option(names = "--steps", defaultValue = "100", description = "time steps per sample (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--dt", defaultValue = "1e-4", description = "time step, s (default ${DEFAULT-VALUE})")
    double dt;

    @Option(names = "--encoding", defaultValue = "direct", description = "direct, gated, poisson or latency (default ${DEFAULT-VALUE})")
    String encoding;

    @Option(names = "--input-voltage", defaultValue = "0.1", description = "row voltage of a white pixel, V (default ${DEFAULT-VALUE})")
    double inputVoltage;

    @Option(names = "--gate", defaultValue = "0.5", description = "gated: fraction of the run the input is on (default ${DEFAULT-VALUE})")
    double gate;

    @Option(names = "--rate", defaultValue = "2000", description = "poisson: spike rate of a white pixel, Hz (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--latency-window", defaultValue = "0.5", description = "latency: fraction of the run over which"
            + " first spikes spread (default ${DEFAULT-VALUE})")
    double latencyWindow;

    @Option(names = "--latency-threshold", defaultValue = "0.1", description = "latency: dimmest pixel that spikes (default ${DEFAULT-VALUE})")
    double latencyThreshold;

    @Option(names = "--loss", defaultValue = "ce-sum", description = "ce-sum, ce-max or mse-count (default ${DEFAULT-VALUE})")
    String loss;

    @Option(names = "--readout", defaultValue = "mean", description = "max, mean or count (default ${DEFAULT-VALUE})")
    String readout;

    @Option(names = "--logit-scale", defaultValue = "0.05", description = "membrane voltage per logit unit, V (default ${DEFAULT-VALUE})")
    double logitScale;

    @Option(names = "--count-target", defaultValue = "1,0", paramLabel = "ON,OFF",
            description = "mse-count: spike counts wanted of the right and the other classes (default ${DEFAULT-VALUE})")
    String countTarget;

    @Option(names = "--init-current", defaultValue = "10e-6", description = "std of the synaptic currents at initialization, A"
            + " (default ${DEFAULT-VALUE})")
    double initCurrent;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd (default ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.01", description = "learning rate, in units of each layer's initial weight"
            + " bound (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--momentum", defaultValue = "0.9", description = "sgd momentum (default ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--schedule", defaultValue = "cosine", description = "cosine, step or constant (default ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--lr-floor", defaultValue = "0.02", description = "cosine: final fraction of --lr (default ${DEFAULT-VALUE})")
    double lrFloor;

    @Option(names = "--lr-gamma", defaultValue = "0.5", description = "step: factor per --lr-every epochs (default ${DEFAULT-VALUE})")
    double lrGamma;

    @Option(names = "--lr-every", defaultValue = "5", description = "step: epochs between reductions (default ${DEFAULT-VALUE})")
    int lrEvery;

    @Option(names = "--warmup", defaultValue = "0", description = "updates of linear learning-rate warm-up (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--device", defaultValue = "yakopcic", paramLabel = "MODEL[:p=v,...]",
            description = "memprop: device model and parameters, e.g. yakopcic or hp:roff=20e3 (default ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--read-voltage", description = "memprop: voltage at which conductances are quoted and bias rows"
            + " driven, V (default: the read limit, 90 %% of the largest voltage that leaves the devices' state still)")
    Double readVoltage;

    @Option(names = "--row-full-scale", defaultValue = "0.3", description = "memprop: a row driver puts limit*tanh(V/this)"
            + " on a row for a membrane or pixel voltage V, V (default ${DEFAULT-VALUE})")
    double rowFullScale;

    @Option(names = "--pulse-amplitude", defaultValue = "1.0", description = "memprop: programming pulse amplitude, V (default ${DEFAULT-VALUE})")
    double pulseAmplitude;

    @Option(names = "--levels", defaultValue = "1000", description = "memprop: pulses that cross a device's conductance range"
            + " (default ${DEFAULT-VALUE})")
    int levels;

    @Option(names = "--update", defaultValue = "state-aware", description = "memprop: pulse counts from the device's"
            + " present state and the model's response (state-aware), or from the nominal step alone (open-loop; the"
            + " device's raw nonlinearity and asymmetry apply) (default ${DEFAULT-VALUE})")
    String update;

    @Option(names = "--device-variation", defaultValue = "0", description = "memprop: device-to-device spread (relative σ)"
            + " of conductance and switching speed (default ${DEFAULT-VALUE})")
    double deviceVariation;

    @Option(names = "--cycle-noise", defaultValue = "0", description = "memprop: relative σ of every pulse's effect (default ${DEFAULT-VALUE})")
    double cycleNoise;

    @Option(names = "--range-factor", defaultValue = "4", description = "memprop: weights reach this many times the initial"
            + " bound (sets the column gain; default ${DEFAULT-VALUE})")
    double rangeFactor;

    @Option(names = "--seed", defaultValue = "1", description = "seed of initialization, data order and noise (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--limit", defaultValue = "0", description = "train on this many images, class-balanced (0 = all)")
    int limit;

    @Option(names = "--test-limit", defaultValue = "0", description = "test on this many images, class-balanced (0 = all)")
    int testLimit;

    @Option(names = "--threads", description = "worker threads (default: the number of cores); results do not depend on it")
    Integer threads;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Options that describe the network or the run; with --resume they must agree with the checkpoint. */
    private static final List<String> RUN_OPTIONS = List.of("--model", "--dataset", "--batch", "--hidden", "--arch", "--steps",
            "--dt", "--encoding", "--input-voltage", "--gate", "--rate", "--latency-window", "--latency-threshold", "--loss",
            "--readout", "--logit-scale", "--count-target", "--init-current", "--optimizer", "--lr", "--momentum", "--schedule",
            "--lr-floor", "--lr-gamma", "--lr-every", "--warmup", "--device", "--read-voltage", "--row-full-scale",
            "--pulse-amplitude", "--levels", "--update", "--device-variation", "--cycle-noise", "--range-factor", "--seed",
            "--limit", "--test-limit");

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        if (out == null) {
            throw new UserInputException("train needs --out DIR (the folder for the checkpoint, log and plots)");
        }
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1 || threadCount > 1024) {
            throw new UserInputException("--threads must be 1-1024, got " + threadCount);
        }
        Path ckpt = out.resolve(Checkpoint.FILE);
        NetworkSpec netSpec;
        TrainingConfig config;
        Checkpoint.Contents resumed = null;
        if (resume) {
            if (!Files.isRegularFile(ckpt)) {
                throw new UserInputException("--resume: " + ckpt + " does not exist (nothing to resume)");
            }
            resumed = Checkpoint.read(ckpt);
            NetworkSpec asked = buildSpec();
            TrainingConfig askedConfig = buildConfig(resumed.network().spec);
            checkAgainstCheckpoint(resumed, asked, askedConfig, ckpt);
            netSpec = resumed.network().spec;
            config = resumed.training().withEpochs(epochs);
            if (spec.commandLine().getParseResult().hasMatchedOption("--epochs") && epochs < resumed.epochsDone()) {
                throw new UserInputException("--epochs " + epochs + ": the checkpoint has already done " + resumed.epochsDone());
            }
            if (!spec.commandLine().getParseResult().hasMatchedOption("--epochs")) {
                config = resumed.training();
            }
        } else {
            if (Files.exists(ckpt)) {
                throw new UserInputException("--out " + out + " already holds a training run (" + Checkpoint.FILE
                        + "); add --resume to continue it, or choose another folder");
            }
            netSpec = buildSpec();
            config = buildConfig(netSpec);
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UserInputException("--out " + out + ": cannot create the folder (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(out)) {
            throw new UserInputException("--out " + out + ": cannot write into the folder");
        }
        Datasets.Kind kind = Datasets.Kind.parse(config.dataset());
        Dataset train = data.load(kind, true, err);
        Dataset test = data.load(kind, false, err);
        Network net;
        if (resumed != null) {
            net = resumed.network();
        } else {
            net = Network.initialized(netSpec, train);
        }
        if (!quiet) {
            err.printf(Locale.ROOT, "%s on %s: %s, %,d parameters, %d threads%n", resume ? "resuming" : "training",
                    kind.folder, netSpec.describe(), net.parameterCount(), threadCount);
            err.flush();
        }
        String title = netSpec.model().option() + " " + kind.folder;
        try (Trainer trainer = resumed != null ? Trainer.resume(resumed, config, train, test, out, threadCount)
                : Trainer.start(net, config, train, test, out, threadCount)) {
            TrainingProgress progress = new TrainingProgress(err, quiet, trainer.epochsDone(), config.epochs(), trainer.trainingSamples());
            TrainingListener listener = new TrainingListener() {
                @Override
                public void batch(int epoch, int total, long done, long count, double l, double acc, double rate) {
                    progress.batch(epoch, total, done, count, l, acc, rate);
                }

                @Override
                public void evaluating(long done, long total) {
                    progress.evaluating(done, total);
                }

                @Override
                public void epoch(EpochRecord r, Evaluation ev) {
                    progress.epoch(r, ev);
                    try {
                        TrainingPlots.curves(trainer.history(), title, out.resolve("curves.png"));
                        TrainingPlots.confusionCsv(ev.confusion(), out.resolve("confusion.csv"));
                        TrainingPlots.confusionPng(ev.confusion(), classNames(kind), title + ", epoch " + r.epoch(),
                                out.resolve("confusion.png"));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            };
            trainer.run(listener);
            List<EpochRecord> h = trainer.history();
            if (h.isEmpty()) {
                outw.println("nothing to do: the checkpoint has done all " + config.epochs() + " epochs");
            } else {
                EpochRecord last = h.get(h.size() - 1);
                outw.printf(Locale.ROOT, "test accuracy %.2f %% (%d/%d) after %d epochs%n", 100 * last.testAccuracy(),
                        last.testCorrect(), last.testCount(), last.epoch());
            }
        }
        return 0;
    }

    static List<String> classNames(Datasets.Kind kind) {
        return kind == Datasets.Kind.FASHION
                ? List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
                : List.of();
    }

    private NetworkSpec buildSpec() {
        try {
            List<LayerSpec> layers;
            if (arch != null) {
                if (spec.commandLine().getParseResult().hasMatchedOption("--hidden")) {
                    throw new IllegalArgumentException("give --hidden or --arch, not both (--arch " + arch + " names every hidden layer)");
                }
                layers = LayerSpec.parseList(arch);
            } else if (hidden.trim().equals("0")) {
                layers = List.of();
            } else {
                StringBuilder sb = new StringBuilder();
                for (String h : hidden.split(",")) {
                    sb.append(sb.length() == 0 ? "" : ",").append('D').append(h.trim());
                }
                try {
                    layers = LayerSpec.parseList(sb.toString());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--hidden " + hidden + ": " + e.getMessage());
                }
            }
            String[] counts = countTarget.split(",");
            if (counts.length != 2) {
                throw new IllegalArgumentException("--count-target needs ON,OFF, got " + countTarget);
            }
            MifParameters mif = MifParameters.prototype();
            Objective obj = new Objective(Objective.Loss.parse(loss), Objective.Readout.parse(readout), logitScale,
                    parse("--count-target", counts[0]), parse("--count-target", counts[1]), 0.005, mif.spikeThreshold());
            Encoding enc = new Encoding(Encoding.Kind.parse(encoding), inputVoltage, gate, rate, latencyWindow, latencyThreshold);
            NetworkSpec.Model m = NetworkSpec.Model.parse(model);
            DeviceConfig dev = null;
            if (m == NetworkSpec.Model.MEMPROP) {
                Map.Entry<String, Map<String, Double>> d = DeviceConfig.parseDevice(device);
                if (readVoltage != null && !(readVoltage > 0 && Double.isFinite(readVoltage))) {
                    throw new IllegalArgumentException("--read-voltage must be a finite voltage > 0, got " + readVoltage);
                }
                dev = DeviceConfig.resolve(d.getKey(), d.getValue(), readVoltage, rowFullScale, pulseAmplitude, levels,
                        DeviceConfig.Update.parse(update), deviceVariation, cycleNoise, rangeFactor, steps * dt);
                dev.model(); // unknown model or parameter names fail here, by name
            } else {
                for (String o : List.of("--device", "--read-voltage", "--row-full-scale", "--pulse-amplitude", "--levels",
                        "--update", "--device-variation", "--cycle-noise", "--range-factor")) {
                    if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                        throw new IllegalArgumentException(o + " applies to --model memprop only (spiceprop's weights are ideal)");
                    }
                }
            }
            return new NetworkSpec(m, new Shape(1, 28, 28), 10, layers, steps, dt, enc, obj, dev, seed, initCurrent);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    private TrainingConfig buildConfig(NetworkSpec netSpec) {
        try {
            Datasets.Kind.parse(dataset);
            if (!Double.isFinite(lr)) {
                throw new IllegalArgumentException("--lr must be finite");
            }
            Schedule sched = new Schedule(Schedule.Kind.parse(schedule), lr, lrFloor, lrGamma, lrEvery, warmup);
            int chunk = TrainingConfig.chunkFor(netSpec, batch);
            return new TrainingConfig(Datasets.Kind.parse(dataset).option, epochs, batch, Optimizer.Kind.parse(optimizer), momentum,
                    sched, limit, testLimit, chunk);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    private static double parse(String option, String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + s + "' is not a number");
        }
    }

    private void checkAgainstCheckpoint(Checkpoint.Contents c, NetworkSpec asked, TrainingConfig askedConfig, Path ckpt) {
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        java.util.Properties have = c.network().spec.toProperties();
        have.putAll(c.training().toProperties());
        java.util.Properties want = asked.toProperties();
        want.putAll(askedConfig.toProperties());
        for (String option : RUN_OPTIONS) {
            if (!pr.hasMatchedOption(option)) {
                continue;
            }
            for (String key : keysOf(option)) {
                String a = have.getProperty(key);
                String b = want.getProperty(key);
                if (a != null && b != null && !same(a, b)) {
                    throw new UserInputException(String.format(Locale.ROOT, "--resume: %s asks for %s = %s, but %s was made with %s",
                            option, key, b, ckpt, a));
                }
                if ((a == null) != (b == null) && key.equals("device")) {
                    throw new UserInputException("--resume: " + option + " does not match " + ckpt + " (a "
                            + c.network().spec.model().option() + " network)");
                }
            }
        }
    }

    private static boolean same(String a, String b) {
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return a.equals(b);
        }
    }

    private static List<String> keysOf(String option) {
        switch (option) {
            case "--hidden":
            case "--arch":
                return List.of("hidden");
            case "--encoding":
                return List.of("encoding");
            case "--input-voltage":
                return List.of("encoding.voltage");
            case "--gate":
                return List.of("encoding.gate");
            case "--rate":
                return List.of("encoding.rate");
            case "--latency-window":
                return List.of("encoding.window");
            case "--latency-threshold":
                return List.of("encoding.threshold");
            case "--count-target":
                return List.of("count-on", "count-off");
            case "--read-voltage":
                return List.of("device.read-voltage");
            case "--row-full-scale":
                return List.of("device.row-full-scale");
            case "--update":
                return List.of("device.update");
            case "--pulse-amplitude":
                return List.of("device.pulse-amplitude");
            case "--levels":
                return List.of("device.levels");
            case "--device-variation":
                return List.of("device.sigma");
            case "--cycle-noise":
                return List.of("device.cycle-sigma");
            case "--range-factor":
                return List.of("device.range-factor");
            case "--dataset":
            case "--batch":
            case "--optimizer":
            case "--momentum":
            case "--schedule":
            case "--lr":
            case "--lr-floor":
            case "--lr-gamma":
            case "--lr-every":
            case "--warmup":
            case "--limit":
            case "--test-limit":
                return List.of("train." + option.substring(2));
            default:
                return List.of(option.substring(2));
        }
    }
}
