package org.memspice.dse.infer;

import java.util.Arrays;
import java.util.List;
import org.memspice.dse.DesignPoint;

/**
 * ADC ranges from calibration reads: the slice currents each tile's ADC would see on the
 * calibration images, recorded with ideal converters. min-max takes their extremes; calibrated
 * takes the quantiles that leave {@code adc_overflow} of them outside (half on each side), as
 * MemTorch's overflow-rate quantization does. Samples are thinned to at most {@link #CAP} per
 * tile and slice by a fixed stride, and chunks are merged in order, so the ranges do not depend
 * on the number of threads.
 */
final class Calibration {
    static final int CAP = 200_000;

    /** One chunk's record for one layer: extremes and thinned samples per tile and slice. */
    static final class Recorder {
        final double[][] min;
        final double[][] max;
        final double[][][] samples;
        final int[][] count;
        final long[][] seen;
        final long[] stride;

        Recorder(int tiles, int slices, long[] stride) {
            min = new double[tiles][slices];
            max = new double[tiles][slices];
            samples = new double[tiles][slices][16];
            count = new int[tiles][slices];
            seen = new long[tiles][slices];
            this.stride = stride;
            for (double[] a : min) {
                Arrays.fill(a, Double.POSITIVE_INFINITY);
            }
            for (double[] a : max) {
                Arrays.fill(a, Double.NEGATIVE_INFINITY);
            }
        }

        void record(int tile, int slice, double d) {
            min[tile][slice] = Math.min(min[tile][slice], d);
            max[tile][slice] = Math.max(max[tile][slice], d);
            if (seen[tile][slice]++ % stride[tile] == 0) {
                double[] s = samples[tile][slice];
                if (count[tile][slice] == s.length) {
                    s = Arrays.copyOf(s, 2 * s.length);
                    samples[tile][slice] = s;
                }
                s[count[tile][slice]++] = d;
            }
        }
    }

    private Calibration() {
    }

    /** Sets the layer's ranges from the chunks' recorders (in chunk order). */
    static void apply(MappedLayer layer, List<Recorder> chunks, DesignPoint p) {
        int tiles = layer.map.tiles().size();
        int slices = layer.coding.slices();
        layer.low = new double[tiles][slices];
        layer.high = new double[tiles][slices];
        for (int t = 0; t < tiles; t++) {
            for (int s = 0; s < slices; s++) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                int total = 0;
                for (Recorder r : chunks) {
                    lo = Math.min(lo, r.min[t][s]);
                    hi = Math.max(hi, r.max[t][s]);
                    total += r.count[t][s];
                }
                if (p.adcRange == DesignPoint.AdcRange.CALIBRATED && total > 0) {
                    double[] all = new double[total];
                    int pos = 0;
                    for (Recorder r : chunks) {
                        System.arraycopy(r.samples[t][s], 0, all, pos, r.count[t][s]);
                        pos += r.count[t][s];
                    }
                    Arrays.sort(all);
                    lo = quantile(all, p.adcOverflow / 2);
                    hi = quantile(all, 1 - p.adcOverflow / 2);
                }
                if (!(lo < hi)) {
                    double c = Double.isFinite(lo) ? lo : 0;
                    double w = Math.max(1e-15, Math.abs(c) * 1e-6);
                    lo = c - w;
                    hi = c + w;
                }
                layer.low[t][s] = lo;
                layer.high[t][s] = hi;
            }
        }
    }

    /** The q-quantile of sorted values (linear interpolation). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int k = (int) Math.floor(pos);
        if (k >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double f = pos - k;
        return sorted[k] + f * (sorted[k + 1] - sorted[k]);
    }
}
