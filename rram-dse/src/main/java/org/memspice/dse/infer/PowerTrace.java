package org.memspice.dse.infer;

/**
 * Receives every read of the images being traced: which image, layer, tile and read (in
 * order), the power the array drew from its row sources and the sum of its row voltages (for
 * side-channel studies: how much of the input shows in the supply).
 */
public interface PowerTrace {
    void read(int image, int layer, int tile, long readIndex, double power, double voltageSum);
}
