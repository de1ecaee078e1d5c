package org.memspice.devices.memristor;

import java.util.List;
import java.util.Map;

/**
 * One memristor model as the registry ({@link MemristorModels}) finds it through
 * {@link java.util.ServiceLoader}: its name, aliases and netlist LEVEL, and how to build it
 * from parameters. A new model is one class with a provider, listed in
 * {@code META-INF/services/org.memspice.devices.memristor.MemristorModelProvider}; no switch
 * elsewhere names it.
 */
public interface MemristorModelProvider {
    /** The model's name as in {@code .model m MEMRISTOR (model=NAME)}, lower case. */
    String name();

    /** Other names the model answers to. Default: none. */
    default List<String> aliases() {
        return List.of();
    }

    /** The {@code LEVEL=} that selects the model, or 0 when none does. */
    int level();

    /**
     * The model with {@code given} (lower-case names) over its defaults.
     *
     * @throws IllegalArgumentException for an unknown parameter or a value the model refuses
     */
    MemristorModel create(Map<String, Double> given);
}
