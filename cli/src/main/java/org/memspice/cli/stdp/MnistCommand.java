package org.memspice.cli.stdp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.memspice.cli.ExitCodes;
import org.memspice.cli.ProgressReporter;
import org.memspice.cli.UserInputException;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import org.memspice.spice.output.AtomicFiles;
import org.memspice.stdp.StdpTable;
import org.memspice.stdp.SynapseSettings;
import org.memspice.stdp.net.DigitTask;
import org.memspice.stdp.net.InputCode;
import org.memspice.stdp.net.NetworkSettings;
import org.memspice.stdp.net.TrainingCheckpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code memspice stdp mnist}: unsupervised MNIST in the style of Diehl and Cook (2015) with the
 * device-derived rule. The data come through memprop's IDX reader here in the cli, so that the
 * stdp module needs no sibling dependency: it takes plain arrays.
 */
@Command(name = "mnist", mixinStandardHelpOptions = true,
        description = {"Unsupervised STDP on MNIST in the style of Diehl and Cook (2015).",
            "One pass over --train training images, neurons",
            "labelled by the class they answer most over the last --label-images of them, test on --test test images.",
            "Writes mnist.csv (labels), confusion.csv and weights.png (every neuron's learned synapses) into DIR; the",
            "last line is 'test accuracy X %% (n/N)'. The synapse is the Yakopcic set of stdp/README.md with eta 0.1 and",
            "an 300 (a slower device with more depression; --param overrides them)."})
public final class MnistCommand implements Callable<Integer> {
    /**
     * The synapse for MNIST, over stdp/README.md's Yakopcic set (which the pattern, recall and
     * circuit tasks use): a device ten times slower (eta 0.1) with three times the depression rate
     * (an 300 /s), so that a template averages the digits it wins and stays thin. Chosen by full
     * passes over the 60,000 images with 100 neurons (BENCHMARKS.md, "MNIST"): 65.06 % with the
     * set as it is, 71.87 % with eta 0.1, 73.21 % with eta 0.1 and an 300, 78.38 % with these and
     * calibrated line gains. {@code --param} overrides either.
     */
    static final Map<String, Double> DEVICE = Map.of("eta", 0.1, "an", 300.0);

    @Option(names = {"-o", "--output"}, defaultValue = "stdp-mnist", paramLabel = "DIR",
            description = "folder for the results (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--data", paramLabel = "DIR", description = "folder with mnist/ (default: $MEMSPICE_DATA)")
    Path data;

    @Option(names = "--neurons", defaultValue = "400", description = "output neurons (default ${DEFAULT-VALUE})")
    int neurons;

    @Option(names = "--train", defaultValue = "60000", description = "training images, from the start of the training set"
            + " (default ${DEFAULT-VALUE})")
    int train;

    @Option(names = "--label-images", defaultValue = "10000", description = "last training images used to label the neurons"
            + " (default ${DEFAULT-VALUE}, at most --train)")
    int labelImages;

