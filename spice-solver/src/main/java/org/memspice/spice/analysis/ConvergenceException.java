package org.memspice.spice.analysis;

/** Newton-Raphson did not converge; the message names where, the worst unknown and what was tried. */
public final class ConvergenceException extends SimulationException {
    private static final long serialVersionUID = 1L;

    public ConvergenceException(String message) {
        super(message);
    }
}
