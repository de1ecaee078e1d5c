package org.memspice.memprop.net;

/** Channels x rows x columns of a layer's neurons or of the input image. */
public record Shape(int channels, int rows, int cols) {
    public int size() {
        return channels * rows * cols;
    }

    @Override
    public String toString() {
        return channels + "x" + rows + "x" + cols;
    }
}
