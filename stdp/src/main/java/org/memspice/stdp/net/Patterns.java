package org.memspice.stdp.net;

import java.util.SplittableRandom;

/**
 * The four binary 5x5 patterns of the recognition task, the letters T, L, X and O (10, 9, 9 and 12
 * of 25 pixels on; every pair shares 1 to 4 pixels), and their noisy presentations: each pixel
 * flipped with probability {@code noise}, an on pixel firing at {@code rate}, an off pixel silent.
 */
public final class Patterns {
    public static final int SIDE = 5;
    public static final String[] NAMES = {"T", "L", "X", "O"};
    private static final String[] ART = {
        "#####" + "..#.." + "..#.." + "..#.." + "..#..",
        "#...." + "#...." + "#...." + "#...." + "#####",
        "#...#" + ".#.#." + "..#.." + ".#.#." + "#...#",
        ".###." + "#...#" + "#...#" + "#...#" + ".###.",
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

    /** Input rates (Hz) of a binary image. */
    public static double[] rates(boolean[] image, double rate) {
        double[] r = new double[image.length];
        for (int k = 0; k < r.length; k++) {
            r[k] = image[k] ? rate : 0;
        }
        return r;
    }
}
