package org.memspice.dse.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memspice.memprop.data.Datasets;
import org.memspice.memprop.encode.Encoding;
import org.memspice.memprop.net.DeviceConfig;
import org.memspice.memprop.net.LayerSpec;
import org.memspice.memprop.net.NetworkSpec;
import org.memspice.memprop.net.Objective;
import org.memspice.memprop.net.Shape;
import org.memspice.memprop.train.Optimizer;
import org.memspice.memprop.train.Schedule;
import org.memspice.memprop.train.TrainingConfig;
import org.memspice.mif.MifParameters;

/**
 * One training run of a training sweep: every {@link TrainingParameters} parameter as its
 * checked, canonical text (defaults those of {@code memspice train}), and the seed. What it
 * trains is {@link #spec} with {@link #config}, exactly as {@code memspice train} builds them
 * from the same options.
 */
public final class TrainingPoint {
    final Map<String, String> values = new LinkedHashMap<>();
    public long seed = 1;

    TrainingPoint() {
        for (TrainingParameters.Parameter p : TrainingParameters.all()) {
            values.put(p.name(), p.defaultValue());
        }
    }

    /** The canonical text of parameter {@code name}. */
    public String get(String name) {
        return values.get(name);
    }

    private double num(String name) {
        return Double.parseDouble(values.get(name));
    }

    private int whole(String name) {
        return Integer.parseInt(values.get(name));
    }

    public NetworkSpec.Model model() {
        return NetworkSpec.Model.parse(values.get("model"));
    }

    /**
     * The network's spec for images of {@code input} in {@code classes} classes.
     *
     * @throws IllegalArgumentException when the values do not make a network (e.g. a
     *     convolution larger than its input, a read voltage that would disturb the devices)
     */
    public NetworkSpec spec(Shape input, int classes) {
        List<LayerSpec> layers = values.get("hidden").equals("0") ? List.of() : LayerSpec.parseList(TrainingParameters.layerText(values.get("hidden")));
        MifParameters mif = MifParameters.prototype();
        Objective obj = new Objective(Objective.Loss.parse(values.get("loss")), Objective.Readout.parse(values.get("readout")),
                num("logit_scale"), num("count_on"), num("count_off"), 0.005, mif.spikeThreshold());
        Encoding enc = new Encoding(Encoding.Kind.parse(values.get("encoding")), num("input_voltage"), num("gate"), num("rate"),
                num("latency_window"), num("latency_threshold"));
        int steps = whole("steps");
        double dt = num("dt");
        DeviceConfig dev = null;
        if (model() == NetworkSpec.Model.MEMPROP) {
            Map.Entry<String, Map<String, Double>> d = DeviceConfig.parseDevice(values.get("device"));
            String rv = values.get("read_voltage");
            dev = DeviceConfig.resolve(d.getKey(), d.getValue(), rv.equals("auto") ? null : Double.valueOf(rv), num("row_full_scale"),
                    num("pulse_amplitude"), whole("levels"), DeviceConfig.Update.parse(values.get("update")), num("device_variation"),
                    num("cycle_noise"), num("range_factor"), steps * dt);
        }
        return new NetworkSpec(model(), input, classes, layers, steps, dt, enc, obj, dev, seed, num("init_current"));
    }

    /** How the network is trained on all of the given training images and tested on all the test images. */
    public TrainingConfig config(Datasets.Kind dataset, NetworkSpec spec) {
        Schedule sched = new Schedule(Schedule.Kind.parse(values.get("schedule")), num("lr"), num("lr_floor"), num("lr_gamma"),
                whole("lr_every"), whole("warmup"));
        int batch = whole("batch");
        return new TrainingConfig(dataset.option, whole("epochs"), batch, Optimizer.Kind.parse(values.get("optimizer")),
                num("momentum"), sched, 0, 0, TrainingConfig.chunkFor(spec, batch));
    }
}