    @Option(names = "--test", defaultValue = "10000", description = "test images, from the start of the test set (default ${DEFAULT-VALUE})")
    int test;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the initial devices and the input spikes (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @Option(names = "--checkpoint-minutes", defaultValue = "5", paramLabel = "M", description = "save the training state to"
            + " DIR/checkpoint.bin every M minutes and when training ends (0: only then; default ${DEFAULT-VALUE}); a run with the"
            + " same settings, seed and images goes on from it")
    double checkpointMinutes;

    @Option(names = "--restart", description = "train from the start even if DIR/checkpoint.bin holds a run of these settings")
    boolean restart;

    @Option(names = "--gain", paramLabel = "G", description = "read gain of the output lines' current mirrors (default: stdp/README.md's)")
    Double gain;

    @Option(names = "--theta-step", paramLabel = "A", description = "adaptive threshold: current added per output spike, A (default: stdp/README.md's)")
    Double thetaStep;

    @Option(names = "--theta-tau", paramLabel = "S", description = "adaptive threshold: decay time constant, s (default: stdp/README.md's)")
    Double thetaTau;

    @Option(names = "--inhibition", paramLabel = "A", description = "lateral inhibition per output spike, A (default: stdp/README.md's)")
    Double inhibition;

    @Option(names = "--volleys", paramLabel = "N", description = "latency volleys per image, 40 ms apart (default: stdp/README.md's)")
    Integer volleys;

    @Option(names = "--normalise", paramLabel = "T", description = "after every training image scale each neuron's device states,"
            + " as fractions of the range, to sum to T (0: no normalisation; default: stdp/README.md's)")
    Double normalise;

    @Option(names = "--min-spikes", paramLabel = "N", description = "an image that makes fewer output spikes is shown again with"
            + " the read gain times --boost, up to --retries times, as Diehl and Cook repeat a quiet image (default: stdp/README.md's)")
    Integer minSpikes;

    @Option(names = "--boost", paramLabel = "F", description = "read-gain factor of each repetition (default: stdp/README.md's)")
    Double boost;

    @Option(names = "--retries", paramLabel = "N", description = "most repetitions of a quiet image (0: none; default: stdp/README.md's)")
    Integer retries;

    @Option(names = "--relax-step", paramLabel = "S", description = "longest step while every soma only relaxes, s (0: every step"
            + " 0.1 ms; default: stdp/README.md's)")
    Double relaxStep;

    @Option(names = "--inference-theta", paramLabel = "KEPT|MEAN", description = "adaptive thresholds to label and test with:"
            + " KEPT as training left them, MEAN every one at their mean (default ${DEFAULT-VALUE}; not part of the checkpoint's"
            + " settings, so a trained run can be tested again either way)", defaultValue = "KEPT")
    DigitTask.Thresholds inferenceTheta;

    @Option(names = "--line-gains", paramLabel = "EQUAL|NORM", description = "output lines' mirror gains: EQUAL, or NORM each set"
            + " inversely to its synapses' Euclidean norm before training and after every training image (the best match wins"
            + " rather than the most conductance; default ${DEFAULT-VALUE}: 78.38 against 73.21 %% over all 60,000 images with 100"
            + " neurons)", defaultValue = "NORM")
    DigitTask.Gains lineGains;

    @Mixin
    SynapseOptions synapse;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (neurons < 1 || neurons > 10_000) {
            throw new UserInputException("--neurons must be 1..10000, got " + neurons);
        }
        if (train < 1 || train > 60_000) {
            throw new UserInputException("--train must be 1..60000, got " + train);
        }
        if (test < 1 || test > 10_000) {
            throw new UserInputException("--test must be 1..10000, got " + test);
        }
        if (labelImages < 1) {
            throw new UserInputException("--label-images must be >= 1, got " + labelImages);
        }
        if (!(checkpointMinutes >= 0 && checkpointMinutes <= 10_000)) {
            throw new UserInputException("--checkpoint-minutes must be in [0, 10000], got " + checkpointMinutes);
        }
        SynapseSettings s = synapse.settings(SynapseSettings.defaults().step(), DEVICE);
        setup(DigitTask.defaults(s, 784, neurons, labelImages)); // the network options, checked before the data are read
        Path folder = Datasets.dataFolder(data);
        Dataset tr = Datasets.load(folder, Datasets.Kind.MNIST, true);
        Dataset te = Datasets.load(folder, Datasets.Kind.MNIST, false);
        tr = tr.subset(range(Math.min(train, tr.size())), "");
        te = te.subset(range(Math.min(test, te.size())), "");
        Files.createDirectories(dir);
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        StdpTable table = StdpTable.forNetworks(s);
        out.printf(Locale.ROOT, "%s from the waveform simulation in %.1f s; %d training, %d test images, %d neurons%n", table,
                (System.nanoTime() - start) / 1e9, tr.size(), te.size(), neurons);
        DigitTask.Setup setup = setup(DigitTask.defaults(s, tr.pixels(), neurons, Math.min(labelImages, tr.size())));
        NetworkSettings n = setup.network();
        out.printf(Locale.ROOT, "read gain %.4g, theta %.4g A per spike decaying in %.4g s, inhibition %.4g A in %.4g s, %d volleys,"
                + " normalisation %s, relax step %.4g s, images with fewer than %d spikes repeated up to %d times with gain x%.3g each,"
                + " %s eta %s, line gains %s, labelled and tested with thresholds %s%n", n.readGain(), n.thetaStep(), n.thetaTau(), n.inhibition(), n.inhibitionTau(),
                ((InputCode.Latency) setup.code()).volleys(), setup.normalise() > 0 ? String.format(Locale.ROOT, "%.4g",
                        setup.normalise()) : "none", setup.quietStep(), setup.minSpikes(), setup.retries(), setup.boost(), s.model(),
                s.parameters().getOrDefault("eta", Double.NaN), lineGains,
                inferenceTheta);
        Path file = dir.resolve("checkpoint.bin");
        String fingerprint = fingerprint(setup, tr);
        TrainingCheckpoint saved = null;
        if (Files.exists(file) && !restart) {
            try {
                saved = TrainingCheckpoint.read(file, fingerprint);
            } catch (IllegalArgumentException | IOException e) {
                throw new UserInputException(file + ": " + e.getMessage() + "; use --restart to train afresh, or another -o");
            }
            out.printf(Locale.ROOT, "going on from %s: %d of %d images trained in %.1f s%n", file, saved.imagesDone(), tr.size(),
                    saved.seconds());
        }
        ProgressReporter progress = new ProgressReporter(spec.commandLine().getErr(), quiet);
        long total = tr.size() + (long) setup.labelImages() + te.size();
        if (saved != null) {
            progress.resumedAt((double) saved.imagesDone() / total);
        }
        DigitTask.Outcome o = DigitTask.run(setup, table, seed, tr.images(), tr.labels(), te.images(), te.labels(), 10,
                (done, all) -> progress.update("stdp mnist", (double) done / all), new Saver(file, fingerprint, saved), inferenceTheta,
                lineGains);
        StringBuilder csv = new StringBuilder("neuron,label\n");
        for (int j = 0; j < neurons; j++) {
            csv.append(j).append(',').append(o.labels()[j]).append('\n');
        }
        AtomicFiles.writeText(dir.resolve("mnist.csv"), csv.toString());
        StringBuilder conf = new StringBuilder("true\\answered,0,1,2,3,4,5,6,7,8,9,none\n");
        for (int c = 0; c < 10; c++) {
            conf.append(c);
            for (int v : o.confusion()[c]) {
                conf.append(',').append(v);
            }
            conf.append('\n');
        }
        AtomicFiles.writeText(dir.resolve("confusion.csv"), conf.toString());
        MemristorModel m = s.device();
        double[] g = o.states().clone();
        for (int k = 0; k < g.length; k++) {
            g[k] = SynapseSettings.conductance(m, g[k]);
        }
        String[] captions = new String[neurons];
        for (int j = 0; j < neurons; j++) {
            captions[j] = o.labels()[j] < 0 ? "-" : Integer.toString(o.labels()[j]);
        }
        WeightMaps.write(g, tr.pixels(), neurons, tr.cols(), SynapseSettings.conductance(m, m.minState()),
                SynapseSettings.conductance(m, m.maxState()), captions, String.format(Locale.ROOT,
                        "Learned synapses of %d neurons after %d MNIST images (label under each)", neurons, o.trained()),
                dir.resolve("weights.png"));
        int[] perLabel = new int[11];
        for (int l : o.labels()) {
            perLabel[l < 0 ? 10 : l]++;
        }
        out.printf(Locale.ROOT, "neurons per class 0-9 (and unlabelled): %s%n", Arrays.toString(perLabel));
        out.printf(Locale.ROOT, "training %.1f s (%.2f images/s), labelling and test %.1f s (%.2f images/s) on %d cores%n",
                o.trainSeconds(), o.trained() / o.trainSeconds(), o.testSeconds(), o.tested() / o.testSeconds(),
                Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "wrote %s, confusion.csv and weights.png%n", dir.resolve("mnist.csv"));
        out.printf(Locale.ROOT, "test accuracy %.2f %% (%d/%d)%n", 100 * o.accuracy(), o.correct(), o.tested());
        return ExitCodes.OK;
    }

