package org.memspice.memprop.data;

/**
 * Labelled images: pixel intensities in [0, 1] as one flat array (image k occupies
 * [k·pixels, (k+1)·pixels)), labels 0-9, the image shape, and a note for the user when the files
 * were not whole (empty otherwise).
 */
public record Dataset(String name, float[] images, byte[] labels, int rows, int cols, String note) {

    public Dataset(String name, float[] images, byte[] labels, int rows, int cols) {
        this(name, images, labels, rows, cols, "");
    }

    public int size() {
        return labels.length;
    }

    public int pixels() {
        return rows * cols;
    }

    /** Number of classes (one more than the largest label). */
    public int classes() {
        int max = 0;
        for (byte b : labels) {
            max = Math.max(max, b);
        }
        return max + 1;
    }

    /** The images and labels at the given indices, in that order. */
    public Dataset subset(int[] indices, String suffix) {
        int p = pixels();
        float[] im = new float[indices.length * p];
        byte[] lb = new byte[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(images, indices[k] * p, im, k * p, p);
            lb[k] = labels[indices[k]];
        }
        return new Dataset(name + suffix, im, lb, rows, cols, note);
    }
}
