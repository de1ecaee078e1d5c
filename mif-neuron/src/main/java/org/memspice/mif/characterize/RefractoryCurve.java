package org.memspice.mif.characterize;

/**
 * Relative refractoriness: the response to a second input of the same strength as a function of
 * its delay after the first, measured as the largest excess of the paired trace over the first
 * input's lone trace (V), against the amplitude of a lone response above rest (V).
 */
public record RefractoryCurve(double[] delay, double[] secondResponse, double loneAmplitude) {

    /** Second response relative to a lone one: 1 without refractoriness, less inside it. */
    public double relative(int k) {
        return secondResponse[k] / loneAmplitude;
    }
}
