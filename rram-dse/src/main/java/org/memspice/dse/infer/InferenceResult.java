package org.memspice.dse.infer;

/**
 * The outcome of running test images through a mapped network: accuracy, speed, the mean cost
 * of one inference ({@link #perImage}, every field divided by the image count), the ADC overflow
 * rate, and the share of DAC inputs clipped.
 */
public record InferenceResult(int correct, int count, double seconds, Tally perImage, Tally[] perLayer, double overflowRate,
        double dacClipRate) {
    public double accuracy() {
        return count == 0 ? 0 : correct / (double) count;
    }

    public double imagesPerSecond() {
        return seconds > 0 ? count / seconds : Double.POSITIVE_INFINITY;
    }

    /** The command's last line: {@code test accuracy X % (n/N), Y images/s}. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "test accuracy %.2f %% (%d/%d), %.1f images/s", 100 * accuracy(), correct, count,
                imagesPerSecond());
    }
}
