package org.memspice.devices.memristor;

/** Results of a batched evaluation: one entry per device, same meaning as {@link MemristorPoint}. */
public final class MemristorBatch {
    public final double[] current;
    public final double[] dCurrentDv;
    public final double[] dCurrentDx;
    public final double[] rate;
    public final double[] dRateDv;
    public final double[] dRateDx;

    public MemristorBatch(int capacity) {
        current = new double[capacity];
        dCurrentDv = new double[capacity];
        dCurrentDx = new double[capacity];
        rate = new double[capacity];
        dRateDv = new double[capacity];
        dRateDx = new double[capacity];
    }
}
