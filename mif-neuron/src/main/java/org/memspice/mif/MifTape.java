package org.memspice.mif;

/**
 * The sensitivities of a run of {@link MifNeuronBatch#step(double, double[], double[], MifTape, int)}
 * steps, one slot per step, for backpropagation through time: for every neuron k and step s, the
 * derivatives of the membrane state after the step, z' = (v, x1, x2), with respect to
 *
 * <ul>
 *   <li>the membrane state before it, z (3x3, {@code dz'/dz}),</li>
 *   <li>the alpha synapse's state before it, a and I,</li>
 *   <li>the external current at the step's start and at its end (iStart, iEnd).</li>
 * </ul>
 *
 * The synapse itself evolves exactly and linearly (a' = e·a, I' = e·(I + a·h/τα), e = e^(−h/τα)),
 * so {@link #vjp} needs nothing else to carry adjoints backwards through a whole step. Storage:
 * 21 doubles per neuron and step (a tape of 110 neurons over 100 steps is 1.8 MB), allocated once
 * and reused for every sample.
 */
public final class MifTape {
    /** Doubles stored per neuron and step: dz'/dz (9, row-major), then dz'/d(a, I, iStart, iEnd) (3 rows of 4). */
    static final int STRIDE = 21;
    private final int neurons;
    private final int slots;
    final double[] data;
    final double[] stepLength;

    public MifTape(int neurons, int slots) {
        if (neurons < 1 || slots < 1) {
            throw new IllegalArgumentException("a tape needs at least one neuron and one step, got " + neurons + " x " + slots);
        }
        if ((long) neurons * slots * STRIDE > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a tape of " + neurons + " neurons x " + slots
                    + " steps does not fit one array; use fewer neurons per batch or fewer steps");
        }
        this.neurons = neurons;
        this.slots = slots;
        this.data = new double[neurons * slots * STRIDE];
        this.stepLength = new double[slots];
    }

    public int neurons() {
        return neurons;
    }

    public int slots() {
        return slots;
    }

    int offset(int slot, int k) {
        return (slot * neurons + k) * STRIDE;
    }

    /**
     * d(v, x1, x2 after step {@code slot}) / d({@code column}) for neuron k, where column 0-2 are
     * v, x1, x2 before the step, 3 and 4 the synapse's a and I before it, 5 and 6 the external
     * current at the step's start and end. Row 0-2 is v, x1, x2 after the step.
     */
    public double sensitivity(int slot, int k, int row, int column) {
        int o = offset(slot, k);
        return column < 3 ? data[o + 3 * row + column] : data[o + 9 + 4 * row + column - 3];
    }

    /**
     * Carries adjoints backwards through step {@code slot} for the neurons {@code from..to-1}, in
     * place: on entry {@code lv, lx1, lx2, la, li} hold dL/d(state after the step), on return
     * dL/d(state before it); {@code gStart[k]} and {@code gEnd[k]} receive dL/d(external current
     * at the step's start and end) from this step alone (the end of one step is the start of the
     * next: the caller adds the two). {@code la}, {@code li} may be null when the synapse is unused
     * (its adjoint is then dropped); {@code gStart}, {@code gEnd} may be null when the external
     * current is not needed. Allocates nothing.
     */
    public void vjp(int slot, double tauAlpha, double[] lv, double[] lx1, double[] lx2, double[] la, double[] li,
            double[] gStart, double[] gEnd, int from, int to) {
        double h = stepLength[slot];
        double decay = Math.exp(-h / tauAlpha);
        double aToI = decay * h / tauAlpha;
        for (int k = from; k < to; k++) {
            int o = offset(slot, k);
            double l0 = lv[k];
            double l1 = lx1[k];
            double l2 = lx2[k];
            lv[k] = data[o] * l0 + data[o + 3] * l1 + data[o + 6] * l2;
            lx1[k] = data[o + 1] * l0 + data[o + 4] * l1 + data[o + 7] * l2;
            lx2[k] = data[o + 2] * l0 + data[o + 5] * l1 + data[o + 8] * l2;
            if (la != null) {
                double laAfter = la[k];
                double liAfter = li[k];
                la[k] = decay * laAfter + aToI * liAfter + data[o + 9] * l0 + data[o + 13] * l1 + data[o + 17] * l2;
                li[k] = decay * liAfter + data[o + 10] * l0 + data[o + 14] * l1 + data[o + 18] * l2;
            }
            if (gStart != null) {
                gStart[k] = data[o + 11] * l0 + data[o + 15] * l1 + data[o + 19] * l2;
                gEnd[k] = data[o + 12] * l0 + data[o + 16] * l1 + data[o + 20] * l2;
            }
        }
    }
}
