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
    /** Replay: the neurons whose waveform is playing, in increasing index order, and how many. */
    private final int[] playing;
    private int playingCount;
    /** Replay: the last sample of the waveform above 0 V (the end of the positive lobe). */
    private final int lastPositive;
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
            this.playing = new int[n];
            int last = -1;
            for (int k = 0; k < waveform.length; k++) {
                if (waveform[k] > 0) {
                    last = k;
                }
            }
            this.lastPositive = last;
        } else {
            this.batch = new MifNeuronBatch(s.neuron(), n, MifNeuronBatch.Threads.SINGLE);
            this.waveform = null;
            this.age = null;
            this.playing = null;
            this.lastPositive = -1;
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
            if (age[k] < 0) {
                // keep the playing list in index order, so that reads sum in the same order as over all lines
                int at = playingCount;
                while (at > 0 && playing[at - 1] > k) {
                    playing[at] = playing[at - 1];
                    at--;
                }
                playing[at] = k;
                playingCount++;
            }
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
        // event-driven: only the lines whose waveform is playing
        int kept = 0;
        for (int q = 0; q < playingCount; q++) {
            int k = playing[q];
            int a = age[k] + 1;
            if (a >= waveform.length) {
                age[k] = -1;
                voltage[k] = 0;
                continue;
            }
            playing[kept++] = k;
            age[k] = a;
            voltage[k] = waveform[a];
            if (waveform[a] != 0) {
                active[activeCount++] = k;
            }
        }
        playingCount = kept;
    }

    /**
     * Replay: whether no line is in the positive lobe of its pulse now or later (every waveform
     * playing is past its last positive sample, after which it only returns to 0 V).
     */
    boolean pastPositiveLobes() {
        for (int q = 0; q < playingCount; q++) {
            if (age[playing[q]] < lastPositive) {
                return false;
            }
        }
        return true;
    }

    /** Every neuron back at rest. */
    void reset() {
        Arrays.fill(voltage, 0);
        activeCount = 0;
        if (batch != null) {
            batch.resetToRest();
        } else {
            Arrays.fill(age, -1);
            playingCount = 0;
        }
    }
}
