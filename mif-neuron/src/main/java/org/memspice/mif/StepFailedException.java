package org.memspice.mif;

/** A stepped-model step whose implicit equations could not be solved; the message names the neuron and time. */
public final class StepFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int neuron;
    private final double time;

    public StepFailedException(String message) {
        this(message, -1, Double.NaN);
    }

    /** A failure of neuron {@code neuron} of its batch at {@code time} (s). */
    public StepFailedException(String message, int neuron, double time) {
        super(message);
        this.neuron = neuron;
        this.time = time;
    }

    /** The neuron's index in its batch, or −1 when not known. */
    public int neuron() {
        return neuron;
    }

    /** The time at which the failing step started (s), or NaN. */
    public double time() {
        return time;
    }
}
