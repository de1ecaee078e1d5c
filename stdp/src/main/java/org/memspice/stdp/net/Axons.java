package org.memspice.stdp.net;

import java.util.Arrays;
import org.memspice.mif.MifNeuronBatch;
import org.memspice.stdp.Electrode;
import org.memspice.stdp.SynapseSettings;

/**
 * A bank of spiking MIF neurons that drive crossbar lines: each is kicked by an alpha pulse of
 * the standard peak and its membrane drives its line through the {@link Electrode}. Either every
 * neuron is stepped (the stepped model of mif-neuron) or each replays the electrode waveform of one
 * MIF spike from rest recorded with that same stepped model ({@link NetworkSettings.Axons}).
 * {@link #voltage} holds every line's voltage at the present time; {@link #active} lists the lines
 * that are not at 0 V.
 */
final class Axons {
    private final int n;
    private final SynapseSettings s;
    private final Electrode electrode;
    private final MifNeuronBatch batch;
    /** Replay: the electrode waveform after a kick, one value per step (index 0: the kick's own time). */
    private final double[] waveform;
    private final int[] age;
    /** Line voltages now. */
    final double[] voltage;
    /** Indices of lines not at 0 V, and how many. */
    final int[] active;
    int activeCount;

    Axons(SynapseSettings s, int n, double h, boolean replay) {
        this.n = n;
        this.s = s;
        this.electrode = s.electrode();
        this.voltage = new double[n];
        this.active = new int[n];
        if (replay) {
            this.batch = null;
            this.waveform = recordWaveform(s, h);
            this.age = new int[n];
            Arrays.fill(age, -1);
        } else {
            this.batch = new MifNeuronBatch(s.neuron(), n, MifNeuronBatch.Threads.SINGLE);
            this.waveform = null;
            this.age = null;
        }
    }

    /** The electrode waveform of one spike from rest, sampled every step h until it is back at 0 V for good. */
    static double[] recordWaveform(SynapseSettings s, double h) {
        MifNeuronBatch one = new MifNeuronBatch(s.neuron(), 1, MifNeuronBatch.Threads.SINGLE);
        Electrode e = s.electrode();
        int steps = (int) Math.ceil(s.deadTime() / h);
        double[] w = new double[steps + 1];
        one.spike(0, s.kick());
        w[0] = e.voltage(one.v[0]);
        int last = 0;
        for (int k = 1; k <= steps; k++) {
            one.step(h);
            w[k] = e.voltage(one.v[0]);
            if (w[k] != 0) {
                last = k;
            }
        }
        return Arrays.copyOf(w, last + 1);
    }

    /** A spike of neuron k now. */
    void kick(int k) {
        if (batch != null) {
            batch.spike(k, s.kick());
        } else {
            age[k] = 0;
            voltage[k] = waveform[0];
        }
    }

    /** Advances every neuron by h and updates the line voltages and the active list. */
    void step(double h) {
        activeCount = 0;
        if (batch != null) {
            batch.step(h);
            for (int k = 0; k < n; k++) {
                double v = electrode.voltage(batch.v[k]);
                voltage[k] = v;
                if (v != 0) {
                    active[activeCount++] = k;
                }
            }
            return;
        }
        for (int k = 0; k < n; k++) {
            int a = age[k];
            if (a < 0) {
                continue;
            }
            a++;
            if (a >= waveform.length) {
                age[k] = -1;
                voltage[k] = 0;
                continue;
            }
            age[k] = a;
            voltage[k] = waveform[a];
            if (waveform[a] != 0) {
                active[activeCount++] = k;
            }
        }
    }

    /** Every neuron back at rest. */
    void reset() {
        Arrays.fill(voltage, 0);
        activeCount = 0;
        if (batch != null) {
            batch.resetToRest();
        } else {
            Arrays.fill(age, -1);
        }
    }
}
