package org.memspice.mif;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A batch of MIF neurons stepped in time without a netlist or a sparse matrix: the very same
 * equations as {@link MifNetlist} ({@link MifDynamics}), plus the alpha synapse
 *
 * <pre>
 *   C dv/dt = I + i_ext − I1(v − E1, x1) − I2(v − E2, x2),   dxi/dt = fi(v − Ei, xi)
 *   da/dt = −a/τα (+ e·q at an input spike of peak current q),   dI/dt = (a − I)/τα
 * </pre>
 *
 * where i_ext is an optional external current per neuron (a crossbar column's current, for
 * example), taken as linear across a step. The synapse is linear and integrated exactly; (v, x1,
 * x2) take trapezoidal steps solved by Newton with the analytic Jacobian. {@link #step(double)}
 * takes a fixed step; {@link #step(double, double[], double[], MifTape, int)} adds external
 * currents and records the step's sensitivities on a {@link MifTape} for backpropagation through
 * time; {@link #advance} covers an interval with step-doubling error control. When Newton's
 * iteration fails on a step, that neuron's step is retried as 2, 4, ... 64 equal trapezoidal
 * sub-steps (with the tape recording the composite sensitivity). Neurons start at their resting
 * state; each step counts read-out spikes (upward crossings of the threshold, timed by linear
 * interpolation).
 *
 * <p>Threading is explicit: {@link Threads#SINGLE} steps in the calling thread (for callers that
 * are already parallel, such as data-parallel training), {@link Threads#POOL} splits the batch over
 * the common fork-join pool, {@link Threads#AUTO} (the two-argument constructor) does so from
 * 2,048 neurons on. Every neuron's arithmetic is the same in all three.
 */
public final class MifNeuronBatch {
    /** How a batch's neurons are spread over threads. */
    public enum Threads { SINGLE, POOL, AUTO }

    private static final int MAX_NEWTON = 50;
    /**
     * Newton stops once its last correction is below 1e-9 (states; volts, plus 1e-6 of v): the
     * iteration converges quadratically, so the accepted point, which includes that correction,
     * is off by about its square.
     */
    private static final double NEWTON_TOL = 1e-9;
    /** Largest number of sub-steps a failed step is split into before giving up. */
    private static final int MAX_SUBSTEPS = 64;
    /** With {@link Threads#AUTO}, batches at least this large are stepped in parallel chunks. */
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
    /**
     * Per neuron: (v, x1, x2, membrane input current) where the last step ended, d(v, x1, x2)/dt
     * there, and its 3x3 Jacobian, reused by the next step when it starts from the same point.
     */
    private final double[] endPoint;
    private final double[] endJacobian;
    private final Stepper[] steppers;
    private final double[] rest;
    private double time;
    /** Scratch copies for step doubling, made on first use. */
    private MifNeuronBatch full;
    private MifNeuronBatch half;

    public MifNeuronBatch(MifParameters p, int n) {
        this(p, n, Threads.AUTO);
    }

    public MifNeuronBatch(MifParameters p, int n, Threads threads) {
        if (n < 1) {
            throw new IllegalArgumentException("a batch needs at least one neuron, got " + n);
        }
        this.p = p;
        this.n = n;
        v = new double[n];
        x1 = new double[n];
        x2 = new double[n];
        a = new double[n];
        i = new double[n];
        spikeCount = new int[n];
        lastSpikeTime = new double[n];
        endPoint = new double[7 * n];
        endJacobian = new double[9 * n];
        rest = new MifDynamics(p).restState();
        int chunks;
        if (threads == Threads.SINGLE || (threads == Threads.AUTO && n < PARALLEL_MIN)) {
            chunks = 1;
        } else {
            chunks = Math.max(1, Math.min(4 * Runtime.getRuntime().availableProcessors(), n / (PARALLEL_MIN / 4)));
        }
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
        Arrays.fill(endPoint, Double.NaN);
        time = 0;
    }

    /** The resting membrane voltage (V). */
    public double restVoltage() {
        return rest[0];
    }

    /** The resting state (v, x1, x2); a copy. */
    public double[] restState() {
        return rest.clone();
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

    /** Steps that Newton could not take whole and that were split into sub-steps. */
    public long splitSteps() {
        long sum = 0;
        for (Stepper st : steppers) {
            sum += st.splits;
        }
        return sum;
    }

    /** An input spike of peak synaptic current {@code peak} (A) arrives at neuron k now. */
    public void spike(int k, double peak) {
        a[k] += Math.E * peak;
    }

    /**
     * Advances every neuron by one trapezoidal step of length h, with no external current.
     *
     * @throws StepFailedException when a neuron's step fails even as 64 sub-steps; the batch is
     *     then left partly stepped
     */
    public void step(double h) {
        step(h, null, null, null, 0);
    }

    /**
     * Advances every neuron by one trapezoidal step of length h with external currents entering
     * the membranes: {@code iStart[k]} at the start of the step and {@code iEnd[k]} at its end
     * (either array null for none). When {@code tape} is not null, the step's sensitivities are
     * recorded in its slot {@code slot} (the tape must have this batch's size).
     *
     * @throws StepFailedException when a neuron's step fails even as 64 sub-steps; the batch is
     *     then left partly stepped
     */
    public void step(double h, double[] iStart, double[] iEnd, MifTape tape, int slot) {
        if (tape != null) {
            if (tape.neurons() != n) {
                throw new IllegalArgumentException("tape for " + tape.neurons() + " neurons, batch of " + n);
            }
            tape.stepLength[slot] = h;
        }
        int chunks = steppers.length;
        if (chunks == 1) {
            steppers[0].step(0, n, h, iStart, iEnd, tape, slot);
        } else {
            IntStream.range(0, chunks).parallel().forEach(c -> steppers[c].step(
                    (int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks), h, iStart, iEnd, tape, slot));
        }
        time += h;
    }

    /** One worker's scratch space: steps a range of neurons. */
    private final class Stepper {
        private final MifDynamics dynamics = new MifDynamics(p);
        private final double capacitance = p.capacitance();
        /** Start and end of a (sub-)step: rates and Jacobians. */
        private final double[] f0 = new double[3];
        private final double[] j0 = new double[9];
        private final double[] f1 = new double[3];
        private final double[] j1 = new double[9];
        private final double[] m = new double[9];
        private final double[] d = new double[3];
        /** End state of the last trapezoid solved. */
        private double zv;
        private double z1;
        private double z2;
        /** Composite sensitivity of a step: dz'/dz (3x3) and dz'/d(a, I, iStart, iEnd) (3x4), and scratch. */
        private final double[] sens = new double[9];
        private final double[] sensIn = new double[12];
        private final double[] stepA = new double[9];
        private final double[] inv = new double[9];
        private final double[] tmp = new double[12];
        private long iterations;
        private long splits;

        void step(int from, int to, double h, double[] iStart, double[] iEnd, MifTape tape, int slot) {
            double tau = p.synapseTau();
            double decay = Math.exp(-h / tau);
            double th = p.spikeThreshold();
            boolean record = tape != null;
            for (int k = from; k < to; k++) {
                double i0 = i[k];
                double i1 = decay * (i0 + a[k] * h / tau);
                double eS = iStart == null ? 0 : iStart[k];
                double eE = iEnd == null ? 0 : iEnd[k];
                double u0 = i0 + eS;
                double u1 = i1 + eE;
                int c = 7 * k;
                if (endPoint[c] == v[k] && endPoint[c + 1] == x1[k] && endPoint[c + 2] == x2[k] && endPoint[c + 3] == u0) {
                    // the previous step ended here: reuse its evaluation
                    f0[0] = endPoint[c + 4];
                    f0[1] = endPoint[c + 5];
                    f0[2] = endPoint[c + 6];
                    System.arraycopy(endJacobian, 9 * k, j0, 0, 9);
                } else {
                    dynamics.evaluate(v[k], x1[k], x2[k], u0, f0, j0);
                }
                if (trapezoid(v[k], x1[k], x2[k], u0, u1, h)) {
                    if (record) {
                        singleStepSensitivity(h, decay, tau);
                    }
                } else {
                    substeps(k, h, i0, a[k], eS, eE, tau, record);
                }
                System.arraycopy(j1, 0, endJacobian, 9 * k, 9);
                endPoint[c] = zv;
                endPoint[c + 1] = z1;
                endPoint[c + 2] = z2;
                endPoint[c + 3] = u1;
                endPoint[c + 4] = f1[0];
                endPoint[c + 5] = f1[1];
                endPoint[c + 6] = f1[2];
                if (record) {
                    int o = tape.offset(slot, k);
                    System.arraycopy(sens, 0, tape.data, o, 9);
                    System.arraycopy(sensIn, 0, tape.data, o + 9, 12);
                }
                if (v[k] < th && zv >= th) {
                    spikeCount[k]++;
                    lastSpikeTime[k] = time + h * (th - v[k]) / (zv - v[k]);
                }
                v[k] = zv;
                x1[k] = z1;
                x2[k] = z2;
                a[k] *= decay;
                i[k] = i1;
            }
        }

        /**
         * One trapezoidal step of (v, x1, x2) from the given state, with f0 (and j0) evaluated
         * there at membrane input u0 and input u1 at the end; on success the end state is in
         * (zv, z1, z2) and its rates and Jacobian in f1, j1.
         */
        private boolean trapezoid(double v0, double s10, double s20, double u0, double u1, double h) {
            // start from the explicit Euler predictor: about 2.5 instead of 3.1-3.4 evaluations per step
            double vv = v0 + h * f0[0];
            double s1 = clamp(s10 + h * f0[1]);
            double s2 = clamp(s20 + h * f0[2]);
            for (int it = 0; it < MAX_NEWTON; it++) {
                iterations++;
                dynamics.evaluate(vv, s1, s2, u1, f1, j1);
                double r0 = vv - v0 - 0.5 * h * (f0[0] + f1[0]);
                double r1 = s1 - s10 - 0.5 * h * (f0[1] + f1[1]);
                double r2 = s2 - s20 - 0.5 * h * (f0[2] + f1[2]);
                for (int q = 0; q < 9; q++) {
                    m[q] = (q % 4 == 0 ? 1 : 0) - 0.5 * h * j1[q];
                }
                try {
                    Small3.solveInto(m, r0, r1, r2, d);
                } catch (ArithmeticException e) {
                    return false;
                }
                double nv = vv - d[0];
                double n1 = clamp(s1 - d[1]);
                double n2 = clamp(s2 - d[2]);
                if (!Double.isFinite(nv)) {
                    return false;
                }
                if (Math.abs(d[0]) < NEWTON_TOL + 1e3 * NEWTON_TOL * Math.abs(nv) && Math.abs(d[1]) < NEWTON_TOL
                        && Math.abs(d[2]) < NEWTON_TOL) {
                    // converged: move the end evaluation by the last (tiny) correction to first
                    // order instead of evaluating again; the error is of the order of d squared
                    double e0 = nv - vv;
                    double e1 = n1 - s1;
                    double e2 = n2 - s2;
                    f1[0] += j1[0] * e0 + j1[1] * e1 + j1[2] * e2;
                    f1[1] += j1[3] * e0 + j1[4] * e1;
                    f1[2] += j1[6] * e0 + j1[8] * e2;
                    vv = nv;
                    s1 = n1;
                    s2 = n2;
                    zv = vv;
                    z1 = s1;
                    z2 = s2;
                    return true;
                }
                vv = nv;
                s1 = n1;
                s2 = n2;
            }
            return false;
        }

        /**
         * The sensitivity of the trapezoid just solved (length h, from j0 to j1): dz'/dz =
         * M·(1 + h/2·J0) and dz'/du = h/(2C)·M·e_v at either end, M = (1 − h/2·J1)^−1; into
         * {@code stepA} and the returned column factor in {@code d}.
         */
        private void trapezoidSensitivity(double h) {
            for (int q = 0; q < 9; q++) {
                m[q] = (q % 4 == 0 ? 1 : 0) - 0.5 * h * j1[q];
            }
            Small3.invertInto(m, inv);
            for (int r = 0; r < 3; r++) {
                for (int col = 0; col < 3; col++) {
                    double s = inv[3 * r + col];
                    for (int q = 0; q < 3; q++) {
                        s += inv[3 * r + q] * 0.5 * h * j0[3 * q + col];
                    }
                    stepA[3 * r + col] = s;
                }
            }
            double g = 0.5 * h / capacitance;
            d[0] = g * inv[0];
            d[1] = g * inv[3];
            d[2] = g * inv[6];
        }

        /** Fills sens/sensIn for a whole step taken as one trapezoid. */
        private void singleStepSensitivity(double h, double decay, double tau) {
            trapezoidSensitivity(h);
            System.arraycopy(stepA, 0, sens, 0, 9);
            // u0 = I + iStart, u1 = e·(I + a·h/τ) + iEnd
            double byA = decay * h / tau;
            double byI = 1 + decay;
            for (int r = 0; r < 3; r++) {
                sensIn[4 * r] = d[r] * byA;
                sensIn[4 * r + 1] = d[r] * byI;
                sensIn[4 * r + 2] = d[r];
                sensIn[4 * r + 3] = d[r];
            }
        }

        /**
         * Retries neuron k's step as 2, 4, ... equal sub-steps from its saved start (f0, j0 are
         * still its start evaluation), the inputs followed exactly (synapse) and linearly
         * (external current) inside the step; on success the end is in (zv, z1, z2), f1, j1 and the
         * composite sensitivity in sens/sensIn.
         */
        private void substeps(int k, double h, double i0, double a0, double eS, double eE, double tau, boolean record) {
            double[] startF = {f0[0], f0[1], f0[2]};
            double[] startJ = j0.clone();
            for (int parts = 2; parts <= MAX_SUBSTEPS; parts *= 2) {
                splits++;
                double hs = h / parts;
                double sv = v[k];
                double sx1 = x1[k];
                double sx2 = x2[k];
                System.arraycopy(startF, 0, f0, 0, 3);
                System.arraycopy(startJ, 0, j0, 0, 9);
                if (record) {
                    Arrays.fill(sens, 0);
                    sens[0] = 1;
                    sens[4] = 1;
                    sens[8] = 1;
                    Arrays.fill(sensIn, 0);
                }
                boolean ok = true;
                for (int part = 0; part < parts && ok; part++) {
                    double t0 = part * hs;
                    double t1 = (part + 1) * hs;
                    double u0 = alphaCurrent(i0, a0, t0, tau) + eS + (eE - eS) * t0 / h;
                    double u1 = alphaCurrent(i0, a0, t1, tau) + eS + (eE - eS) * t1 / h;
                    if (part > 0) {
                        dynamics.evaluate(sv, sx1, sx2, u0, f0, j0);
                    }
                    ok = trapezoid(sv, sx1, sx2, u0, u1, hs);
                    if (ok && record) {
                        trapezoidSensitivity(hs);
                        chain(t0, t1, h, tau);
                    }
                    sv = zv;
                    sx1 = z1;
                    sx2 = z2;
                }
                if (ok) {
                    return;
                }
            }
            throw new StepFailedException(String.format(java.util.Locale.ROOT,
                    "MIF neuron %d: Newton did not converge at t = %.9g s with step %.3g s, nor in %d sub-steps"
                    + " (v = %.6g V, x1 = %.6g, x2 = %.6g, synaptic current %.6g A, external %.6g A); take shorter steps",
                    k, time, h, MAX_SUBSTEPS, v[k], x1[k], x2[k], i0, eS), k, time);
        }

        /** sens ← A·sens, sensIn ← A·sensIn + d ⊗ (du(t0) + du(t1)) for one sub-step from t0 to t1. */
        private void chain(double t0, double t1, double h, double tau) {
            for (int r = 0; r < 3; r++) {
                for (int col = 0; col < 3; col++) {
                    tmp[3 * r + col] = stepA[3 * r] * sens[col] + stepA[3 * r + 1] * sens[3 + col] + stepA[3 * r + 2] * sens[6 + col];
                }
            }
            System.arraycopy(tmp, 0, sens, 0, 9);
            double e0 = Math.exp(-t0 / tau);
            double e1 = Math.exp(-t1 / tau);
            double byA = e0 * t0 / tau + e1 * t1 / tau;
            double byI = e0 + e1;
            double byStart = (1 - t0 / h) + (1 - t1 / h);
            double byEnd = t0 / h + t1 / h;
            for (int r = 0; r < 3; r++) {
                for (int col = 0; col < 4; col++) {
                    tmp[4 * r + col] = stepA[3 * r] * sensIn[col] + stepA[3 * r + 1] * sensIn[4 + col]
                            + stepA[3 * r + 2] * sensIn[8 + col];
                }
                tmp[4 * r] += d[r] * byA;
                tmp[4 * r + 1] += d[r] * byI;
                tmp[4 * r + 2] += d[r] * byStart;
                tmp[4 * r + 3] += d[r] * byEnd;
            }
            System.arraycopy(tmp, 0, sensIn, 0, 12);
        }
    }

    /** The alpha synapse's current a time t after a point where it had current i0 and state a0. */
    private static double alphaCurrent(double i0, double a0, double t, double tau) {
        return Math.exp(-t / tau) * (i0 + a0 * t / tau);
    }

    private static double clamp(double s) {
        return Math.max(0, Math.min(1, s));
    }

    /**
     * Covers {@code duration} with trapezoidal steps whose size follows a step-doubling error
     * estimate on v (tolerance {@code tol} volts), starting from {@code h}; returns the next step
     * size to try.
     */
    public double advance(double duration, double h, double tol) {
        double end = time + duration;
        if (full == null) {
            full = new MifNeuronBatch(p, n, steppers.length == 1 ? Threads.SINGLE : Threads.POOL);
            half = new MifNeuronBatch(p, n, steppers.length == 1 ? Threads.SINGLE : Threads.POOL);
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

    /** An independent copy of the batch in its present state (same threading). */
    public MifNeuronBatch copy() {
        MifNeuronBatch b = new MifNeuronBatch(p, n, steppers.length == 1 ? Threads.SINGLE : Threads.POOL);
        copyTo(b);
        return b;
    }

    private void copyTo(MifNeuronBatch o) {
        System.arraycopy(v, 0, o.v, 0, n);
        System.arraycopy(x1, 0, o.x1, 0, n);
        System.arraycopy(x2, 0, o.x2, 0, n);
        System.arraycopy(a, 0, o.a, 0, n);
        System.arraycopy(i, 0, o.i, 0, n);
        System.arraycopy(spikeCount, 0, o.spikeCount, 0, n);
        System.arraycopy(lastSpikeTime, 0, o.lastSpikeTime, 0, n);
        System.arraycopy(endPoint, 0, o.endPoint, 0, 7 * n);
        System.arraycopy(endJacobian, 0, o.endJacobian, 0, 9 * n);
        o.time = time;
    }
}
