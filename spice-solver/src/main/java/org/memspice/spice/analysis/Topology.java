package org.memspice.spice.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.memspice.spice.circuit.Unknowns;
import org.memspice.spice.element.Connections;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.SetupContext.UnknownKind;
import org.memspice.spice.netlist.NetlistException;
import org.memspice.spice.netlist.SourceLine;

/**
 * The connectivity check that runs before an analysis solves: every node needs a path to ground
 * (for an operating point: a DC path, capacitors and current sources carry none; for a transient
 * from initial conditions capacitors count), and voltage sources (with inductors, which are shorts
 * at DC) must not form a loop. Either is bad input, so it ends in a netlist error naming the node
 * or the loop, instead of a singular matrix after the analysis starts.
 */
final class Topology {
    private final MnaSystem system;
    private final boolean transient_;
    private final int[] parent;
    private final int[] voltageParent;
    private final List<int[]> voltageEdges = new ArrayList<>();
    private final List<Element> voltageOwners = new ArrayList<>();
    private final Unknowns unknowns;
    /**
     * For the message about a floating group only: up to four elements that use each node of the
     * group (null for the other nodes, and while the check runs: it is filled in a second pass over
     * the elements once a floating group is found, so that a good circuit pays nothing for it).
     */
    private List<Element>[] attached;
    /** The element whose connections the sink receives. */
    private Element adding;
    private final Connections.Sink sink = new Connections.Sink() {
        @Override
        public void conductive(int a, int b) {
            attach(a, b);
            union(parent, a, b);
        }

        @Override
        public void capacitive(int a, int b) {
            attach(a, b);
            if (transient_) {
                union(parent, a, b);
            }
        }

        @Override
        public void voltage(int a, int b) {
            attach(a, b);
            union(parent, a, b);
            if (attached == null) {
                loop(a, b, adding);
            }
        }

        @Override
        public void inductive(int a, int b) {
            attach(a, b);
            union(parent, a, b);
            if (!transient_ && attached == null) {
                loop(a, b, adding);
            }
        }

        @Override
        public void current(int a, int b) {
            attach(a, b);
        }
    };

