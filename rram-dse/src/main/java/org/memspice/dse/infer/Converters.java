package org.memspice.dse.infer;

import org.memspice.dse.DesignPoint;

/**
 * The row DACs of a layer: an input x becomes row voltages V = ±(digit/(2^b − 1))·V_read in
 * {@link #slices} reads of b bits each (input bit slicing; one read when all bits go at once),
 * whose results recombine with {@link #weight}. Ideal (0-bit) DACs pass V = x/x_max·V_read
 * unclipped. Quantized inputs are magnitudes of B bits over [0, x_max], signed when the layer
 * sees negative inputs; values beyond the range are clipped (and counted).
 */
final class Converters {
    private final int bits;
    private final int bitsPerRead;
    private final int slices;
    private final long levels;
    private final long digitMax;
    private final double xMax;
    private final boolean signed;
    private final double readVoltage;
    private final double[] weight;

    Converters(DesignPoint p, double xMax, boolean signed) {
        this.bits = p.dacBits;
        this.bitsPerRead = p.inputBitsPerRead == 0 ? bits : p.inputBitsPerRead;
        this.slices = bits == 0 ? 1 : (bits + bitsPerRead - 1) / bitsPerRead;
        this.levels = bits == 0 ? 0 : (1L << bits) - 1;
        this.digitMax = bits == 0 ? 0 : (1L << bitsPerRead) - 1;
        this.xMax = xMax;
        this.signed = signed;
        this.readVoltage = p.readVoltage;
        this.weight = new double[slices];
        for (int s = 0; s < slices; s++) {
            weight[s] = bits == 0 ? 1 : (double) (1L << (bitsPerRead * s)) * digitMax / levels;
        }
    }

    int slices() {
        return slices;
    }

    /** Bits one conversion resolves (0 for ideal). */
    int bitsPerRead() {
        return bits == 0 ? 0 : bitsPerRead;
    }

    double weight(int slice) {
        return weight[slice];
    }

    double fullScale() {
        return xMax;
    }

    /** The row voltage of input x in read {@code slice}; counts a clipped input into tally when slice is 0. */
    double voltage(double x, int slice, Tally tally) {
        if (bits == 0) {
            return x / xMax * readVoltage;
        }
        double mag = signed ? Math.abs(x) : Math.max(0, x);
        if (slice == 0 && (mag > xMax || (!signed && x < 0))) {
            tally.dacClips++;
        }
        long code = Math.round(Math.min(mag / xMax, 1) * levels);
        long digit = (code >> (bitsPerRead * slice)) & digitMax;
        double v = digit / (double) digitMax * readVoltage;
        return x < 0 && signed ? -v : v;
    }
}
