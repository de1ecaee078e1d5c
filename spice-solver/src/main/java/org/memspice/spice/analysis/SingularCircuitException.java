package org.memspice.spice.analysis;

/** The circuit's matrix is singular; the message names the node or element at fault. */
public final class SingularCircuitException extends SimulationException {
    private static final long serialVersionUID = 1L;

    public SingularCircuitException(String message) {
        super(message);
    }
}
