package org.memspice.spice.circuit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.memspice.spice.element.SetupContext.UnknownKind;

/** The MNA unknowns: number 0 is ground; 1..n are node voltages, branch currents and device states. */
public final class Unknowns {
    // parallel arrays indexed by unknown (a circuit of a million nodes must not box each one)
    private String[] names = new String[16];
    private UnknownKind[] kinds = new UnknownKind[16];
    private double[] tolerances = new double[16];
    /** True for the unknowns {@link #node} created (named nodes, not internal ones or branches). */
    private boolean[] named = new boolean[16];
    private int count;
    /**
     * Node name to unknown: open addressing, linear probing, keys null where empty; entries holds
     * each key's hash (high half) and unknown (low half), so that a probe reads the key's string
     * only when the hashes agree.
     */
    private String[] keys = new String[64];
    private long[] entries = new long[64];
    private int keyCount;

    public Unknowns() {
        add("0", UnknownKind.VOLTAGE, Double.NaN);
        named[0] = true;
        put("0", 0);
    }

    /** Makes room for about {@code nodes} unknowns at once (a hint for a large netlist). */
    public void reserve(int nodes) {
        if (nodes + 1 > names.length) {
            names = Arrays.copyOf(names, nodes + 1);
            kinds = Arrays.copyOf(kinds, nodes + 1);
            tolerances = Arrays.copyOf(tolerances, nodes + 1);
            named = Arrays.copyOf(named, nodes + 1);
        }
        if (2L * nodes > keys.length) {
            int capacity = Integer.highestOneBit(Math.max(64, 2 * nodes - 1)) << 1;
            if (capacity > keys.length && capacity > 0) {
                String[] oldKeys = keys;
                long[] oldEntries = entries;
                keys = new String[capacity];
                entries = new long[capacity];
                keyCount = 0;
                for (int k = 0; k < oldKeys.length; k++) {
                    if (oldKeys[k] != null) {
                        put(oldKeys[k], (int) oldEntries[k]);
                    }
                }
            }
        }
    }

    /** The unknown of node {@code name}, created on first use; "0" and "gnd" are ground. */
    public int node(String name) {
        int i = get(name);
        if (i >= 0) {
            return i;
        }
        if (name.equals("gnd")) {
            return 0;
        }
        int n = add(name, UnknownKind.VOLTAGE);
        named[n] = true;
        put(name, n);
        return n;
    }

    /**
     * {@link #node(String)} of {@code text[start, end)} lower-cased, looked up without making a
     * string unless the node is new (a large netlist names each node several times).
     */
    public int node(String text, int start, int end) {
        int hash = lowerAsciiHash(text, start, end);
        if (hash == NOT_ASCII) {
            return node(text.substring(start, end).toLowerCase(Locale.ROOT));
        }
        int mask = keys.length - 1;
        for (int h = mix(hash) & mask; keys[h] != null; h = (h + 1) & mask) {
            long e = entries[h];
            if ((int) (e >>> 32) == hash && equalsLowerAscii(keys[h], text, start, end)) {
                return (int) e;
            }
        }
        return node(text.substring(start, end).toLowerCase(Locale.ROOT));
    }

    /** Returned by {@link #lowerAsciiHash} for a range that is not all ASCII (an unlikely hash, only a hint). */
    private static final int NOT_ASCII = 0x80000000;

    /**
     * The {@link String#hashCode} of {@code text[start, end)} lower-cased, when the range is ASCII
     * (where lower-casing is A-Z to a-z); NOT_ASCII otherwise, or when that is the hash.
     */
    private static int lowerAsciiHash(String text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 128) {
                return NOT_ASCII;
            }
            h = 31 * h + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        return h;
    }

    /** True when {@code key} equals {@code text[start, end)} lower-cased (the range is ASCII). */
    private static boolean equalsLowerAscii(String key, String text, int start, int end) {
        if (key.length() != end - start) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (key.charAt(i - start) != (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c)) {
                return false;
            }
        }
        return true;
    }

    /** The node of that name, or -1. */
    public int findNode(String name) {
        if (name.equals("gnd")) {
            return 0;
        }
        return get(name);
    }

    /** Any unknown by its name (nodes, internal nodes such as {@code d1#internal}, branches), or -1. */
    public int find(String name) {
        int n = findNode(name);
        if (n >= 0) {
            return n;
        }
        for (int i = 1; i < count; i++) {
            if (names[i].equals(name)) {
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
        if (count == names.length) {
            int grown = count * 2;
            names = Arrays.copyOf(names, grown);
            kinds = Arrays.copyOf(kinds, grown);
            tolerances = Arrays.copyOf(tolerances, grown);
            named = Arrays.copyOf(named, grown);
        }
        names[count] = name;
        kinds[count] = kind;
        tolerances[count] = absoluteTolerance;
        return count++;
    }

    /** The unknown's own absolute tolerance, or NaN for the default of its kind. */
    public double tolerance(int unknown) {
        check(unknown);
        return tolerances[unknown];
    }

    /** Number of unknowns excluding ground. */
    public int size() {
        return count - 1;
    }

    public String name(int unknown) {
        check(unknown);
        return names[unknown];
    }

    public UnknownKind kind(int unknown) {
        check(unknown);
        return kinds[unknown];
    }

    private void check(int unknown) {
        if (unknown < 0 || unknown >= count) {
            throw new IndexOutOfBoundsException("unknown " + unknown + " of " + count);
        }
    }

    /** How the unknown is named in output: {@code v(node)}, {@code i(vname)} or {@code x(dev)}. */
    public String vectorName(int unknown) {
        String n = name(unknown);
        switch (kinds[unknown]) {
            case CURRENT:
                return "i(" + (n.endsWith("#branch") ? n.substring(0, n.length() - 7) : n) + ")";
            case STATE:
                return n;
            default:
                return "v(" + n + ")";
        }
    }

    /** True when unknown u is a node named in the netlist (one of {@link #nodeNames()}), not ground. */
    public boolean isNamedNode(int unknown) {
        check(unknown);
        return unknown > 0 && named[unknown] && kinds[unknown] == UnknownKind.VOLTAGE;
    }

    /** Node names in order of creation (ground excluded). */
    public List<String> nodeNames() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (kinds[i] == UnknownKind.VOLTAGE && named[i]) {
                out.add(names[i]);
            }
        }
        return out;
    }

    private int get(String name) {
        int hash = name.hashCode();
        int mask = keys.length - 1;
        for (int h = mix(hash) & mask; keys[h] != null; h = (h + 1) & mask) {
            long e = entries[h];
            if ((int) (e >>> 32) == hash && keys[h].equals(name)) {
                return (int) e;
            }
        }
        return -1;
    }

    private void put(String name, int unknown) {
        if (2 * (keyCount + 1) > keys.length) {
            String[] oldKeys = keys;
            long[] oldEntries = entries;
            keys = new String[oldKeys.length * 2];
            entries = new long[oldKeys.length * 2];
            keyCount = 0;
            for (int k = 0; k < oldKeys.length; k++) {
                if (oldKeys[k] != null) {
                    put(oldKeys[k], (int) oldEntries[k]);
                }
            }
        }
        int hash = name.hashCode();
        int mask = keys.length - 1;
        int h = mix(hash) & mask;
        while (keys[h] != null) {
            h = (h + 1) & mask;
        }
        keys[h] = name;
        entries[h] = (long) hash << 32 | (unknown & 0xffffffffL);
        keyCount++;
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
