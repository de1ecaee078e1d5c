package org.memspice.spice.output;

/** Linear interpolation on an increasing abscissa. */
public final class Interpolation {
    private Interpolation() {
    }

    /** y at x by linear interpolation over the first n points; clamps outside the range. */
    public static double linear(double[] xs, double[] ys, int n, double x) {
        if (x <= xs[0]) {
            return ys[0];
        }
        if (x >= xs[n - 1]) {
            return ys[n - 1];
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double span = xs[hi] - xs[lo];
        return span == 0 ? ys[hi] : ys[lo] + (ys[hi] - ys[lo]) * (x - xs[lo]) / span;
    }
}
