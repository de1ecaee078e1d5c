package org.memspice.spice.analysis;

/**
 * The thread running an analysis was interrupted (a caller that runs memspice in-process gave up
 * on it): the transient or the sweep stops at its next progress check and says how far it got.
 */
public final class SimulationInterruptedException extends SimulationException {
    private static final long serialVersionUID = 1L;

    SimulationInterruptedException(String where) {
        super("the simulation was interrupted " + where);
    }

    /**
     * Throws, clearing the flag, if the current thread has been interrupted; {@code where} makes
     * the message only then (a transient checks every 256 points, and formatting the time each
     * time cost more than the check).
     */
    static void check(java.util.function.Supplier<String> where) {
        if (Thread.interrupted()) {
            throw new SimulationInterruptedException(where.get());
        }
    }
}
