package org.memspice.spice.analysis;

/** A simulation that cannot go on, with a message a user can act on. */
public class SimulationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SimulationException(String message) {
        super(message);
    }
}
