package org.memspice.devices.memristor;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Named model parameters (lower-case keys) over documented defaults; unknown names are refused
 * so that a misspelt parameter never silently keeps its default.
 */
public final class Parameters {
    private final String model;
    private final Map<String, Double> defaults;
    private final Map<String, Double> given;

    public Parameters(String model, Map<String, Double> defaults, Map<String, Double> given) {
        this.model = model;
        this.defaults = new TreeMap<>(defaults);
        this.given = new TreeMap<>();
        for (Map.Entry<String, Double> e : given.entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            if (!this.defaults.containsKey(k)) {
                throw new IllegalArgumentException("memristor model " + model + " has no parameter '" + k
                        + "'; known: " + String.join(" ", this.defaults.keySet()));
            }
            this.given.put(k, e.getValue());
        }
    }

    public double get(String key) {
        Double v = given.get(key);
        if (v != null) {
            return v;
        }
        Double d = defaults.get(key);
        if (d == null) {
            throw new IllegalStateException(model + " reads undeclared parameter " + key);
        }
        return d;
    }

    /** Every parameter with its value: the given ones over the defaults. */
    public Map<String, Double> values() {
        Map<String, Double> all = new TreeMap<>(defaults);
        all.putAll(given);
        return java.util.Collections.unmodifiableMap(all);
    }

    public Set<String> names() {
        return defaults.keySet();
    }
}
