package org.memspice.spice.analysis;

/**
 * The thread running an analysis was interrupted (a caller that runs memspice in-process gave up
 * on it): the transient or the sweep stops at its next progress check ({@link Thread#interrupted},
 * which clears the flag) and says how far it got; the message is made only then.
 */
public final class SimulationInterruptedException extends SimulationException {
    private static final long serialVersionUID = 1L;

    SimulationInterruptedException(String where) {
        super("the simulation was interrupted " + where);
    }
}
