package org.memspice.dse.map;

import org.memspice.dse.DesignPoint;

/**
 * How a normalized weight q in [−1, 1] becomes normalized cell values in [0, 1], slice by slice
 * (a cell then holds G = G_low + value·(G_high − G_low)), and how the slices' column currents
 * recombine: Σ_s sliceWeight[s]·(value⁺_s − value⁻_s) = q for the differential encoding (a G⁺ and a
 * G⁻ column per weight, subtracted before the ADC), Σ_s sliceWeight[s]·(value_s − reference_s) = q
 * for the offset encoding (one column per weight and a reference column per slice holding the
 * offset, subtracted before the ADC).
 *
 * <p>Analog weights (weight_bits 0) are one slice: differential value⁺ = max(q, 0),
 * value⁻ = max(−q, 0); offset value = (q + 1)/2 against a reference of 1/2. Quantized weights
 * are integers Q = round(q·Qmax), Qmax = 2^B − 1 (B = weight_bits): differential pairs hold
 * the digits of |Q| in base 2^b (b = bits_per_cell, all B bits when 0) on the side of Q's sign;
 * the offset encoding holds the digits of the unsigned Q + Qmax (B + 1 bits) and references the
 * digits of Qmax. A digit d of a b-bit slice is the value d/(2^b − 1), so 2^b evenly spaced
 * conductance levels hold it exactly.
 */
public final class CellCoding {
    private final boolean differential;
    private final int bits;
    private final int cellBits;
    private final int slices;
    private final double[] sliceWeight;
    private final double[] reference;
    private final long qmax;
    private final long digitMax;

    public CellCoding(DesignPoint p) {
        this.differential = p.encoding == DesignPoint.Encoding.DIFFERENTIAL;
        this.bits = p.weightBits;
        if (bits == 0) {
            cellBits = 0;
            slices = 1;
            qmax = 0;
            digitMax = 0;
            sliceWeight = new double[] {differential ? 1 : 2};
            reference = new double[] {0.5};
        } else {
            int total = differential ? bits : bits + 1;
            cellBits = p.bitsPerCell == 0 ? total : p.bitsPerCell;
            slices = (total + cellBits - 1) / cellBits;
            qmax = (1L << bits) - 1;
            digitMax = (1L << cellBits) - 1;
            sliceWeight = new double[slices];
            reference = new double[slices];
            for (int s = 0; s < slices; s++) {
                sliceWeight[s] = (double) (1L << (cellBits * s)) * digitMax / qmax;
                reference[s] = differential ? 0 : ((qmax >> (cellBits * s)) & digitMax) / (double) digitMax;
            }
        }
    }

    public boolean differential() {
        return differential;
    }

    public int slices() {
        return slices;
    }

    /** Columns one output takes in a tile: 2 per slice (differential) or 1 per slice (offset). */
    public int columnsPerOutput() {
        return differential ? 2 * slices : slices;
    }

    /** Reference columns a block of outputs needs (offset: one per slice). */
    public int referenceColumns() {
        return differential ? 0 : slices;
    }

    /** The recombination factor of slice s. */
    public double sliceWeight(int s) {
        return sliceWeight[s];
    }

    /** The offset encoding's reference value of slice s. */
    public double reference(int s) {
        return reference[s];
    }

    /** The weight a q becomes after quantization (q itself for analog weights). */
    public double quantized(double q) {
        double c = Math.max(-1, Math.min(1, q));
        return bits == 0 ? c : Math.round(c * qmax) / (double) qmax;
    }

    /**
     * Normalized cell values of q (clipped to [−1, 1]) for every slice: plus[s] and minus[s] for
     * the differential encoding, plus[s] alone for the offset one.
     */
    public void encode(double q, double[] plus, double[] minus) {
        double c = Math.max(-1, Math.min(1, q));
        if (bits == 0) {
            if (differential) {
                plus[0] = Math.max(c, 0);
                minus[0] = Math.max(-c, 0);
            } else {
                plus[0] = (c + 1) / 2;
            }
            return;
        }
        long signed = Math.round(c * qmax);
        long unsigned = differential ? Math.abs(signed) : signed + qmax;
        for (int s = 0; s < slices; s++) {
            double digit = ((unsigned >> (cellBits * s)) & digitMax) / (double) digitMax;
            if (differential) {
                plus[s] = signed > 0 ? digit : 0;
                minus[s] = signed < 0 ? digit : 0;
            } else {
                plus[s] = digit;
            }
        }
    }
}
