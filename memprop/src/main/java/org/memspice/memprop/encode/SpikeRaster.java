package org.memspice.memprop.encode;

import java.util.Arrays;

/**
 * The input spikes of one sample: for each step n, the pixels that spike at its start
 * ({@code pixel[start[n] .. start[n+1])}). Reused from sample to sample; grows only when a
 * sample has more spikes than any before.
 */
public final class SpikeRaster {
    int[] start;
    int[] pixel = new int[1024];
    int count;

    public SpikeRaster(int steps) {
        start = new int[steps + 1];
    }

    void clear(int steps) {
        if (start.length < steps + 1) {
            start = new int[steps + 1];
        }
        count = 0;
    }

    /** No spikes at all (a padding sample of a chunk). */
    public void clearForPadding(int steps) {
        clear(steps);
        Arrays.fill(start, 0, steps + 1, 0);
    }

    void add(int p) {
        if (count == pixel.length) {
            pixel = Arrays.copyOf(pixel, 2 * count);
        }
        pixel[count++] = p;
    }

    public int from(int step) {
        return start[step];
    }

    public int to(int step) {
        return start[step + 1];
    }

    public int pixel(int k) {
        return pixel[k];
    }

    public int total() {
        return count;
    }
}