    /** The defaults with the options given over them; exit 2 naming an option out of range. */
    private DigitTask.Setup setup(DigitTask.Setup d) {
        NetworkSettings n = d.network();
        double g = check("--gain", gain, n.readGain(), 1e-6, 1);
        double ts = check("--theta-step", thetaStep, n.thetaStep(), 0, 1e-3);
        double tt = check("--theta-tau", thetaTau, n.thetaTau(), 1e-3, 1e9);
        double inh = check("--inhibition", inhibition, n.inhibition(), 0, 1e-2);
        int v = volleys == null ? ((InputCode.Latency) d.code()).volleys() : volleys;
        if (v < 1 || v > 100) {
            throw new UserInputException("--volleys must be 1..100, got " + v);
        }
        double norm = check("--normalise", normalise, d.normalise(), 0, n.inputs());
        double rs = check("--relax-step", relaxStep, d.quietStep(), 0, 10e-3);
        int ms = minSpikes == null ? d.minSpikes() : minSpikes;
        if (ms < 0 || ms > 1000) {
            throw new UserInputException("--min-spikes must be 0..1000, got " + ms);
        }
        double b = check("--boost", boost, d.boost(), 1, 10);
        int rt = retries == null ? d.retries() : retries;
        if (rt < 0 || rt > 20) {
            throw new UserInputException("--retries must be 0..20, got " + rt);
        }
        InputCode.Latency c = (InputCode.Latency) d.code();
        NetworkSettings ns = new NetworkSettings(n.synapse(), n.inputs(), n.outputs(), n.step(), g, inh, n.inhibitionTau(), ts, tt,
                n.axonDelay(), n.initLow(), n.initHigh(), n.learning(), n.axons());
        return new DigitTask.Setup(ns, new InputCode.Latency(v, c.period(), c.spread(), c.jitter()), d.pause(), d.labelImages(), norm,
                rs, ms, b, rt);
    }

