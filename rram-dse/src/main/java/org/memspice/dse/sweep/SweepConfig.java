package org.memspice.dse.sweep;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.memspice.dse.DseInputException;

/**
 * A sweep configuration (YAML or JSON):
 *
 * <pre>
 * network: nets/fashion-dw       # a plain network folder, relative to this file
 * dataset: fashion               # mnist or fashion
 * data: /usr/share/datasets      # optional: the data folder (else --data or MEMSPICE_DATA)
 * images: 1000                   # test images per point, a balanced subset (0: all 10,000)
 * seeds: [1, 2]                  # every point once per seed (Monte Carlo repetitions)
 * base: {cells: 1t1r, adc_bits: 8}          # parameters every point shares
 * grid: {tile: [64x64, 128x128], scheme: [dense, sparse]}   # all combinations
 * each: {adc_bits: [4, 6], stuck_at: [0.05, 0.1]}           # one at a time, crossed with the grid
 * monte_carlo: {samples: 20, seed: 7, axes: {device_variation: {uniform: [0, 0.2]}, adc_bits: {choice: [4, 8]}}}
 * </pre>
 *
 * Points are the grid's combinations × (the base, then each {@code each} value alone) × the
 * Monte Carlo samples (when given) × the seeds, in that order. Every key and value is checked
 * where it is read, and errors name file:line:column.
 *
 * <p>With {@code task: train} the points are training runs instead ({@link TrainingParameters}):
 *
 * <pre>
 * task: train
 * dataset: mnist
 * train_images: 2000             # a balanced subset of the training split (0: all 60,000)
 * test_images: 500               # a balanced subset of the test split (0: all 10,000)
 * seeds: [1, 2]
 * base: {hidden: 32, steps: 20, epochs: 2}
 * grid: {lr: [0.003, 0.01, 0.03]}
 * each: {batch: [16, 64]}
 * </pre>
 */
public final class SweepConfig {
    private static final List<String> KEYS = List.of("task", "network", "dataset", "data", "images", "seeds", "base", "grid", "each",
            "monte_carlo", "threads");
    private static final List<String> TRAIN_KEYS = List.of("task", "dataset", "data", "train_images", "test_images", "seeds", "base",
            "grid", "each", "monte_carlo", "threads");

    public final Path file;
    /** The points' parameters: {@link ParameterSpace#DESIGN} or {@link TrainingParameters#SPACE} ({@code task: train}). */
    public final ParameterSpace space;
    /** The network folder of a design-space sweep; null for a training sweep. */
    public final Path network;
    public final String dataset;
    public final Path data;
    /** Test images per point of a design-space sweep (0: all). */
    public final int images;
    /** A training sweep's training and test images per point, balanced subsets (0: all). */
    public final int trainImages;
    public final int testImages;
    public final List<Long> seeds = new ArrayList<>();
    public final Integer threads;
    /** Parameter names the points vary, in column order. */
    public final List<String> axes = new ArrayList<>();
    private final Map<String, ConfigNode> base = new LinkedHashMap<>();
    private final Map<String, List<ConfigNode>> grid = new LinkedHashMap<>();
    private final Map<String, List<ConfigNode>> each = new LinkedHashMap<>();
    private final List<Map<String, String>> samples = new ArrayList<>();
    /** Where each Monte Carlo axis is declared. */
    private final Map<String, String> sampled = new LinkedHashMap<>();
    private final String text;

