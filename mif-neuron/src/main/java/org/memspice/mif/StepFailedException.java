package org.memspice.mif;

/** A stepped-model step whose implicit equations could not be solved; the message names the neuron and time. */
public final class StepFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StepFailedException(String message) {
        super(message);
    }
}
