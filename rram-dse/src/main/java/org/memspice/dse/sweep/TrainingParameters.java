package org.memspice.dse.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.memspice.dse.DseInputException;
import org.memspice.memprop.encode.Encoding;
import org.memspice.memprop.net.DeviceConfig;
import org.memspice.memprop.net.LayerSpec;
import org.memspice.memprop.net.NetworkSpec;
import org.memspice.memprop.net.Objective;
import org.memspice.memprop.net.Shape;
import org.memspice.memprop.train.Optimizer;
import org.memspice.memprop.train.Schedule;

/**
 * The parameters of a training sweep's points ({@code task: train}): the options of
 * {@code memspice train} that shape the network and its training, under the same names with
 * underscores, the same defaults and the same ranges, each checked where it is read. Every one
 * reaches the trainer ({@link TrainingPoint#spec}, {@link TrainingPoint#config}); those that only
 * some points use (the devices' for memprop, momentum for sgd, ...) say when.
 */
public final class TrainingParameters {
    /** One parameter: its name, default (canonical text), meaning, and the check that turns a value into its canonical text. */
    public record Parameter(String name, String defaultValue, String description, UnaryOperator<String> check) {
    }

    private record Condition(Predicate<TrainingPoint> used, String otherwise) {
    }

    private static final Map<String, Parameter> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, Condition> CONDITIONS = new LinkedHashMap<>();

    private TrainingParameters() {
    }

    private static void add(String name, String def, String description, UnaryOperator<String> check) {
        BY_NAME.put(name, new Parameter(name, check.apply(def), description, check));
    }

    static {
        add("model", "spiceprop", "spiceprop (ideal signed weights) or memprop (memristor pairs programmed with pulses)",
                v -> NetworkSpec.Model.parse(v).option());
        add("hidden", "100", "hidden layers: dense sizes (100 or \"100,50\"), or layers as memspice train --arch"
                + " (\"C8k5s2,D100\"); 0 for none", TrainingParameters::hidden);
        add("steps", "100", "time steps per sample", v -> whole(v, 1, 100_000));
        add("dt", "1e-4", "time step (s)", v -> range(v, 1e-9, 1e-2, false, false));
        add("encoding", "direct", "direct, gated, poisson or latency", v -> Encoding.Kind.parse(v).option());
        add("input_voltage", "0.1", "row voltage of a white pixel (V)", v -> range(v, 0, 10, true, false));
        add("gate", "0.5", "gated: fraction of the run the input is on", v -> range(v, 0, 1, true, false));
        add("rate", "2000", "poisson: spike rate of a white pixel (Hz)", v -> range(v, 0, 1e7, true, false));
        add("latency_window", "0.5", "latency: fraction of the run over which first spikes spread", v -> range(v, 0, 1, true, false));
        add("latency_threshold", "0.1", "latency: dimmest pixel that spikes", v -> range(v, 0, 1, false, true));
        add("loss", "ce-sum", "ce-sum, ce-max or mse-count", v -> Objective.Loss.parse(v).option());
        add("readout", "mean", "max, mean or count", v -> Objective.Readout.parse(v).option());
        add("logit_scale", "0.05", "membrane voltage per logit unit (V)", v -> range(v, 0, 10, true, false));
        add("count_on", "1", "mse-count: spike count wanted of the right class", v -> range(v, 0, 1000, false, false));
        add("count_off", "0", "mse-count: spike count wanted of the other classes", v -> range(v, 0, 1000, false, false));
        add("init_current", "10e-6", "std of the synaptic currents at initialization (A)", v -> range(v, 0, 1, true, false));
        add("optimizer", "adam", "adam or sgd", v -> Optimizer.Kind.parse(v).option());
        add("lr", "0.01", "learning rate, in units of each layer's initial weight bound", v -> range(v, 0, 10, true, false));
        add("momentum", "0.9", "sgd momentum", v -> range(v, 0, 1, false, true));
        add("schedule", "cosine", "cosine, step or constant", v -> Schedule.Kind.parse(v).option());
        add("lr_floor", "0.02", "cosine: final fraction of lr", v -> range(v, 0, 1, false, false));
        add("lr_gamma", "0.5", "step: factor per lr_every epochs", v -> range(v, 0, 1, true, false));
        add("lr_every", "5", "step: epochs between reductions", v -> whole(v, 1, 100_000));
        add("warmup", "0", "updates of linear learning-rate warm-up", v -> whole(v, 0, 100_000_000));
        add("epochs", "10", "epochs", v -> whole(v, 1, 100_000));
        add("batch", "32", "mini-batch size", v -> whole(v, 1, 100_000));
        add("device", "yakopcic", "memprop: device model and parameters, e.g. yakopcic or \"hp:roff=20e3\"", TrainingParameters::device);
        add("read_voltage", "auto", "memprop: read voltage (V), or auto: the read limit", v -> v.trim().equalsIgnoreCase("auto") ? "auto"
                : range(v, 0, 10, true, false));
        add("row_full_scale", "0.3", "memprop: row driver full-scale input (V)", v -> range(v, 0, 100, true, false));
        add("pulse_amplitude", "1.0", "memprop: programming pulse amplitude (V)", v -> range(v, 0, 20, true, false));
        add("levels", "1000", "memprop: pulses that cross a device's conductance range", v -> whole(v, 2, 1_000_000));
        add("update", "state-aware", "memprop: state-aware or open-loop pulse counts", v -> DeviceConfig.Update.parse(v).option());
        add("device_variation", "0", "memprop: device-to-device spread (relative sigma) of conductance and switching speed",
                v -> range(v, 0, 0.5, false, false));
        add("cycle_noise", "0", "memprop: relative sigma of every pulse's effect", v -> range(v, 0, 1, false, false));
        add("range_factor", "4", "memprop: weights reach this many times the initial bound", v -> range(v, 1, 1000, false, false));
    }

