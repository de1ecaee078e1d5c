package org.memspice.mif;

import java.util.Arrays;
import org.memspice.devices.memristor.MemristorPoint;
import org.memspice.devices.memristor.VolatileThresholdSwitch;

/**
 * A batch of MIF neurons stepped in time without a netlist or a sparse matrix: the very same
 * equations as {@link MifNetlist}, with the memristors evaluated by the same
 * {@link VolatileThresholdSwitch} code the circuit engine stamps.
 *
 * <pre>
 *   C dv/dt  = I − I1(v − E1, x1) − I2(v − E2, x2)
 *   dxi/dt   = f(v − Ei, xi)
 *   da/dt    = −a/τα (+ e·q at an input spike of peak current q)
 *   dI/dt    = (a − I)/τα
 * </pre>
 *
 * The synapse is linear and integrated exactly; (v, x1, x2) take trapezoidal steps solved by
 * Newton with the analytic Jacobian, which {@link #stepJacobian} also returns for
 * backpropagation through time. {@link #step} takes a fixed step; {@link #advance} covers an
 * interval with step-doubling error control.
 */
public final class MifNeuronBatch {
    private final MifParameters p;
    private final VolatileThresholdSwitch memristor;
    private final int n;
    /** Membrane voltage (V), memristor states, synapse variables (A), per neuron. */
    public final double[] v;
    public final double[] x1;
    public final double[] x2;
    public final double[] a;
    public final double[] i;
    private final MemristorPoint m1 = new MemristorPoint();
    private final MemristorPoint m2 = new MemristorPoint();
    private final double[] jac = new double[9];
    private final double[] lastJacobianStart;
    private final double[] lastJacobianEnd;
    private double time;

    public MifNeuronBatch(MifParameters p, int n) {
        this.p = p;
        this.memristor = new VolatileThresholdSwitch(p.memristor());
        this.n = n;
        v = new double[n];
        x1 = new double[n];
        x2 = new double[n];
        a = new double[n];
        i = new double[n];
        double x0 = memristor.initialState();
        Arrays.fill(x1, x0);
        Arrays.fill(x2, x0);
        lastJacobianStart = new double[9 * n];
        lastJacobianEnd = new double[9 * n];
    }

    public int size() {
        return n;
    }

    public double time() {
        return time;
    }

    /** An input spike of peak synaptic current {@code peak} (A) arrives at neuron k now. */
    public void spike(int k, double peak) {
        a[k] += Math.E * peak;
    }

