package org.memspice.cli.stdp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.memspice.cli.UserInputException;
import org.memspice.stdp.SynapseSettings;
import picocli.CommandLine.Option;

/** The synapse options every stdp command shares: device model, its parameters, waveform step. */
final class SynapseOptions {
    @Option(names = "--model", defaultValue = "yakopcic", paramLabel = "M",
            description = "synapse device model of device-models (hp, team, yakopcic, vteam, stanford_pku, threshold);"
                    + " default ${DEFAULT-VALUE} with the parameters in stdp/README.md, other models with their own defaults")
    String model;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "a device parameter over the model's values (repeatable)")
    Map<String, Double> params = new LinkedHashMap<>();

    /** The settings, or exit 2 naming the option that is wrong. */
    SynapseSettings settings(double step) {
        return settings(step, Map.of());
    }

    /**
     * As {@link #settings(double)}, with {@code yakopcic} (the Yakopcic set of stdp/README.md,
     * used when the model is Yakopcic's) over that set and under the {@code --param}s given: a
     * command's own choice of device for its task.
     */
    SynapseSettings settings(double step, Map<String, Double> yakopcic) {
        SynapseSettings d = SynapseSettings.defaults();
        Map<String, Double> p = new LinkedHashMap<>();
        if (model.equalsIgnoreCase("yakopcic")) {
            p.putAll(SynapseSettings.YAKOPCIC);
            p.putAll(yakopcic);
        }
        p.putAll(params);
        for (Map.Entry<String, Double> e : p.entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                throw new UserInputException("--param " + e.getKey() + ": value must be finite");
            }
        }
        SynapseSettings s;
        try {
            s = d.withModel(model, p);
        } catch (IllegalArgumentException e) {
            throw new UserInputException((params.isEmpty() ? "--model: " : "--model/--param: ") + e.getMessage());
        }
        try {
            return s.withStep(step);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--step: " + e.getMessage());
        }
    }
}