    static {
        Condition memprop = new Condition(p -> p.model() == NetworkSpec.Model.MEMPROP,
                "spiceprop's weights are ideal: it applies to model memprop only");
        for (String n : List.of("device", "read_voltage", "row_full_scale", "pulse_amplitude", "levels", "update", "device_variation",
                "cycle_noise", "range_factor")) {
            CONDITIONS.put(n, memprop);
        }
        CONDITIONS.put("momentum", new Condition(p -> p.get("optimizer").equals("sgd"), "only optimizer sgd has momentum"));
        CONDITIONS.put("lr_floor", new Condition(p -> p.get("schedule").equals("cosine"), "only schedule cosine has a floor"));
        Condition step = new Condition(p -> p.get("schedule").equals("step"), "only schedule step reduces the rate in steps");
        CONDITIONS.put("lr_gamma", step);
        CONDITIONS.put("lr_every", step);
        CONDITIONS.put("gate", new Condition(p -> p.get("encoding").equals("gated"), "only encoding gated has a gate"));
        CONDITIONS.put("rate", new Condition(p -> p.get("encoding").equals("poisson"), "only encoding poisson has a rate"));
        Condition latency = new Condition(p -> p.get("encoding").equals("latency"), "only encoding latency has it");
        CONDITIONS.put("latency_window", latency);
        CONDITIONS.put("latency_threshold", latency);
        Condition count = new Condition(p -> p.get("loss").equals("mse-count"), "only loss mse-count has count targets");
        CONDITIONS.put("count_on", count);
        CONDITIONS.put("count_off", count);
    }

    /** Every parameter, in documentation order. */
    public static List<Parameter> all() {
        return new ArrayList<>(BY_NAME.values());
    }

    /** The first line of a training point's canonical text. */
    static final String HEADER = "task=train\n";

