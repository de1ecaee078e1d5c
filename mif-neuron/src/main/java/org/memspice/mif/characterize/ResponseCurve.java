package org.memspice.mif.characterize;

/**
 * Response versus input strength for single inputs from rest: for each peak synaptic current,
 * the membrane's peak voltage, its latency after the input, the undershoot below rest, and
 * whether the read-out threshold was crossed; plus the input strength at which it first is.
 */
public record ResponseCurve(double[] input, double[] peak, double[] latency, double[] undershoot, boolean[] spiked,
        double thresholdInput) {
}
