package org.memspice.stdp.net;

import java.util.SplittableRandom;

/**
 * The four binary 5x5 patterns of the recognition task, the letters T, L, X and J (9, 9, 9 and 8
 * of 25 pixels on; no pair shares more than 3 pixels), and their noisy presentations: each pixel
 * flipped with probability {@code noise}, an on pixel firing at {@code rate}, an off pixel silent.
 * Of all sets of four from 26 5x5 capital letters these share the fewest pixels relative to
 * their size (at most 3 of 8); the first choice, T L X O, failed because L lies almost inside O
 * (6 of L's 9 pixels), so an O-neuron answered Ls (stdp/README.md).
 */
public final class Patterns {
    public static final int SIDE = 5;
    public static final String[] NAMES = {"T", "L", "X", "J"};
    private static final String[] ART = {
        "#####" + "..#.." + "..#.." + "..#.." + "..#..",
        "#...." + "#...." + "#...." + "#...." + "#####",
        "#...#" + ".#.#." + "..#.." + ".#.#." + "#...#",
        "....#" + "....#" + "....#" + ".#..#" + ".###.",
    };

    private Patterns() {
    }

    public static int count() {
        return ART.length;
    }

    public static int pixels() {
        return SIDE * SIDE;
    }

    /** Pattern p as 0/1 pixels, row-major. */
    public static boolean[] pattern(int p) {
        boolean[] b = new boolean[pixels()];
        for (int k = 0; k < b.length; k++) {
            b[k] = ART[p].charAt(k) == '#';
        }
        return b;
    }

    /** Pattern p with each pixel flipped with probability noise. */
    public static boolean[] noisy(int p, double noise, SplittableRandom r) {
        boolean[] b = pattern(p);
        for (int k = 0; k < b.length; k++) {
            if (r.nextDouble() < noise) {
                b[k] = !b[k];
            }
        }
        return b;
    }

    /** Intensities (1 on, 0 off) of a binary image. */
    public static double[] intensity(boolean[] image) {
        double[] p = new double[image.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = image[k] ? 1 : 0;
        }
        return p;
    }
}
