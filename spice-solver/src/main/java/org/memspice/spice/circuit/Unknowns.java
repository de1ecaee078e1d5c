package org.memspice.spice.circuit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.memspice.spice.element.SetupContext.UnknownKind;

/** The MNA unknowns: number 0 is ground; 1..n are node voltages, branch currents and device states. */
public final class Unknowns {
    private final List<String> names = new ArrayList<>();
    private final List<UnknownKind> kinds = new ArrayList<>();
    private final List<Double> tolerances = new ArrayList<>();
    private final Map<String, Integer> nodeIndex = new HashMap<>();

    public Unknowns() {
        names.add("0");
        kinds.add(UnknownKind.VOLTAGE);
        tolerances.add(Double.NaN);
        nodeIndex.put("0", 0);
    }

    /** The unknown of node {@code name}, created on first use; "0" and "gnd" are ground. */
    public int node(String name) {
        if (name.equals("gnd")) {
            return 0;
        }
        Integer i = nodeIndex.get(name);
        if (i != null) {
            return i;
        }
        int n = add(name, UnknownKind.VOLTAGE);
        nodeIndex.put(name, n);
        return n;
    }

    /** The node of that name, or -1. */
    public int findNode(String name) {
        if (name.equals("gnd")) {
            return 0;
        }
        Integer i = nodeIndex.get(name);
        return i == null ? -1 : i;
    }

    /** Any unknown by its name (nodes, internal nodes such as {@code d1#internal}, branches), or -1. */
    public int find(String name) {
        int n = findNode(name);
        if (n >= 0) {
            return n;
        }
        for (int i = 1; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public int add(String name, UnknownKind kind) {
        return add(name, kind, Double.NaN);
    }

    /** Adds an unknown with its own absolute Newton tolerance (NaN: vntol or abstol by kind). */
    public int add(String name, UnknownKind kind, double absoluteTolerance) {
        names.add(name);
        kinds.add(kind);
        tolerances.add(absoluteTolerance);
        return names.size() - 1;
    }

    /** The unknown's own absolute tolerance, or NaN for the default of its kind. */
    public double tolerance(int unknown) {
        return tolerances.get(unknown);
    }

    /** Number of unknowns excluding ground. */
    public int size() {
        return names.size() - 1;
    }

    public String name(int unknown) {
        return names.get(unknown);
    }

    public UnknownKind kind(int unknown) {
        return kinds.get(unknown);
    }

    /** How the unknown is named in output: {@code v(node)}, {@code i(vname)} or {@code x(dev)}. */
    public String vectorName(int unknown) {
        String n = names.get(unknown);
        switch (kinds.get(unknown)) {
            case CURRENT:
                return "i(" + (n.endsWith("#branch") ? n.substring(0, n.length() - 7) : n) + ")";
            case STATE:
                return n;
            default:
                return "v(" + n + ")";
        }
    }

    /** Node names in order of creation (ground excluded). */
    public List<String> nodeNames() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < names.size(); i++) {
            if (kinds.get(i) == UnknownKind.VOLTAGE && nodeIndex.containsKey(names.get(i))) {
                out.add(names.get(i));
            }
        }
        return out;
    }
}