    /** The training parameters as a sweep's parameter space. */
    public static final ParameterSpace SPACE = new ParameterSpace() {
        @Override
        public String task() {
            return "train";
        }

        @Override
        public Object create() {
            return new TrainingPoint();
        }

        @Override
        public String find(String name) {
            String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            return BY_NAME.containsKey(n) || n.equals("seed") ? n : null;
        }

        @Override
        public void set(Object point, String name, String value, String where) {
            String n = find(name);
            if (n == null) {
                throw new DseInputException(where + ": unknown training parameter '" + name + "' (known: "
                        + String.join(", ", BY_NAME.keySet()) + ", seed)");
            }
            TrainingPoint p = (TrainingPoint) point;
            try {
                if (n.equals("seed")) {
                    p.seed = Long.parseLong(value.trim());
                } else {
                    p.values.put(n, BY_NAME.get(n).check().apply(value));
                }
            } catch (NumberFormatException e) {
                throw new DseInputException(where + ": " + n + ": '" + value + "' is not a whole number");
            } catch (IllegalArgumentException e) {
                throw new DseInputException(where + ": " + n + ": " + e.getMessage());
            }
        }

        @Override
        public String get(Object point, String name) {
            TrainingPoint p = (TrainingPoint) point;
            String n = find(name);
            return n.equals("seed") ? Long.toString(p.seed) : p.get(n);
        }

        @Override
        public void validate(Object point, String where) {
            TrainingPoint p = (TrainingPoint) point;
            try {
                p.config(org.memspice.memprop.data.Datasets.Kind.MNIST, p.spec(new Shape(1, 28, 28), 10));
            } catch (IllegalArgumentException e) {
                throw new DseInputException(where + ": " + e.getMessage());
            }
        }

        @Override
        public String canonical(Object point) {
            TrainingPoint p = (TrainingPoint) point;
            StringBuilder sb = new StringBuilder(HEADER);
            p.values.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
            sb.append("seed=").append(p.seed).append('\n');
            return sb.toString();
        }

        @Override
        public boolean usedAt(String name, Object point) {
            Condition c = CONDITIONS.get(find(name));
            return c == null || c.used().test((TrainingPoint) point);
        }

        @Override
        public String whyUnused(String name) {
            return CONDITIONS.get(find(name)).otherwise();
        }

        @Override
        public long seed(Object point) {
            return ((TrainingPoint) point).seed;
        }

        @Override
        public void seed(Object point, long seed) {
            ((TrainingPoint) point).seed = seed;
        }

        @Override
        public String documentation() {
            return "see rram-dse/README.md, training sweeps";
        }
    };

    /** The point a canonical text describes (its first line {@link #HEADER}). */
    static TrainingPoint restore(String canonical, String where) {
        TrainingPoint p = new TrainingPoint();
        for (String line : canonical.substring(HEADER.length()).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(where + ": '" + line + "' is not name=value");
            }
            SPACE.set(p, line.substring(0, eq), line.substring(eq + 1), where);
        }
        return p;
    }

    /** Hidden layers: "0", dense sizes "100,50" (canonical: sizes joined by commas) or layer texts "C8k5s2,D100". */
    private static String hidden(String v) {
        String t = v.trim().replace(';', ',').replace(" ", "");
        if (t.equals("0")) {
            return "0";
        }
        List<LayerSpec> layers = LayerSpec.parseList(layerText(t));
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("'" + v + "' names no layer (0 for none)");
        }
        boolean dense = layers.stream().allMatch(l -> l instanceof LayerSpec.Dense);
        List<String> parts = new ArrayList<>();
        for (LayerSpec l : layers) {
            parts.add(dense ? l.text().substring(1) : l.text());
        }
        return String.join(",", parts);
    }

    /** Layer texts with plain numbers read as dense layers. */
    static String layerText(String hidden) {
        List<String> parts = new ArrayList<>();
        for (String s : hidden.replace(';', ',').split(",")) {
            String t = s.trim();
            parts.add(t.matches("\\d+") ? "D" + t : t);
        }
        return String.join(",", parts);
    }

    private static String device(String v) {
        Map.Entry<String, Map<String, Double>> d = DeviceConfig.parseDevice(v.trim());
        org.memspice.devices.memristor.MemristorModels.create(d.getKey(), d.getValue());
        return v.trim();
    }

    private static String range(String v, double lo, double hi, boolean loOpen, boolean hiOpen) {
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a number");
        }
        if (!Double.isFinite(d) || (loOpen ? d <= lo : d < lo) || (hiOpen ? d >= hi : d > hi)) {
            throw new IllegalArgumentException(v.trim() + " is out of range " + (loOpen ? "(" : "[") + num(lo) + ", " + num(hi)
                    + (hiOpen ? ")" : "]"));
        }
        return num(d);
    }

    private static String whole(String v, int lo, int hi) {
        String d = range(v, lo, hi, false, false);
        double x = Double.parseDouble(d);
        if (x != Math.rint(x)) {
            throw new IllegalArgumentException(v.trim() + " is not a whole number");
        }
        return Integer.toString((int) x);
    }

    private static String num(double v) {
        return org.memspice.dse.DesignParameters.num(v);
    }
}
