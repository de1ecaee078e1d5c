package org.memspice.dse.hw;

/**
 * A programmed tile as a circuit to read: row voltages in, column currents (into the columns'
 * virtual grounds) out, and the power the row sources deliver. An instance may keep per-read
 * buffers: {@link #copy} gives another thread its own.
 */
public interface TileCircuit {
    /** Reads with row voltages v (R values); writes the C column currents into out and returns the read's power (W). */
    double read(double[] v, double[] out);

    /** A circuit for another thread (this one when it keeps no per-read state). */
    TileCircuit copy();
}
