package org.memspice.cli;

import java.awt.Color;

/**
 * A perceptually uniform colour map for heat maps (matplotlib's viridis, from anchor colours at
 * every eighth of the range, interpolated in RGB): dark violet for the low end through teal to
 * yellow, monotone in lightness so that equal steps of value look like equal steps of colour,
 * readable in grey scale and by colour-blind readers.
 */
final class Viridis {
    /** viridis at 0, 1/8, ..., 1. */
    private static final int[][] ANCHORS = {
        {68, 1, 84}, {71, 44, 122}, {59, 81, 139}, {44, 113, 142}, {33, 144, 141}, {39, 173, 129}, {92, 200, 99},
        {170, 220, 50}, {253, 231, 37}};

    private Viridis() {
    }

    /** The colour at fraction {@code t} of the range (clamped to [0, 1]). */
    static Color at(double t) {
        double u = Math.max(0, Math.min(1, t)) * (ANCHORS.length - 1);
        int i = Math.min((int) u, ANCHORS.length - 2);
        double f = u - i;
        int[] a = ANCHORS[i];
        int[] b = ANCHORS[i + 1];
        return new Color((int) Math.round(a[0] + f * (b[0] - a[0])), (int) Math.round(a[1] + f * (b[1] - a[1])),
                (int) Math.round(a[2] + f * (b[2] - a[2])));
    }
}
