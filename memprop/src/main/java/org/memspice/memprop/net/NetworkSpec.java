package org.memspice.memprop.net;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.memspice.memprop.encode.Encoding;

/**
 * Everything that defines a network and how it runs, apart from its weights: the model
 * (SPICEprop: ideal signed weights; MEMprop: memristor pairs), the input shape and classes, the
 * hidden layers (the output layer is a dense layer of one MIF neuron per class), the time grid
 * (steps of dt from the resting state), the input encoding, the objective, the devices (MEMprop),
 * the seed, and the synaptic current that initialization aims at. Stored in checkpoints as
 * properties, so a checkpoint says how it was made.
 */
public record NetworkSpec(Model model, Shape input, int classes, List<LayerSpec> hidden, int steps, double dt,
        Encoding encoding, Objective objective, DeviceConfig device, long seed, double initCurrent) {

    public enum Model {
        SPICEPROP, MEMPROP;

        public String option() {
            return org.memspice.memprop.Choices.word(this);
        }

        public static Model parse(String s) {
            return org.memspice.memprop.Choices.parse(Model.class, s, "model");
        }
    }

    public NetworkSpec {
        hidden = List.copyOf(hidden);
        if (classes < 2 || classes > 1000) {
            throw new IllegalArgumentException("classes must be 2-1000, got " + classes);
        }
        if (steps < 1 || steps > 100_000) {
            throw new IllegalArgumentException("--steps must be 1-100000, got " + steps);
        }
        if (!(dt >= 1e-9 && dt <= 1e-2)) {
            throw new IllegalArgumentException("--dt must be in [1e-9, 1e-2] s, got " + dt);
        }
        if (model == Model.MEMPROP && device == null) {
            throw new IllegalArgumentException("memprop needs a device");
        }
        if (model == Model.SPICEPROP && device != null) {
            throw new IllegalArgumentException("spiceprop has ideal synapses; a device applies to memprop only");
        }
        if (!(initCurrent > 0 && initCurrent <= 1)) {
            throw new IllegalArgumentException("--init-current must be in (0, 1] A, got " + initCurrent);
        }
        Shape s = input;
        for (LayerSpec l : hidden) {
            s = l.outputShape(s);
        }
    }

    /** The layer specs including the output layer. */
    public List<LayerSpec> layers() {
        List<LayerSpec> all = new java.util.ArrayList<>(hidden);
        all.add(new LayerSpec.Dense(classes));
        return all;
    }

    /** A one-line description. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(model.option()).append(' ').append(input.size());
        Shape s = input;
        for (LayerSpec l : layers()) {
            s = l.outputShape(s);
            sb.append('-').append(l instanceof LayerSpec.Conv ? l.text() + "(" + s.size() + ")" : String.valueOf(s.size()));
        }
        sb.append(String.format(Locale.ROOT, ", %d steps of %.3g ms, %s input", steps, dt * 1e3, encoding.kind().option()));
        if (device != null) {
            sb.append(String.format(Locale.ROOT, ", %s pairs read at up to %.3g mV", device.deviceText(), 1e3 * device.readLimit()));
        }
        return sb.toString();
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("model", model.option());
        p.setProperty("input", input.channels() + "x" + input.rows() + "x" + input.cols());
        p.setProperty("classes", Integer.toString(classes));
        p.setProperty("hidden", LayerSpec.listText(hidden));
        p.setProperty("steps", Integer.toString(steps));
        p.setProperty("dt", num(dt));
        p.setProperty("encoding", encoding.kind().option());
        p.setProperty("encoding.voltage", num(encoding.voltage()));
        p.setProperty("encoding.gate", num(encoding.gate()));
        p.setProperty("encoding.rate", num(encoding.rate()));
        p.setProperty("encoding.window", num(encoding.window()));
        p.setProperty("encoding.threshold", num(encoding.threshold()));
        p.setProperty("loss", objective.loss().option());
        p.setProperty("readout", objective.readout().option());
        p.setProperty("logit-scale", num(objective.logitScale()));
        p.setProperty("count-on", num(objective.countOn()));
        p.setProperty("count-off", num(objective.countOff()));
        p.setProperty("count-width", num(objective.countWidth()));
        p.setProperty("threshold", num(objective.threshold()));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("init-current", num(initCurrent));
        if (device != null) {
            p.setProperty("device", device.deviceText());
            p.setProperty("device.read-voltage", num(device.readVoltage()));
            p.setProperty("device.read-limit", num(device.readLimit()));
            p.setProperty("device.row-full-scale", num(device.rowFullScale()));
            p.setProperty("device.pulse-amplitude", num(device.pulseAmplitude()));
            p.setProperty("device.levels", Integer.toString(device.levels()));
            p.setProperty("device.update", device.update().option());
            p.setProperty("device.sigma", num(device.deviceSigma()));
            p.setProperty("device.cycle-sigma", num(device.cycleSigma()));
            p.setProperty("device.range-factor", num(device.rangeFactor()));
        }
        return p;
    }

    /** The inverse of {@link #toProperties}; a missing or malformed key names itself. */
    public static NetworkSpec fromProperties(Properties p) {
        String[] in = need(p, "input").split("x");
        if (in.length != 3) {
            throw new IllegalArgumentException("input '" + p.getProperty("input") + "' is not CxHxW");
        }
        Shape input = new Shape(Integer.parseInt(in[0]), Integer.parseInt(in[1]), Integer.parseInt(in[2]));
        Encoding enc = new Encoding(Encoding.Kind.parse(need(p, "encoding")), dbl(p, "encoding.voltage"),
                dbl(p, "encoding.gate"), dbl(p, "encoding.rate"), dbl(p, "encoding.window"), dbl(p, "encoding.threshold"));
        Objective obj = new Objective(Objective.Loss.parse(need(p, "loss")), Objective.Readout.parse(need(p, "readout")),
                dbl(p, "logit-scale"), dbl(p, "count-on"), dbl(p, "count-off"), dbl(p, "count-width"), dbl(p, "threshold"));
        DeviceConfig dev = null;
        if (p.getProperty("device") != null) {
            Map.Entry<String, Map<String, Double>> d = DeviceConfig.parseDevice(p.getProperty("device"));
            dev = new DeviceConfig(d.getKey(), d.getValue(), dbl(p, "device.read-voltage"), dbl(p, "device.read-limit"),
                    dbl(p, "device.row-full-scale"), dbl(p, "device.pulse-amplitude"),
                    Integer.parseInt(need(p, "device.levels")), DeviceConfig.Update.parse(need(p, "device.update")),
                    dbl(p, "device.sigma"), dbl(p, "device.cycle-sigma"),
                    dbl(p, "device.range-factor"));
        }
        return new NetworkSpec(Model.parse(need(p, "model")), input, Integer.parseInt(need(p, "classes")),
                LayerSpec.parseList(p.getProperty("hidden", "")), Integer.parseInt(need(p, "steps")), dbl(p, "dt"), enc, obj, dev,
                Long.parseLong(need(p, "seed")), dbl(p, "init-current"));
    }

    private static String need(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return v;
    }

    private static double dbl(Properties p, String key) {
        String v = need(p, key);
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("'" + key + "' is not finite: " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' is not a number: " + v);
        }
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.17g", d);
    }
}
