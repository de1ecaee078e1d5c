package org.memspice.stdp;

import java.util.Arrays;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.mif.MifNeuronBatch;

/**
 * The full waveform simulation of synapses between one pre-synaptic and one post-synaptic MIF
 * neuron: both neurons are the stepped model of mif-neuron (trapezoidal steps of
 * {@link SynapseSettings#step()}), each spike is an alpha pulse of peak {@link SynapseSettings#kick()}
 * into its neuron, each membrane drives its line through the {@link Electrode}, and every device
 * state integrates dx/dt = f(V_post(t) − V_pre(t), x) of the device-models model
 * ({@link DeviceDrift}). Several synapses with different starting states are simulated side by
 * side (they see the same voltages). Nothing here knows what STDP is: the window is what comes
 * out.
 */
public final class WaveformSynapse {
    /** Sub-step of the device integration: 1 µs (the device moves by well under 1e-4 of its range in it). */
    static final double DEVICE_SUBSTEP = 1e-6;
    private final SynapseSettings s;
    private final Electrode electrode;
    private final MemristorModel device;

    public WaveformSynapse(SynapseSettings s) {
        this.s = s;
        this.electrode = s.electrode();
        this.device = s.device();
    }

    public SynapseSettings settings() {
        return s;
    }

    public MemristorModel device() {
        return device;
    }

    /** A recorded run: time, both electrode voltages, the device voltage and each synapse's state. */
    public record Record(double[] time, double[] vPre, double[] vPost, double[] device, double[][] state) {
    }

    /**
     * Simulates spikes at {@code pre} and {@code post} times (s, increasing, on or after 0) until
     * {@code tEnd}, for synapses starting at {@code x0}; returns the end states, and when
     * {@code record} is not null fills it with every {@code every}-th step.
     */
    public double[] run(double[] pre, double[] post, double tEnd, double[] x0, RecordBuilder record) {
        double h = s.step();
        int steps = (int) Math.ceil(tEnd / h - 1e-9);
        MifNeuronBatch n = new MifNeuronBatch(s.neuron(), 2, MifNeuronBatch.Threads.SINGLE);
        DeviceDrift drift = new DeviceDrift(device, DEVICE_SUBSTEP);
        double[] x = x0.clone();
        int ip = 0;
        int iq = 0;
        double e0 = electrode.voltage(n.v[1]) - electrode.voltage(n.v[0]);
        for (int k = 0; k < steps; k++) {
            double t = k * h;
            // a spike arrives at the start of the step nearest to its time
            while (ip < pre.length && pre[ip] < t + 0.5 * h) {
                n.spike(0, s.kick());
                ip++;
            }
            while (iq < post.length && post[iq] < t + 0.5 * h) {
                n.spike(1, s.kick());
                iq++;
            }
            if (record != null) {
                record.add(k, t, electrode.voltage(n.v[0]), electrode.voltage(n.v[1]), x);
            }
            n.step(h);
            double e1 = electrode.voltage(n.v[1]) - electrode.voltage(n.v[0]);
            if (!drift.quiet(e0, e1)) {
                for (int q = 0; q < x.length; q++) {
                    x[q] = drift.step(x[q], e0, e1, h);
                }
            }
            e0 = e1;
        }
        if (record != null) {
            record.add(steps, steps * h, electrode.voltage(n.v[0]), electrode.voltage(n.v[1]), x);
        }
        return x;
    }

    /** The state change of a lone pair: pre at t0 + max(0, −Δt), post at t0 + max(0, Δt), run until both spikes are over. */
    public double[] pair(double dt, double[] x0) {
        double t0 = 2 * s.step();
        double tp = t0 + Math.max(0, -dt);
        double tq = t0 + Math.max(0, dt);
        double[] out = run(new double[] {tp}, new double[] {tq}, Math.max(tp, tq) + s.deadTime(), x0, null);
        for (int q = 0; q < out.length; q++) {
            out[q] -= x0[q];
        }
        return out;
    }

    /** The state change from one lone spike of the pre-synaptic (pre = true) or post-synaptic neuron. */
    public double[] single(boolean pre, double[] x0) {
        double t0 = 2 * s.step();
        double[] none = {};
        double[] one = {t0};
        double[] out = run(pre ? one : none, pre ? none : one, t0 + s.deadTime(), x0, null);
        for (int q = 0; q < out.length; q++) {
            out[q] -= x0[q];
        }
        return out;
    }

    /** Collects every {@code every}-th step of a run. */
    public static final class RecordBuilder {
        private final int every;
        private final int synapses;
        private double[] t = new double[64];
        private double[] a = new double[64];
        private double[] b = new double[64];
        private double[][] x;
        private int n;

        public RecordBuilder(int every, int synapses) {
            this.every = Math.max(1, every);
            this.synapses = synapses;
            this.x = new double[synapses][64];
        }

        void add(int k, double time, double pre, double post, double[] state) {
            if (k % every != 0) {
                return;
            }
            if (n == t.length) {
                t = Arrays.copyOf(t, 2 * n);
                a = Arrays.copyOf(a, 2 * n);
                b = Arrays.copyOf(b, 2 * n);
                for (int q = 0; q < synapses; q++) {
                    x[q] = Arrays.copyOf(x[q], 2 * n);
                }
            }
            t[n] = time;
            a[n] = pre;
            b[n] = post;
            for (int q = 0; q < synapses; q++) {
                x[q][n] = state[q];
            }
            n++;
        }

        public Record build() {
            double[] dev = new double[n];
            for (int k = 0; k < n; k++) {
                dev[k] = b[k] - a[k];
            }
            double[][] xs = new double[synapses][];
            for (int q = 0; q < synapses; q++) {
                xs[q] = Arrays.copyOf(x[q], n);
            }
            return new Record(Arrays.copyOf(t, n), Arrays.copyOf(a, n), Arrays.copyOf(b, n), dev, xs);
        }
    }
}