    /** Right-hand side of (v, x1, x2) for neuron k at synaptic current isyn; fills jac (3x3, row-major). */
    private void derivatives(double vv, double s1, double s2, double isyn, double[] f, double[] j) {
        memristor.evaluate(vv - p.e1(), s1, m1);
        memristor.evaluate(vv - p.e2(), s2, m2);
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

    /** Advances every neuron by one trapezoidal step of length h. */
    public void step(double h) {
        double decay = Math.exp(-h / p.synapseTau());
        double[] f0 = new double[3];
        double[] f1 = new double[3];
        double[] j0 = new double[9];
        double[] r = new double[3];
        double[] m = new double[9];
        for (int k = 0; k < n; k++) {
            double i0 = i[k];
            double a1 = a[k] * decay;
            double i1 = decay * (i0 + a[k] * h / p.synapseTau());
            derivatives(v[k], x1[k], x2[k], i0, f0, j0);
            System.arraycopy(j0, 0, lastJacobianStart, 9 * k, 9);
            double vv = v[k];
            double s1 = x1[k];
            double s2 = x2[k];
            for (int it = 0; it < 50; it++) {
                derivatives(vv, s1, s2, i1, f1, jac);
                r[0] = vv - v[k] - 0.5 * h * (f0[0] + f1[0]);
                r[1] = s1 - x1[k] - 0.5 * h * (f0[1] + f1[1]);
                r[2] = s2 - x2[k] - 0.5 * h * (f0[2] + f1[2]);
                for (int q = 0; q < 9; q++) {
                    m[q] = (q % 4 == 0 ? 1 : 0) - 0.5 * h * jac[q];
                }
                double[] d = solve3(m, r);
                vv -= d[0];
                s1 = Math.max(0, Math.min(1, s1 - d[1]));
                s2 = Math.max(0, Math.min(1, s2 - d[2]));
                if (Math.abs(d[0]) < 1e-12 + 1e-9 * Math.abs(vv) && Math.abs(d[1]) < 1e-12 && Math.abs(d[2]) < 1e-12) {
                    break;
                }
            }
            derivatives(vv, s1, s2, i1, f1, jac);
            System.arraycopy(jac, 0, lastJacobianEnd, 9 * k, 9);
            v[k] = vv;
            x1[k] = s1;
            x2[k] = s2;
            a[k] = a1;
            i[k] = i1;
        }
        time += h;
    }

    /**
     * d(v, x1, x2 after the last step)/d(v, x1, x2 before it) for neuron k, row-major 3x3:
     * (I − h/2·J_end)^−1 (I + h/2·J_start), the trapezoidal rule's sensitivity, for BPTT.
     */
    public double[] stepJacobian(int k, double h) {
        double[] left = new double[9];
        double[] right = new double[9];
        for (int q = 0; q < 9; q++) {
            double id = q % 4 == 0 ? 1 : 0;
            left[q] = id - 0.5 * h * lastJacobianEnd[9 * k + q];
            right[q] = id + 0.5 * h * lastJacobianStart[9 * k + q];
        }
        double[] out = new double[9];
        for (int c = 0; c < 3; c++) {
            double[] col = solve3(left, new double[] {right[c], right[3 + c], right[6 + c]});
            out[c] = col[0];
            out[3 + c] = col[1];
            out[6 + c] = col[2];
        }
        return out;
    }

    /**
     * Covers {@code duration} with trapezoidal steps whose size follows a step-doubling error
     * estimate on v (tolerance {@code tol} volts), starting from {@code h}; returns the last step used.
     */
    public double advance(double duration, double h, double tol) {
        double end = time + duration;
        MifNeuronBatch full = new MifNeuronBatch(p, n);
        MifNeuronBatch half = new MifNeuronBatch(p, n);
        while (time < end - 1e-15) {
            double step = Math.min(h, end - time);
            copyTo(full);
            copyTo(half);
            full.step(step);
            half.step(step / 2);
            half.step(step / 2);
            double err = 0;
            for (int k = 0; k < n; k++) {
                err = Math.max(err, Math.abs(full.v[k] - half.v[k]) / 3);
            }
            if (err <= tol || step <= 1e-9) {
                half.copyTo(this);
                time = half.time;
                h = err == 0 ? 2 * step : Math.min(2 * step, 0.9 * step * Math.sqrt(tol / err));
            } else {
                h = Math.max(step / 4, 0.9 * step * Math.sqrt(tol / err));
            }
        }
        return h;
    }

    private void copyTo(MifNeuronBatch o) {
        System.arraycopy(v, 0, o.v, 0, n);
        System.arraycopy(x1, 0, o.x1, 0, n);
        System.arraycopy(x2, 0, o.x2, 0, n);
        System.arraycopy(a, 0, o.a, 0, n);
        System.arraycopy(i, 0, o.i, 0, n);
        o.time = time;
    }

    /** Solves the 3x3 system m·d = r by Gaussian elimination with partial pivoting. */
    static double[] solve3(double[] m, double[] r) {
        double[][] A = {{m[0], m[1], m[2], r[0]}, {m[3], m[4], m[5], r[1]}, {m[6], m[7], m[8], r[2]}};
        for (int c = 0; c < 3; c++) {
            int piv = c;
            for (int rr = c + 1; rr < 3; rr++) {
                if (Math.abs(A[rr][c]) > Math.abs(A[piv][c])) {
                    piv = rr;
                }
            }
            double[] t = A[c];
            A[c] = A[piv];
            A[piv] = t;
            for (int rr = c + 1; rr < 3; rr++) {
                double f = A[rr][c] / A[c][c];
                for (int q = c; q < 4; q++) {
                    A[rr][q] -= f * A[c][q];
                }
            }
        }
        double[] d = new double[3];
        for (int c = 2; c >= 0; c--) {
            double s = A[c][3];
            for (int q = c + 1; q < 3; q++) {
                s -= A[c][q] * d[q];
            }
            d[c] = s / A[c][c];
        }
        return d;
    }
}
