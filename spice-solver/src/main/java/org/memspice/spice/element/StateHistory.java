package org.memspice.spice.element;

/**
 * Values of the integration states (charges, fluxes, device states) and of their time
 * derivatives at the present point and the three before it, as the integration formulas and
 * the truncation-error estimate need them. Index 0 is the point being solved.
 */
public final class StateHistory {
    /** Points kept: the present one and three accepted ones. */
    public static final int DEPTH = 4;

    private final int count;
    private final double[][] q;
    private final double[][] dq;
    private final boolean[] limitsStep;

    /** {@code limitsStep[k]}: whether state k's truncation error limits the time step. */
    public StateHistory(boolean[] limitsStep) {
        this.count = limitsStep.length;
        this.q = new double[DEPTH][count];
        this.dq = new double[DEPTH][count];
        this.limitsStep = limitsStep.clone();
    }

    public int count() {
        return count;
    }

    /** Whether state k's truncation error limits the time step. */
    public boolean limitsStep(int k) {
        return limitsStep[k];
    }

    /** State values {@code back} points ago (0 = present). */
    public double[] values(int back) {
        return q[back];
    }

    /** State derivatives {@code back} points ago (0 = present). */
    public double[] derivatives(int back) {
        return dq[back];
    }

    /** After an accepted point: the present becomes history, the oldest is dropped. */
    public void rotate() {
        double[] oq = q[DEPTH - 1];
        double[] od = dq[DEPTH - 1];
        for (int k = DEPTH - 1; k > 0; k--) {
            q[k] = q[k - 1];
            dq[k] = dq[k - 1];
        }
        System.arraycopy(q[1], 0, oq, 0, count);
        System.arraycopy(dq[1], 0, od, 0, count);
        q[0] = oq;
        dq[0] = od;
    }

    /** Makes every history point equal to the present (the start of a transient). */
    public void fillHistoryFromPresent() {
        for (int k = 1; k < DEPTH; k++) {
            System.arraycopy(q[0], 0, q[k], 0, count);
            System.arraycopy(dq[0], 0, dq[k], 0, count);
        }
    }
}