    private SweepConfig(Path file, ConfigNode root) {
        this.file = file;
        try {
            this.text = java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new DseInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        Map<String, ConfigNode> m = root.map();
        String task = m.containsKey("task") ? scalar(m.get("task"), "task").toLowerCase(Locale.ROOT) : "dse";
        if (!task.equals("dse") && !task.equals("train")) {
            throw new DseInputException(m.get("task").where() + ": task: '" + task + "' is not dse or train");
        }
        this.space = task.equals("train") ? TrainingParameters.SPACE : ParameterSpace.DESIGN;
        List<String> keys = task.equals("train") ? TRAIN_KEYS : KEYS;
        for (Map.Entry<String, ConfigNode> e : m.entrySet()) {
            if (!keys.contains(e.getKey())) {
                throw new DseInputException(e.getValue().where() + ": unknown key '" + e.getKey() + "'" + (task.equals("train")
                        ? " in a training sweep" : "") + " (" + String.join(", ", keys) + ")");
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        this.network = task.equals("dse") ? dir.resolve(scalar(required(m, "network", root), "network")) : null;
        this.dataset = scalar(required(m, "dataset", root), "dataset").toLowerCase(Locale.ROOT);
        if (!dataset.equals("mnist") && !dataset.equals("fashion")) {
            throw new DseInputException(m.get("dataset").where() + ": dataset: '" + dataset + "' is not mnist or fashion");
        }
        this.data = m.containsKey("data") ? dir.resolve(scalar(m.get("data"), "data")) : null;
        this.images = m.containsKey("images") ? whole(m.get("images"), "images", 0, 10000) : 1000;
        this.trainImages = task.equals("train") ? whole(required(m, "train_images", root), "train_images", 0, 60000) : 0;
        this.testImages = task.equals("train") ? whole(required(m, "test_images", root), "test_images", 0, 10000) : 0;
        this.threads = m.containsKey("threads") ? whole(m.get("threads"), "threads", 1, 1024) : null;
        if (m.containsKey("seeds")) {
            ConfigNode s = m.get("seeds");
            for (ConfigNode v : s.isList() ? s.list() : List.of(s)) {
                seeds.add((long) whole(v, "seeds", 0, Integer.MAX_VALUE));
            }
            if (seeds.isEmpty()) {
                throw new DseInputException(s.where() + ": seeds: at least one");
            }
        } else {
            seeds.add(1L);
        }
        if (m.containsKey("base")) {
            for (Map.Entry<String, ConfigNode> e : map(m.get("base"), "base").entrySet()) {
                check(e.getKey(), e.getValue());
                base.put(e.getKey(), e.getValue());
            }
        }
        axes(m, "grid", grid);
        axes(m, "each", each);
        if (m.containsKey("monte_carlo")) {
            monteCarlo(m.get("monte_carlo"));
        }
    }

    /** Reads and checks a configuration file. */
    public static SweepConfig read(Path file) {
        return new SweepConfig(file, ConfigReader.read(file));
    }

    /** The grid's axes (every combination of them is a series of the report). */
    public List<String> gridAxes() {
        return new ArrayList<>(grid.keySet());
    }

    /** The largest number of calibration images any point asks for. */
    public int calibrationImages() {
        if (space != ParameterSpace.DESIGN) {
            throw new IllegalStateException("a training sweep has no calibration images");
        }
        int n = 1;
        for (SweepPoint p : points("")) {
            n = Math.max(n, p.point().calibrationImages);
        }
        return n;
    }

    /** The configuration as written (for the report). */
    public String text() {
        return text;
    }

    private void axes(Map<String, ConfigNode> m, String key, Map<String, List<ConfigNode>> into) {
        if (!m.containsKey(key)) {
            return;
        }
        for (Map.Entry<String, ConfigNode> e : map(m.get(key), key).entrySet()) {
            ConfigNode v = e.getValue();
            List<ConfigNode> values = v.isList() ? v.list() : List.of(v);
            if (values.isEmpty()) {
                throw new DseInputException(v.where() + ": " + key + "." + e.getKey() + ": no values");
            }
            for (ConfigNode value : values) {
                check(e.getKey(), value);
            }
            String name = space.find(e.getKey());
            if (grid.containsKey(name) || each.containsKey(name)) {
                throw new DseInputException(v.where() + ": " + name + " is already an axis");
            }
            into.put(name, values);
            addAxis(name);
        }
    }

    private void addAxis(String name) {
        String column = name.equals("stuck_at") ? "stuck_at" : name;
        if (!axes.contains(column)) {
            axes.add(column);
        }
    }

    private void monteCarlo(ConfigNode node) {
        Map<String, ConfigNode> mc = map(node, "monte_carlo");
        for (String k : mc.keySet()) {
            if (!List.of("samples", "seed", "axes").contains(k)) {
                throw new DseInputException(mc.get(k).where() + ": monte_carlo: unknown key '" + k + "' (samples, seed, axes)");
            }
        }
        int n = whole(required(mc, "samples", node), "monte_carlo.samples", 1, 100000);
        long seed = mc.containsKey("seed") ? whole(mc.get("seed"), "monte_carlo.seed", 0, Integer.MAX_VALUE) : 1;
        Map<String, ConfigNode> ax = map(required(mc, "axes", node), "monte_carlo.axes");
        record Draw(String name, String kind, List<ConfigNode> values, ConfigNode where) {
        }
        List<Draw> draws = new ArrayList<>();
        for (Map.Entry<String, ConfigNode> e : ax.entrySet()) {
            if (space.find(e.getKey()) == null) {
                throw new DseInputException(e.getValue().where() + ": monte_carlo.axes: unknown parameter '" + e.getKey() + "' ("
                        + space.documentation() + ")");
            }
            Map<String, ConfigNode> d = map(e.getValue(), "monte_carlo.axes." + e.getKey());
            if (d.size() != 1) {
                throw new DseInputException(e.getValue().where() + ": " + e.getKey() + ": one of uniform, log_uniform, choice");
            }
            String kind = d.keySet().iterator().next();
            ConfigNode v = d.get(kind);
            if (!v.isList()) {
                throw new DseInputException(v.where() + ": " + e.getKey() + "." + kind + ": a list");
            }
            if (kind.equals("uniform") || kind.equals("log_uniform")) {
                if (v.list().size() != 2) {
                    throw new DseInputException(v.where() + ": " + e.getKey() + "." + kind + ": [low, high]");
                }
                double lo = number(v.list().get(0), e.getKey());
                double hi = number(v.list().get(1), e.getKey());
                if (!(lo <= hi) || (kind.equals("log_uniform") && !(lo > 0))) {
                    throw new DseInputException(v.where() + ": " + e.getKey() + "." + kind + ": need low <= high"
                            + (kind.equals("log_uniform") ? " and low > 0" : ""));
                }
                check(e.getKey(), v.list().get(0));
                check(e.getKey(), v.list().get(1));
            } else if (kind.equals("choice")) {
                for (ConfigNode c : v.list()) {
                    check(e.getKey(), c);
                }
            } else {
                throw new DseInputException(v.where() + ": " + e.getKey() + ": '" + kind + "' is not uniform, log_uniform or choice");
            }
            draws.add(new Draw(space.find(e.getKey()), kind, v.list(), v));
            sampled.put(space.find(e.getKey()), e.getValue().where());
            addAxis(space.find(e.getKey()));
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int s = 0; s < n; s++) {
            Map<String, String> sample = new LinkedHashMap<>();
            for (Draw d : draws) {
                String value;
                if (d.kind().equals("choice")) {
                    value = d.values().get(r.nextInt(d.values().size())).text();
                } else {
                    double lo = Double.parseDouble(d.values().get(0).text());
                    double hi = Double.parseDouble(d.values().get(1).text());
                    double u = r.nextDouble();
                    value = Double.toString(d.kind().equals("uniform") ? lo + u * (hi - lo) : lo * Math.pow(hi / lo, u));
                }
                sample.put(d.name(), value);
            }
            samples.add(sample);
        }
    }

    /**
     * The sweep's points in order, keyed by {@code digest}: the network's (a design-space sweep)
     * or the training and test images' (a training sweep, {@link TrainingEvaluator#digest}).
     */
    public List<SweepPoint> points(String networkDigest) {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<ConfigNode>> e : grid.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (ConfigNode v : e.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(e.getKey(), v.text());
                    next.add(m);
                }
            }
            combos = next;
        }
        List<String[]> variants = new ArrayList<>();
        variants.add(new String[] {"", null, null});
        each.forEach((name, values) -> {
            for (ConfigNode v : values) {
                variants.add(new String[] {name, v.text(), v.where()});
            }
        });
        List<Map<String, String>> mc = samples.isEmpty() ? List.of(Map.of()) : samples;
        List<SweepPoint> out = new ArrayList<>();
        for (Map<String, String> combo : combos) {
            for (String[] variant : variants) {
                for (Map<String, String> sample : mc) {
                    for (long seed : seeds) {
                        Object p = space.create();
                        base.forEach((k, v) -> space.set(p, k, v.text(), v.where()));
                        combo.forEach((k, v) -> space.set(p, k, v, file + ": grid"));
                        if (variant[1] != null) {
                            space.set(p, variant[0], variant[1], variant[2]);
                        }
                        sample.forEach((k, v) -> space.set(p, k, v, file + ": monte_carlo"));
                        space.seed(p, seed);
                        String label = describe(combo, variant, sample, seed);
                        space.validate(p, file + ": point " + (out.size() + 1) + " (" + label + ")");
                        out.add(new SweepPoint(out.size(), key(p, networkDigest), variant[0], p));
                    }
                }
            }
        }
        Map<String, String> named = new LinkedHashMap<>();
        base.forEach((k, v) -> named.put(space.find(k), v.where()));
        grid.forEach((k, v) -> named.put(space.find(k), v.get(0).where()));
        each.forEach((k, v) -> named.put(space.find(k), v.get(0).where()));
        named.putAll(sampled);
        named.forEach((name, where) -> {
            if (out.stream().noneMatch(s -> space.usedAt(name, s.values()))) {
                throw new DseInputException(where + ": " + name + " changes no point of this sweep ("
                        + space.whyUnused(name) + ")");
            }
        });
        return out;
    }

    private static String describe(Map<String, String> combo, String[] variant, Map<String, String> sample, long seed) {
        List<String> parts = new ArrayList<>();
        combo.forEach((k, v) -> parts.add(k + "=" + v));
        if (variant[1] != null) {
            parts.add(variant[0] + "=" + variant[1]);
        }
        sample.forEach((k, v) -> parts.add(k + "=" + v));
        parts.add("seed=" + seed);
        return String.join(", ", parts);
    }

    private String key(Object p, String networkDigest) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(space.canonical(p).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update((space == ParameterSpace.DESIGN ? "network=" + networkDigest + "\ndataset=" + dataset + "\nimages=" + images + "\n"
                    : "data=" + networkDigest + "\ndataset=" + dataset + "\ntrain_images=" + trainImages + "\ntest_images=" + testImages
                    + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private void check(String name, ConfigNode value) {
        if (space.find(name) == null) {
            throw new DseInputException(value.where() + ": unknown " + (space == ParameterSpace.DESIGN ? "" : "training ")
                    + "parameter '" + name + "' (" + space.documentation() + ")");
        }
        if (!value.isScalar()) {
            throw new DseInputException(value.where() + ": " + name + ": a single value here");
        }
        if (space.find(name).equals("seed")) {
            throw new DseInputException(value.where() + ": seed: every point's seed comes from the top-level key seeds"
                    + " (e.g. seeds: [1, 2, 3])");
        }
        space.set(space.create(), name, value.text(), value.where());
    }

    private static ConfigNode required(Map<String, ConfigNode> m, String key, ConfigNode parent) {
        ConfigNode v = m.get(key);
        if (v == null) {
            throw new DseInputException(parent.where() + ": missing key '" + key + "'");
        }
        return v;
    }

    private static Map<String, ConfigNode> map(ConfigNode n, String key) {
        if (!n.isMap()) {
            throw new DseInputException(n.where() + ": " + key + ": a map of keys");
        }
        return n.map();
    }

    private static String scalar(ConfigNode n, String key) {
        if (!n.isScalar() || n.text().isBlank()) {
            throw new DseInputException(n.where() + ": " + key + ": a single value");
        }
        return n.text();
    }

    private static double number(ConfigNode n, String key) {
        try {
            double d = Double.parseDouble(scalar(n, key));
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new DseInputException(n.where() + ": " + key + ": '" + n.text() + "' is not a finite number");
        }
    }

    private static int whole(ConfigNode n, String key, int lo, int hi) {
        double d = number(n, key);
        if (d != Math.rint(d) || d < lo || d > hi) {
            throw new DseInputException(n.where() + ": " + key + ": " + n.text() + " is not a whole number in [" + lo + ", " + hi + "]");
        }
        return (int) d;
    }
}
