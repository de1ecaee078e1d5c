package org.memspice.spice.circuit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memspice.spice.element.Element;
import org.memspice.spice.netlist.SourceLine;

/** A flattened circuit: its elements, nodes, options, analyses and output requests. */
public final class Circuit {
    private final String title;
    private final Unknowns unknowns = new Unknowns();
    private final ArrayList<Element> elements = new ArrayList<>();
    private final NameMap<Element> byName = new NameMap<>();
    /**
     * Where each element came from, in the order of {@link #elements}: file and line number only
     * (the text of a million element lines is not kept for the few messages that name a line).
     */
    private java.nio.file.Path[] originFiles = new java.nio.file.Path[16];
    private int[] originLines = new int[16];
    /** Element to its index, built on the first {@link #origin} call (errors, mostly). */
    private Map<Element, Integer> indices;
    private final Options options = new Options();
    private final List<Analysis> analyses = new ArrayList<>();
    private final Map<Integer, Double> initialConditions = new LinkedHashMap<>();
    private final Map<Integer, Double> nodeSets = new LinkedHashMap<>();
    private final List<String> outputs = new ArrayList<>();
    private final List<PlotRequest> plots = new ArrayList<>();
    private final Map<String, SourceLine> outputOrigins = new HashMap<>();
    private final Map<String, List<String>> outputsByAnalysis = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<org.memspice.spice.measure.Measure> measures = new ArrayList<>();
    private boolean allCurrents;
    private final List<SensRequest> sensitivities = new ArrayList<>();
    private final Map<String, Double> parameters = new java.util.TreeMap<>();
    private final SourceLine nowhere = new SourceLine(null, 0, "");

    public Circuit(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public Unknowns unknowns() {
        return unknowns;
    }

    public List<Element> elements() {
        return elements;
    }

    /**
     * Makes room for about {@code elements} elements (and as many nodes) at once, so that the
     * tables of a large netlist are not grown and rehashed step by step. Only a hint.
     */
    public void reserve(int elements) {
        if (elements <= this.elements.size()) {
            return;
        }
        this.elements.ensureCapacity(elements);
        byName.reserve(elements);
        if (originLines.length < elements) {
            originFiles = java.util.Arrays.copyOf(originFiles, elements);
            originLines = java.util.Arrays.copyOf(originLines, elements);
        }
        unknowns.reserve(elements);
    }

    /** Adds an element; {@code origin} is the netlist line it came from (for errors). */
    public void add(Element e, SourceLine origin) {
        if (byName.putIfAbsent(e.name(), e) != null) {
            throw new IllegalArgumentException("element " + e.name() + " is defined twice");
        }
        int k = elements.size();
        elements.add(e);
        if (k == originLines.length) {
            originFiles = java.util.Arrays.copyOf(originFiles, 2 * k);
            originLines = java.util.Arrays.copyOf(originLines, 2 * k);
        }
        originFiles[k] = origin == null ? null : origin.file();
        originLines[k] = origin == null ? 0 : origin.line();
        if (indices != null) {
            indices.put(e, k);
        }
    }

    public Element element(String name) {
        return byName.get(name);
    }

    /**
     * The netlist line element {@code e} came from, for messages: its file and line number (its
     * text is not kept and reads empty); a line 0 of no file for an element added without one.
     */
    public SourceLine origin(Element e) {
        if (indices == null) {
            indices = new java.util.IdentityHashMap<>(elements.size() * 2);
            for (int i = 0; i < elements.size(); i++) {
                indices.put(elements.get(i), i);
            }
        }
        Integer k = indices.get(e);
        return k == null || originLines[k] == 0 && originFiles[k] == null ? nowhere
                : new SourceLine(originFiles[k], originLines[k], "");
    }

    public Options options() {
        return options;
    }

    public List<Analysis> analyses() {
        return analyses;
    }

    /** Node voltages from {@code .ic} (node unknown to volts). */
    public Map<Integer, Double> initialConditions() {
        return initialConditions;
    }

    /** Initial guesses from {@code .nodeset}. */
    public Map<Integer, Double> nodeSets() {
        return nodeSets;
    }

    /** Vectors named by {@code .print}/{@code .save}, e.g. {@code v(out)}, {@code i(v1)}; empty means all. */
    public List<String> outputs() {
        return outputs;
    }

    private boolean setUp;

    /**
     * Marks the circuit as set up (its elements have claimed their unknowns). A circuit is set up
     * once; every analysis of it then shares that one system.
     */
    public void markSetUp() {
        if (setUp) {
            throw new IllegalStateException("circuit '" + title + "' is already set up: reuse its MnaSystem");
        }
        setUp = true;
    }

    /** Requests an output vector for every analysis, remembering the line that asked for it (for errors). */
    public void addOutput(String vector, SourceLine origin) {
        addOutput(vector, origin, null);
    }

    /**
     * Requests an output vector for one kind of analysis ({@code op}, {@code dc}, {@code tran}; null
     * for all), as {@code .print tran v(a)} does.
     */
    public void addOutput(String vector, SourceLine origin, String analysis) {
        List<String> list = analysis == null ? outputs : outputsByAnalysis.computeIfAbsent(analysis, k -> new ArrayList<>());
        if (!list.contains(vector)) {
            list.add(vector);
        }
        outputOrigins.putIfAbsent(vector, origin);
    }

    /** The vectors requested for {@code analysis}: those for every analysis, then its own. */
    public List<String> outputsFor(String analysis) {
        List<String> out = new ArrayList<>(outputs);
        for (String v : outputsByAnalysis.getOrDefault(analysis, List.of())) {
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** The line that requested output {@code vector}, or null. */
    public SourceLine outputOrigin(String vector) {
        return outputOrigins.get(vector);
    }

    /**
     * True after {@code .probe alli}: besides the requested vectors (all nodes when none), the
     * current of every element that can report one.
     */
    public boolean allCurrents() {
        return allCurrents;
    }

    public void requestAllCurrents() {
        allCurrents = true;
    }

    /** The top-level {@code .param} values (lower-case names). */
    public Map<String, Double> parameters() {
        return parameters;
    }

    /** The {@code .sens} requests, in netlist order. */
    public List<SensRequest> sensitivities() {
        return sensitivities;
    }

    /** The {@code .measure} requests, in netlist order. */
    public List<org.memspice.spice.measure.Measure> measures() {
        return measures;
    }

    /** The vectors the measurements of {@code analysis} read (recorded whatever .print says). */
    public List<String> measureVectors(String analysis) {
        List<String> out = new ArrayList<>();
        for (org.memspice.spice.measure.Measure m : measures) {
            if (m.analysis().equals(analysis)) {
                for (String v : m.vectors()) {
                    if (!out.contains(v)) {
                        out.add(v);
                        outputOrigins.putIfAbsent(v, m.line());
                    }
                }
            }
        }
        return out;
    }

    /** Notes for the user about the netlist that are not errors (a skipped .ac, an unknown option). */
    public List<String> warnings() {
        return warnings;
    }

    public void warn(String message) {
        warnings.add(message);
    }

    /** X-Y panels requested with {@code .plot ... vs X}. */
    public List<PlotRequest> plots() {
        return plots;
    }

    /** True when every element is linear. */
    public boolean isLinear() {
        for (Element e : elements) {
            if (!e.isLinear()) {
                return false;
            }
        }
        return true;
    }
}
