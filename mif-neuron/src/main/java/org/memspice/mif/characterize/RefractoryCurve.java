package org.memspice.mif.characterize;

/**
 * Relative refractoriness: the peak of the response to a second input of the same strength as a
 * function of its delay after the first, against the peak of a single response.
 */
public record RefractoryCurve(double[] delay, double[] secondPeak, double singlePeak, double rest) {

    /** Second response's amplitude above rest relative to a lone response's. */
    public double relative(int k) {
        return (secondPeak[k] - rest) / (singlePeak - rest);
    }
}
