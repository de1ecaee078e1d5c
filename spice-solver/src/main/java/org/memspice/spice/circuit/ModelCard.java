package org.memspice.spice.circuit;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import org.memspice.spice.netlist.NetlistException;
import org.memspice.spice.netlist.SourceLine;

/** A {@code .model} card: name, type and evaluated parameters (lower-case keys). */
public final class ModelCard {
    private final String name;
    private final String type;
    private final Map<String, Double> params;
    private final Map<String, String> words;
    private final SourceLine line;

    public ModelCard(String name, String type, Map<String, Double> params, SourceLine line) {
        this(name, type, params, Map.of(), line);
    }

    /** @param words parameters whose value is a name, such as {@code model=yakopcic} */
    public ModelCard(String name, String type, Map<String, Double> params, Map<String, String> words, SourceLine line) {
        this.name = name;
        this.type = type;
        this.params = Collections.unmodifiableMap(params);
        this.words = Collections.unmodifiableMap(words);
        this.line = line;
    }

    /** A parameter given as a name ({@code model=yakopcic}), or null. */
    public String word(String key) {
        return words.get(key);
    }

    public String name() {
        return name;
    }

    /** Lower-case model type, e.g. {@code d}, {@code nmos}, {@code memristor}. */
    public String type() {
        return type;
    }

    public Map<String, Double> params() {
        return params;
    }

    public SourceLine line() {
        return line;
    }

    public boolean has(String key) {
        return params.containsKey(key);
    }

    public double get(String key, double fallback) {
        Double v = params.get(key);
        return v == null ? fallback : v;
    }

    /** Rejects parameters outside {@code known}, naming the first unknown one. */
    public void checkKnown(Set<String> known) {
        for (String k : words.keySet()) {
            if (!known.contains(k)) {
                throw new NetlistException(line, "model " + name + " (" + type + ") has no parameter '" + k + "'");
            }
        }
        for (String k : params.keySet()) {
            if (!known.contains(k)) {
                throw new NetlistException(line, "model " + name + " (" + type + ") has no parameter '" + k
                        + "'; known: " + String.join(" ", new java.util.TreeSet<>(known)));
            }
        }
    }
}
