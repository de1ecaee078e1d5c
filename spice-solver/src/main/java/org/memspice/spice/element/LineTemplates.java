package org.memspice.spice.element;

import java.util.HashMap;
import java.util.Map;
import org.memspice.spice.netlist.SourceLine;

/**
 * What the expensive reading of an element line produced (a parsed and compiled expression, with
 * the names it looked up), kept for the same line in the subcircuit's other instances: a 64x64
 * crossbar of memristor subcircuits reads each of its four expression lines 4,096 times. One per
 * build, used by one thread. The reader that stores a template checks on every reuse that the
 * names mean the same things in the new instance (see {@code BehavioralExpression}).
 */
public final class LineTemplates {
    /** A line by identity (a subcircuit's lines are shared by its instances), a column on it, and what was read there. */
    private record Key(SourceLine line, int column, Object kind) {
    }

    private final Map<Key, Object> templates = new HashMap<>();
    private int reuses;

    /** The template stored for what was read at {@code column} of {@code line}, or null. */
    public Object get(SourceLine line, int column, Object kind) {
        return templates.get(new Key(line, column, kind));
    }

    /** Stores (or replaces) the template of what was read at {@code column} of {@code line}. */
    public void put(SourceLine line, int column, Object kind, Object template) {
        templates.put(new Key(line, column, kind), template);
    }

    /** Counts a reading answered from a template instead of read again. */
    public void reused() {
        reuses++;
    }

    /** Readings answered from templates so far. */
    public int reuses() {
        return reuses;
    }

    /** Number of templates stored. */
    public int size() {
        return templates.size();
    }
}