    private static double check(String name, Double given, double fallback, double lo, double hi) {
        double v = given == null ? fallback : given;
        if (!(v >= lo && v <= hi)) {
            throw new UserInputException(name + " must be in [" + lo + ", " + hi + "], got " + v);
        }
        return v;
    }

    /** Saves the training state every --checkpoint-minutes and when training ends. */
    private final class Saver implements DigitTask.Checkpoints {
        private final Path file;
        private final String fingerprint;
        private final TrainingCheckpoint saved;
        private final long every;
        private long next;

        Saver(Path file, String fingerprint, TrainingCheckpoint saved) {
            this.file = file;
            this.fingerprint = fingerprint;
            this.saved = saved;
            this.every = checkpointMinutes > 0 ? (long) (checkpointMinutes * 60e9) : Long.MAX_VALUE;
            this.next = every == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + every;
        }

        @Override
        public TrainingCheckpoint saved() {
            return saved;
        }

        @Override
        public void trained(Supplier<TrainingCheckpoint> state, boolean last) {
            long now = System.nanoTime();
            if (!last && now < next) {
                return;
            }
            try {
                state.get().write(file, fingerprint);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the checkpoint " + file + ": " + e.getMessage(), e);
            }
            next = every == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + every;
        }
    }

    /**
     * What a checkpoint must match to be continued: the full settings (records print every value),
     * the seed, and a digest of the training images and labels (the test images do not enter training).
     */
    private String fingerprint(DigitTask.Setup setup, Dataset tr) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(setup.toString().getBytes(StandardCharsets.UTF_8));
            if (lineGains != DigitTask.Gains.EQUAL) { // so that runs with equal gains keep their fingerprints
                md.update((" line gains " + lineGains).getBytes(StandardCharsets.UTF_8));
            }
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            for (float v : tr.images()) {
                if (b.remaining() < 4) {
                    md.update(b.flip());
                    b.clear();
                }
                b.putFloat(v);
            }
            md.update(b.flip());
            md.update(tr.labels());
            String digest = HexFormat.of().formatHex(md.digest(), 0, 12);
            return String.format(Locale.ROOT, "stdp mnist: %d neurons, %d training images, seed %d, settings and images %s", neurons,
                    tr.size(), seed, digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int k = 0; k < n; k++) {
            r[k] = k;
        }
        return r;
    }
}
