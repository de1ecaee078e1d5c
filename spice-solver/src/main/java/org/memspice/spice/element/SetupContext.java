package org.memspice.spice.element;

import org.memspice.spice.circuit.Options;

/** What an element may do while the circuit is being set up. */
public interface SetupContext {
    /** Kinds of unknown, for convergence tolerances and output names. */
    enum UnknownKind { VOLTAGE, CURRENT, STATE }

    /**
     * Adds an unknown (branch current, internal node or device state) and returns its number.
     * {@code name} is the output name without kind, e.g. {@code v1#branch} or {@code d1#int}.
     */
    int addUnknown(String name, UnknownKind kind);

    /**
     * Adds an unknown with its own absolute Newton tolerance, for quantities whose scale is not
     * a volt or an ampere (a filament gap in metres, a normalized state).
     */
    int addUnknown(String name, UnknownKind kind, double absoluteTolerance);

    /**
     * Claims {@code count} consecutive integration states (a charge, a flux, a device state);
     * returns the first. The transient engine integrates them and limits steps by their
     * truncation error.
     */
    default int addStates(int count) {
        return addStates(count, true);
    }

    /**
     * As {@link #addStates(int)}; with {@code limitsStep} false the states are integrated but their
     * truncation error does not limit the step (as ngspice leaves a MOSFET's junction charges out).
     */
    int addStates(int count, boolean limitsStep);

    /** Reserves matrix entry (row, col) in unknown numbers; ground (0) gives a trash slot. */
    int slot(int row, int col);

    /** The unknown of the node with that global name, or -1 when no element connects to it. */
    int findNode(String globalName);

    /** The element of that full name, or throws a netlist error naming this element. */
    Element element(String name);

    Options options();
}
