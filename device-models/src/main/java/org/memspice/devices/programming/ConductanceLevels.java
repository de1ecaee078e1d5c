package org.memspice.devices.programming;

import java.util.Arrays;

/**
 * The conductances a device can be programmed to when it holds a finite number of states:
 * evenly spaced ones or an explicit list (from measurements). {@link #nearest} maps a wanted
 * conductance to the closest state, so a programmed array never holds a value between states.
 */
public final class ConductanceLevels {
    private final double[] levels;

    private ConductanceLevels(double[] sorted) {
        this.levels = sorted;
    }

    /** n ≥ 2 states evenly spaced from lo to hi (S). */
    public static ConductanceLevels even(double lo, double hi, int n) {
        if (n < 2 || !(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("levels need n >= 2 and lo < hi, got " + n + " in [" + lo + ", " + hi + "]");
        }
        double[] l = new double[n];
        for (int k = 0; k < n; k++) {
            l[k] = k == n - 1 ? hi : lo + (hi - lo) * k / (n - 1);
        }
        return new ConductanceLevels(l);
    }

    /** The given states (S, any order, at least two different finite values). */
    public static ConductanceLevels of(double[] states) {
        double[] l = states.clone();
        Arrays.sort(l);
        if (l.length < 2 || !Double.isFinite(l[0]) || !Double.isFinite(l[l.length - 1]) || l[0] == l[l.length - 1]) {
            throw new IllegalArgumentException("a level list needs at least two different finite conductances");
        }
        return new ConductanceLevels(l);
    }

    public int count() {
        return levels.length;
    }

    public double level(int k) {
        return levels[k];
    }

    /** The state closest to g (the lower one of a tie). */
    public double nearest(double g) {
        int k = Arrays.binarySearch(levels, g);
        if (k >= 0) {
            return levels[k];
        }
        int above = -k - 1;
        if (above == 0) {
            return levels[0];
        }
        if (above == levels.length) {
            return levels[levels.length - 1];
        }
        double lo = levels[above - 1];
        double hi = levels[above];
        return g - lo <= hi - g ? lo : hi;
    }

    /** Whether g is exactly one of the states. */
    public boolean contains(double g) {
        return Arrays.binarySearch(levels, g) >= 0;
    }
}
