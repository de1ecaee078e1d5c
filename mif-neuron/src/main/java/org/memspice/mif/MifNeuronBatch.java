package org.memspice.mif;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A batch of MIF neurons stepped in time without a netlist or a sparse matrix: the very same
 * equations as {@link MifNetlist} ({@link MifDynamics}), plus the alpha synapse
 *
 * <pre>
 *   da/dt = −a/τα (+ e·q at an input spike of peak current q),   dI/dt = (a − I)/τα
 * </pre>
 *
 * The synapse is linear and integrated exactly; (v, x1, x2) take trapezoidal steps solved by
 * Newton with the analytic Jacobian, which {@link #stepJacobian} also returns for
 * backpropagation through time. {@link #step} takes a fixed step; {@link #advance} covers an
 * interval with step-doubling error control. Neurons start at their resting state; each step
 * counts read-out spikes (upward crossings of the threshold, timed by linear interpolation).
 */
public final class MifNeuronBatch {
    private static final int MAX_NEWTON = 50;
    /** Batches at least this large are stepped in parallel chunks. */
    private static final int PARALLEL_MIN = 2048;
    private final MifParameters p;
    private final int n;
    /** Membrane voltage (V), memristor states, synapse variables (A), per neuron. */
    public final double[] v;
    public final double[] x1;
    public final double[] x2;
    public final double[] a;
    public final double[] i;
    /** Read-out spikes so far (upward crossings of the spike threshold) and the time of the last one. */
    public final int[] spikeCount;
    public final double[] lastSpikeTime;
    private final double[] lastJacobianStart;
    private final double[] lastJacobianEnd;
    /** Per neuron: (v, x1, x2, I) where the last step ended and d(v, x1, x2)/dt there, reused by the next step. */
    private final double[] endPoint;
    private final Stepper[] steppers;
    private final double[] rest;
    private double time;
    /** Scratch copies for step doubling, made on first use. */
    private MifNeuronBatch full;
    private MifNeuronBatch half;

    public MifNeuronBatch(MifParameters p, int n) {
        this.p = p;

        this.n = n;
        v = new double[n];
        x1 = new double[n];
        x2 = new double[n];
        a = new double[n];
        i = new double[n];
        spikeCount = new int[n];
        lastSpikeTime = new double[n];
        lastJacobianStart = new double[9 * n];
        lastJacobianEnd = new double[9 * n];
        endPoint = new double[7 * n];
        Arrays.fill(endPoint, Double.NaN);
        rest = new MifDynamics(p).restState();
        int chunks = n < PARALLEL_MIN ? 1 : Math.min(4 * Runtime.getRuntime().availableProcessors(), n / (PARALLEL_MIN / 4));
        steppers = new Stepper[chunks];
        for (int c = 0; c < chunks; c++) {
            steppers[c] = new Stepper();
        }
        resetToRest();
    }

    /** Puts every neuron at its resting state with a quiet synapse, at time 0. */
    public void resetToRest() {
        Arrays.fill(v, rest[0]);
        Arrays.fill(x1, rest[1]);
        Arrays.fill(x2, rest[2]);
        Arrays.fill(a, 0);
        Arrays.fill(i, 0);
        Arrays.fill(spikeCount, 0);
        Arrays.fill(lastSpikeTime, Double.NaN);
        time = 0;
    }

    /** The resting membrane voltage (V). */
    public double restVoltage() {
        return rest[0];
    }

    public MifParameters parameters() {
        return p;
    }

    public int size() {
        return n;
    }

    public double time() {
        return time;
    }

    /** Newton iterations taken by all neurons so far (a cost measure: each evaluates both memristors). */
    public long newtonIterations() {
        long sum = 0;
        for (Stepper st : steppers) {
            sum += st.iterations;
        }
        return sum;
    }

    /** An input spike of peak synaptic current {@code peak} (A) arrives at neuron k now. */
    public void spike(int k, double peak) {
        a[k] += Math.E * peak;
    }

    /**
     * Advances every neuron by one trapezoidal step of length h; large batches are split over the
     * common fork-join pool (each neuron's arithmetic is the same either way).
     *
     * @throws StepFailedException when a neuron's Newton iteration does not converge (the step is
     *     too long for the dynamics); the batch is then left partly stepped
     */
    public void step(double h) {
        int chunks = steppers.length;
        if (chunks == 1) {
            steppers[0].step(0, n, h);
        } else {
            IntStream.range(0, chunks).parallel().forEach(c -> steppers[c].step(
                    (int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks), h));
        }
        time += h;
    }

    /** One worker's scratch space: steps a range of neurons. */
    private final class Stepper {
        private final MifDynamics dynamics = new MifDynamics(p);
        private final double[] f0 = new double[3];
        private final double[] f1 = new double[3];
        private final double[] j1 = new double[9];
        private final double[] m = new double[9];
        private final double[] d = new double[3];
        private long iterations;

        void step(int from, int to, double h) {
            double tau = p.synapseTau();
            double decay = Math.exp(-h / tau);
            double th = p.spikeThreshold();
            for (int k = from; k < to; k++) {
                double i0 = i[k];
                double i1 = decay * (i0 + a[k] * h / tau);
                int c = 7 * k;
                if (endPoint[c] == v[k] && endPoint[c + 1] == x1[k] && endPoint[c + 2] == x2[k] && endPoint[c + 3] == i0) {
                    // the previous step ended here: reuse its evaluation
                    f0[0] = endPoint[c + 4];
                    f0[1] = endPoint[c + 5];
                    f0[2] = endPoint[c + 6];
                    System.arraycopy(lastJacobianEnd, 9 * k, lastJacobianStart, 9 * k, 9);
                } else {
                    dynamics.evaluate(v[k], x1[k], x2[k], i0, f0, j1);
                    System.arraycopy(j1, 0, lastJacobianStart, 9 * k, 9);
                }
                double vv = v[k];
                double s1 = x1[k];
                double s2 = x2[k];
                boolean converged = false;
                for (int it = 0; it < MAX_NEWTON && !converged; it++) {
                    iterations++;
                    dynamics.evaluate(vv, s1, s2, i1, f1, j1);
                    double r0 = vv - v[k] - 0.5 * h * (f0[0] + f1[0]);
                    double r1 = s1 - x1[k] - 0.5 * h * (f0[1] + f1[1]);
                    double r2 = s2 - x2[k] - 0.5 * h * (f0[2] + f1[2]);
                    for (int q = 0; q < 9; q++) {
                        m[q] = (q % 4 == 0 ? 1 : 0) - 0.5 * h * j1[q];
                    }
                    Small3.solveInto(m, r0, r1, r2, d);
                    vv -= d[0];
                    s1 = clamp(s1 - d[1]);
                    s2 = clamp(s2 - d[2]);
                    converged = Math.abs(d[0]) < 1e-12 + 1e-9 * Math.abs(vv) && Math.abs(d[1]) < 1e-12
                            && Math.abs(d[2]) < 1e-12;
                }
                if (!converged) {
                    throw new StepFailedException(String.format(java.util.Locale.ROOT,
                            "MIF neuron %d: Newton did not converge in %d iterations at t = %.9g s with step %.3g s"
                            + " (v = %.6g V, x1 = %.6g, x2 = %.6g); take shorter steps or use advance()",
                            k, MAX_NEWTON, time, h, v[k], x1[k], x2[k]));
                }
                dynamics.evaluate(vv, s1, s2, i1, f1, j1);
                System.arraycopy(j1, 0, lastJacobianEnd, 9 * k, 9);
                endPoint[c] = vv;
                endPoint[c + 1] = s1;
                endPoint[c + 2] = s2;
                endPoint[c + 3] = i1;
                endPoint[c + 4] = f1[0];
                endPoint[c + 5] = f1[1];
                endPoint[c + 6] = f1[2];
                if (v[k] < th && vv >= th) {
                    spikeCount[k]++;
                    lastSpikeTime[k] = time + h * (th - v[k]) / (vv - v[k]);
                }
                v[k] = vv;
                x1[k] = s1;
                x2[k] = s2;
                a[k] *= decay;
                i[k] = i1;
            }
        }
    }

    private static double clamp(double s) {
        return Math.max(0, Math.min(1, s));
    }

    /** Number of state variables per neuron in {@link #stepJacobian}: (v, x1, x2, a, I). */
    public static final int STATE_SIZE = 5;

    /**
     * The sensitivity of the last {@link #step} (of length h) for neuron k, row-major 5x5 (not of
     * {@link #advance}, whose internal steps are not recorded): d(v, x1, x2, a, I after the step) /
     * d(v, x1, x2, a, I before it), for backpropagation through time. The membrane block is the
     * trapezoidal rule's (I − h/2·J_end)^−1 (I + h/2·J_start); the synapse enters through the
     * current I at both ends of the step (dI_end/dI = e^(−h/τα), dI_end/da = e^(−h/τα)·h/τα) and
     * evolves exactly. An input spike adds e·q to a before a step, so dLoss/dq = e·dLoss/da.
     */
    public double[] stepJacobian(int k, double h) {
        double tau = p.synapseTau();
        double decay = Math.exp(-h / tau);
        double c = p.capacitance();
        double[] left = new double[9];
        double[] right = new double[9];
        for (int q = 0; q < 9; q++) {
            double id = q % 4 == 0 ? 1 : 0;
            left[q] = id - 0.5 * h * lastJacobianEnd[9 * k + q];
            right[q] = id + 0.5 * h * lastJacobianStart[9 * k + q];
        }
        int n5 = STATE_SIZE;
        double[] out = new double[n5 * n5];
        double[] col = new double[3];
        for (int cc = 0; cc < 3; cc++) {
            Small3.solveInto(left, right[cc], right[3 + cc], right[6 + cc], col);
            for (int r = 0; r < 3; r++) {
                out[n5 * r + cc] = col[r];
            }
        }
        // the synapse enters the membrane row only: h/2·(dI_start + dI_end)/C per unit of a or I
        double viaA = 0.5 * h / c * (decay * h / tau);
        double viaI = 0.5 * h / c * (1 + decay);
        for (int cc = 3; cc < 5; cc++) {
            Small3.solveInto(left, cc == 3 ? viaA : viaI, 0, 0, col);
            for (int r = 0; r < 3; r++) {
                out[n5 * r + cc] = col[r];
            }
        }
        out[n5 * 3 + 3] = decay; // a' = decay·a
        out[n5 * 4 + 3] = decay * h / tau; // I' = decay·(I + a·h/τ)
        out[n5 * 4 + 4] = decay;
        return out;
    }

    /**
     * Covers {@code duration} with trapezoidal steps whose size follows a step-doubling error
     * estimate on v (tolerance {@code tol} volts), starting from {@code h}; returns the next step
     * size to try.
     */
    public double advance(double duration, double h, double tol) {
        double end = time + duration;
        if (full == null) {
            full = new MifNeuronBatch(p, n);
            half = new MifNeuronBatch(p, n);
        }
        while (time < end - 1e-15) {
            double step = Math.min(h, end - time);
            copyTo(full);
            copyTo(half);
            try {
                full.step(step);
                half.step(step / 2);
                half.step(step / 2);
            } catch (StepFailedException e) {
                if (step <= 1e-12) {
                    throw e;
                }
                h = step / 8;
                continue;
            }
            double err = 0;
            for (int k = 0; k < n; k++) {
                err = Math.max(err, Math.abs(full.v[k] - half.v[k]) / 3);
            }
            if (err <= tol || step <= 1e-9) {
                half.copyTo(this);
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
        System.arraycopy(spikeCount, 0, o.spikeCount, 0, n);
        System.arraycopy(lastSpikeTime, 0, o.lastSpikeTime, 0, n);
        o.time = time;
    }
}
