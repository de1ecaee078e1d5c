package org.memspice.spice.analysis;

import java.util.ArrayList;
import java.util.List;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.circuit.Unknowns;
import org.memspice.spice.element.BranchCurrent;
import org.memspice.spice.element.CurrentProbe;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.SetupContext.UnknownKind;
import org.memspice.spice.netlist.NetlistException;
import org.memspice.spice.netlist.SourceLine;

/**
 * Which vectors an analysis records: those named by {@code .print}/{@code .save}
 * ({@code v(n)}, {@code v(a,b)}, {@code i(vname)}, {@code x(device)}), or by default every node
 * voltage, every branch current and every device state. Each vector is x[plus] − x[minus].
 */
final class OutputVectors {
    private final List<String> names = new ArrayList<>();
    /** The names, for the membership tests (.probe alli on a large circuit asks one per element); built on the first. */
    private java.util.Set<String> named;
    private final int[] plus;
    private final int[] minus;
    private final CurrentProbe[] probes;

    OutputVectors(Circuit circuit, List<String> requested) {
        this(circuit, requested, List.of());
    }

    /** {@code requested} (all vectors when empty), then {@code extras} not among them (what .measure reads). */
    OutputVectors(Circuit circuit, List<String> requested, List<String> extras) {
        Unknowns u = circuit.unknowns();
        Pairs pairs = new Pairs();
        List<CurrentProbe> probeList = new ArrayList<>();
        if (requested.isEmpty()) {
            for (int i = 1; i <= u.size(); i++) {
                if (u.isNamedNode(i)) {
                    addName("v(" + u.name(i) + ")");
                    pairs.add(i, 0);
                }
            }
            for (int i = 1; i <= u.size(); i++) {
                if (u.kind(i) == UnknownKind.CURRENT || u.kind(i) == UnknownKind.STATE) {
                    addName(u.vectorName(i));
                    pairs.add(i, 0);
                }
            }
        } else {
            for (String r : requested) {
                if (has(r)) {
                    continue;
                }
                addName(r);
                CurrentProbe probe = probe(circuit, r);
                probeList.add(probe);
                try {
                    pairs.add(probe != null ? new int[] {0, 0} : resolve(circuit, r));
                } catch (SimulationException e) {
                    SourceLine origin = circuit.outputOrigin(r);
                    throw origin == null ? e : new NetlistException(origin, e.getMessage());
                }
            }
        }
        for (String r : extras) {
            if (has(r)) {
                continue;
            }
            CurrentProbe probe = probe(circuit, r);
            try {
                pairs.add(probe != null ? new int[] {0, 0} : resolve(circuit, r));
            } catch (SimulationException e) {
                SourceLine origin = circuit.outputOrigin(r);
                throw origin == null ? e : new NetlistException(origin, e.getMessage());
            }
            while (probeList.size() < pairs.size() - 1) {
                probeList.add(null);
            }
            probeList.add(probe);
            addName(r);
        }
        if (circuit.allCurrents()) {
            // .probe alli: every element current memspice can report, after the vectors above
            while (probeList.size() < pairs.size()) {
                probeList.add(null);
            }
            for (Element e : circuit.elements()) {
                String v = "i(" + e.name() + ")";
                if (has(v)) {
                    continue;
                }
                if (e instanceof BranchCurrent && ((BranchCurrent) e).hasBranchCurrent()) {
                    addName(v);
                    pairs.add(new int[] {((BranchCurrent) e).branchUnknown(), 0});
                    probeList.add(null);
                } else if (e instanceof CurrentProbe) {
                    addName(v);
                    pairs.add(new int[] {0, 0});
                    probeList.add((CurrentProbe) e);
                }
            }
        }
        plus = java.util.Arrays.copyOf(pairs.plus, pairs.size());
        minus = java.util.Arrays.copyOf(pairs.minus, pairs.size());
        probes = new CurrentProbe[pairs.size()];
        for (int i = 0; i < probeList.size() && i < probes.length; i++) {
            probes[i] = probeList.get(i);
        }

    }

    /** The (plus, minus) unknowns of the vectors so far (a list of int[2] costs an object per vector). */
    private static final class Pairs {
        int[] plus = new int[16];
        int[] minus = new int[16];
        int size;

        void add(int[] pair) {
            add(pair[0], pair[1]);
        }

        void add(int a, int b) {
            if (size == plus.length) {
                plus = java.util.Arrays.copyOf(plus, 2 * size);
                minus = java.util.Arrays.copyOf(minus, 2 * size);
            }
            plus[size] = a;
            minus[size++] = b;
        }

        int size() {
            return size;
        }
    }

    private void addName(String name) {
        names.add(name);
        if (named != null) {
            named.add(name);
        }
    }

    private boolean has(String name) {
        if (named == null) {
            named = new java.util.HashSet<>(names);
        }
        return named.contains(name);
    }

    /** i(name) of an element that is a current probe but has no branch unknown. */
    private static CurrentProbe probe(Circuit circuit, String vector) {
        if (!vector.startsWith("i(") || !vector.endsWith(")")) {
            return null;
        }
        Element e = circuit.element(vector.substring(2, vector.length() - 1).trim());
        boolean branch = e instanceof BranchCurrent && ((BranchCurrent) e).hasBranchCurrent();
        return e instanceof CurrentProbe && !branch ? (CurrentProbe) e : null;
    }

    private static int[] resolve(Circuit circuit, String vector) {
        Unknowns u = circuit.unknowns();
        int open = vector.indexOf('(');
        if (open < 0 || !vector.endsWith(")")) {
            throw new SimulationException("output vector '" + vector + "' is not of the form v(node), v(a,b) or i(source)");
        }
        String kind = vector.substring(0, open);
        String[] args = vector.substring(open + 1, vector.length() - 1).split(",");
        if (kind.equals("v")) {
            int a = node(u, args[0].trim(), vector);
            int b = args.length > 1 ? node(u, args[1].trim(), vector) : 0;
            return new int[] {a, b};
        }
        if (kind.equals("i")) {
            Element e = circuit.element(args[0].trim());
            if (e instanceof BranchCurrent && ((BranchCurrent) e).hasBranchCurrent()) {
                return new int[] {((BranchCurrent) e).branchUnknown(), 0};
            }
            throw new SimulationException("cannot print " + vector + ": " + (e == null ? "no element named "
                    + args[0].trim() : args[0].trim() + " has no branch current (measure it with a 0 V source in series)"));
        }
        for (int i = 1; i <= u.size(); i++) {
            if (u.kind(i) == UnknownKind.STATE && u.vectorName(i).equals(vector)) {
                return new int[] {i, 0};
            }
        }
        throw new SimulationException("unknown output vector '" + vector + "'");
    }

    private static int node(Unknowns u, String name, String vector) {
        int n = u.find(name);
        if (n < 0) {
            throw new SimulationException("cannot print " + vector + ": no node named " + name);
        }
        return n;
    }

    List<String> names() {
        return names;
    }

    /** Fills {@code out} with the vectors' values for solution x. */
    void sample(double[] x, double[] out) {
        for (int i = 0; i < plus.length; i++) {
            out[i] = probes[i] != null ? probes[i].probeCurrent(x) : x[plus[i]] - x[minus[i]];
        }
    }

    int size() {
        return plus.length;
    }
}
