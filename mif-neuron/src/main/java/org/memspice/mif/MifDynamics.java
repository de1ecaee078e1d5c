package org.memspice.mif;

import org.memspice.devices.memristor.MemristorPoint;
import org.memspice.devices.memristor.VolatileThresholdSwitch;

/**
 * The right-hand side of one MIF neuron's membrane and memristor equations and its Jacobian,
 * with both memristors evaluated by {@link VolatileThresholdSwitch} (the code the circuit engine
 * stamps):
 *
 * <pre>
 *   dv/dt  = (I − I1(v − E1, x1) − I2(v − E2, x2)) / C
 *   dxi/dt = fi(v − Ei, xi)
 * </pre>
 *
 * Not thread-safe: it reuses two evaluation points.
 */
public final class MifDynamics {
    private final MifParameters p;
    private final VolatileThresholdSwitch memristor;
    private final MemristorPoint m1 = new MemristorPoint();
    private final MemristorPoint m2 = new MemristorPoint();

    public MifDynamics(MifParameters p) {
        this.p = p;
        this.memristor = new VolatileThresholdSwitch(p.memristor());
    }

    public MifParameters parameters() {
        return p;
    }

    /** The memristors' state before any voltage was applied (the model's x0). */
    public double initialState() {
        return memristor.initialState();
    }

    /**
     * Fills f with d(v, x1, x2)/dt at synaptic current isyn and j (3x3, row-major) with its
     * derivatives with respect to (v, x1, x2).
     */
    public void evaluate(double v, double x1, double x2, double isyn, double[] f, double[] j) {
        memristor.evaluate(v - p.e1(), x1, m1);
        memristor.evaluate(v - p.e2(), x2, m2);
        double c = p.capacitance();
        f[0] = (isyn - m1.current - m2.current) / c;
        f[1] = m1.rate;
        f[2] = m2.rate;
        j[0] = -(m1.dCurrentDv + m2.dCurrentDv) / c;
        j[1] = -m1.dCurrentDx / c;
        j[2] = -m2.dCurrentDx / c;
        j[3] = m1.dRateDv;
        j[4] = m1.dRateDx;
        j[5] = 0;
        j[6] = m2.dRateDv;
        j[7] = 0;
        j[8] = m2.dRateDx;
    }

    /**
     * The resting state (v, x1, x2) without input: the equilibrium the neuron relaxes to, found by
     * Newton's method from (0, x0, x0).
     */
    public double[] restState() {
        double[] s = {0, initialState(), initialState()};
        double[] f = new double[3];
        double[] j = new double[9];
        for (int it = 0; it < 200; it++) {
            evaluate(s[0], s[1], s[2], 0, f, j);
            double[] d = Small3.solve(j, f);
            // damp so the states stay in [0, 1] and the voltage moves at most 10 mV per iteration
            double damp = Math.min(1, 0.01 / Math.max(1e-300, Math.abs(d[0])));
            for (int q = 1; q < 3; q++) {
                if (s[q] - damp * d[q] < 0) {
                    damp = Math.min(damp, 0.5 * s[q] / d[q]);
                } else if (s[q] - damp * d[q] > 1) {
                    damp = Math.min(damp, 0.5 * (s[q] - 1) / d[q]);
                }
            }
            for (int q = 0; q < 3; q++) {
                s[q] -= damp * d[q];
            }
            if (damp == 1 && Math.abs(d[0]) < 1e-15 && Math.abs(d[1]) < 1e-15 && Math.abs(d[2]) < 1e-15) {
                return s;
            }
        }
        throw new IllegalStateException("no resting state found for " + p);
    }
}