    private Topology(MnaSystem system, boolean transientConnections) {
        this.system = system;
        this.unknowns = system.unknowns();
        this.transient_ = transientConnections;
        int n = system.size() + 1;
        parent = new int[n];
        voltageParent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            voltageParent[i] = i;
        }
    }

    /**
     * Checks the circuit for an operating point ({@code transientConnections} false: capacitors
     * open, inductors shorts) or for a transient started from initial conditions (true), with the
     * nodes in {@code heldNodes} (clamped by .ic) counted as driven.
     */
    static void check(MnaSystem system, boolean transientConnections, Map<Integer, Double> heldNodes) {
        Topology t = new Topology(system, transientConnections);
        Element[] elements = system.elements();
        for (int k = 0; k < elements.length; k++) {
            t.add(k, elements[k]);
        }
        heldNodes.keySet().forEach(u -> t.union(t.parent, u, 0));
        t.floating();
    }

    private int find(int[] p, int i) {
        while (p[i] != i) {
            p[i] = p[p[i]];
            i = p[i];
        }
        return i;
    }

    private void union(int[] p, int a, int b) {
        p[find(p, a)] = find(p, b);
    }

    private boolean isNode(int u) {
        return u == 0 || unknowns.kind(u) == UnknownKind.VOLTAGE;
    }

    /** Notes (second pass only) that the element being added uses u. */
    private void attach(int u, Element e) {
        List<Element> list = attached[u];
        if (list != null && !list.contains(e) && list.size() < 4) {
            list.add(e);
        }
    }

    private void attach(int a, int b) {
        if (attached != null) {
            attach(a, adding);
            attach(b, adding);
        }
    }

    private void add(int k, Element e) {
        int[] nodes = system.touchedUnknowns();
        int from = system.touchedStart()[k];
        int to = system.touchedStart()[k + 1];
        if (attached != null) {
            for (int i = from; i < to; i++) {
                attach(nodes[i], e); // for the message: every element that stamps a node, whether it connects it or reads it
            }
        }
        if (!(e instanceof Connections)) {
            int first = -1;
            for (int i = from; i < to; i++) {
                int u = nodes[i];
                if (!isNode(u)) {
                    continue;
                }
                if (first < 0) {
                    first = u;
                } else {
                    union(parent, first, u);
                }
            }
            return;
        }
        adding = e;
        ((Connections) e).connections(sink);
        adding = null;
    }

    /** Adds branch a-b that fixes V(a) − V(b); refuses it when a and b are already tied by such branches. */
    private void loop(int a, int b, Element e) {
        if (a == b) {
            throw new NetlistException(system.circuit().origin(e), e.name() + " has both ends on node "
                    + system.unknowns().name(a) + ": a voltage source (or an inductor, at DC) across nothing"
                    + " fixes a voltage that is always 0");
        }
        if (find(voltageParent, a) == find(voltageParent, b)) {
            List<Element> path = path(a, b);
            path.add(e);
            StringBuilder names = new StringBuilder();
            boolean inductors = false;
            for (Element p : path) {
                names.append(names.length() == 0 ? "" : ", ").append(p.name());
                inductors |= p instanceof org.memspice.spice.elements.Inductor;
            }
            throw new NetlistException(system.circuit().origin(e), names + " form a loop of voltage sources"
                    + (inductors ? " and inductors (shorts at DC)" : "") + ": their voltages around it cannot all"
                    + " hold; add a series resistance or remove one");
        }
        union(voltageParent, a, b);
        voltageEdges.add(new int[] {a, b});
        voltageOwners.add(e);
    }

    /** The voltage branches that join a and b (breadth-first over the branches added so far). */
    private List<Element> path(int a, int b) {
        int n = parent.length;
        int[] via = new int[n];
        int[] from = new int[n];
        java.util.Arrays.fill(via, -1);
        boolean[] seen = new boolean[n];
        Deque<Integer> queue = new ArrayDeque<>();
        queue.add(a);
        seen[a] = true;
        while (!queue.isEmpty()) {
            int u = queue.poll();
            if (u == b) {
                break;
            }
            for (int k = 0; k < voltageEdges.size(); k++) {
                int[] edge = voltageEdges.get(k);
                int v = edge[0] == u ? edge[1] : edge[1] == u ? edge[0] : -1;
                if (v >= 0 && !seen[v]) {
                    seen[v] = true;
                    via[v] = k;
                    from[v] = u;
                    queue.add(v);
                }
            }
        }
        List<Element> out = new ArrayList<>();
        for (int u = b; u != a && via[u] >= 0; u = from[u]) {
            out.add(0, voltageOwners.get(via[u]));
        }
        return out;
    }

    /** Refuses the first group of nodes with no path to ground, naming them and what attaches to them. */
    private void floating() {
        Unknowns u = system.unknowns();
        int ground = find(parent, 0);
        List<Integer> island = new ArrayList<>();
        int root = -1;
        for (int i = 1; i < parent.length; i++) {
            if (!isNode(i) || find(parent, i) == ground) {
                continue;
            }
            if (root < 0) {
                root = find(parent, i);
            }
            if (find(parent, i) == root) {
                island.add(i);
            }
        }
        if (island.isEmpty()) {
            return;
        }
        // a second pass over the elements, which now only notes who uses the group's nodes
        @SuppressWarnings("unchecked")
        List<Element>[] lists = new List[parent.length];
        for (int i : island) {
            lists[i] = new ArrayList<>(4);
        }
        attached = lists;
        Element[] all = system.elements();
        for (int k = 0; k < all.length; k++) {
            add(k, all[k]);
        }
        List<String> nodes = new ArrayList<>();
        List<String> elements = new ArrayList<>();
        SourceLine origin = null;
        for (int i : island) {
            if (nodes.size() < 5) {
                nodes.add(u.name(i));
            }
            for (Element e : attached[i]) {
                if (!elements.contains(e.name()) && elements.size() < 6) {
                    elements.add(e.name());
                }
                if (origin == null) {
                    origin = system.circuit().origin(e);
                }
            }
        }
        String which = island.size() == 1 ? "node " + nodes.get(0) + " has" : "nodes " + String.join(", ", nodes)
                + (island.size() > 5 ? " (and " + (island.size() - 5) + " more)" : "") + " have";
        String through = elements.isEmpty() ? "nothing connects to it"
                : "only " + String.join(", ", elements) + " use" + (elements.size() == 1 ? "s" : "") + " it";
        String message = which + " no " + (transient_ ? "" : "DC ") + "path to ground (" + through + (transient_ ? ""
                : "; capacitors and current sources carry no DC current") + "): add a resistance to ground"
                + (transient_ ? "" : ", or, for a transient, start it from initial conditions (uic)");
        throw origin == null ? new NetlistException(message) : new NetlistException(origin, message);
    }
}
