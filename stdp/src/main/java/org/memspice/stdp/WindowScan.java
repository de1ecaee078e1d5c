package org.memspice.stdp;

import java.util.stream.IntStream;
import org.memspice.devices.memristor.MemristorModel;

/**
 * The STDP window as an output of the waveform simulation: for every Δt = t_post − t_pre of a grid
 * and every starting state, the read-conductance change that one lone pair of MIF spikes leaves
 * on the synapse ({@link WaveformSynapse#pair}), together with the changes of a lone pre-synaptic
 * and a lone post-synaptic spike from the same states. Pairs run in parallel (each is independent;
 * the result does not depend on the number of threads).
 *
 * @param dt time differences t_post − t_pre (s)
 * @param x0 starting device states
 * @param g0 starting read conductances (S)
 * @param dx state change of each pair, [Δt index][state index]
 * @param dg read-conductance change of each pair (S), same layout
 * @param preAlone conductance change of a lone pre-synaptic spike (S), per state
 * @param postAlone conductance change of a lone post-synaptic spike (S), per state
 */
public record WindowScan(double[] dt, double[] x0, double[] g0, double[][] dx, double[][] dg, double[] preAlone,
        double[] postAlone) {

    /** Simulates every pair of the grid. */
    public static WindowScan run(SynapseSettings s, double[] dt, double[] x0) {
        MemristorModel m = s.device();
        double[] g0 = new double[x0.length];
        for (int q = 0; q < x0.length; q++) {
            if (!(x0[q] >= m.minState() && x0[q] <= m.maxState())) {
                throw new IllegalArgumentException("starting state " + x0[q] + " outside the device range [" + m.minState()
                        + ", " + m.maxState() + "]");
            }
            g0[q] = SynapseSettings.conductance(m, x0[q]);
        }
        double[][] dx = new double[dt.length][];
        IntStream.range(0, dt.length).parallel().forEach(k -> dx[k] = new WaveformSynapse(s).pair(dt[k], x0));
        double[][] dg = new double[dt.length][x0.length];
        for (int k = 0; k < dt.length; k++) {
            for (int q = 0; q < x0.length; q++) {
                dg[k][q] = SynapseSettings.conductance(m, x0[q] + dx[k][q]) - g0[q];
            }
        }
        double[] pre = new WaveformSynapse(s).single(true, x0);
        double[] post = new WaveformSynapse(s).single(false, x0);
        double[] preG = new double[x0.length];
        double[] postG = new double[x0.length];
        for (int q = 0; q < x0.length; q++) {
            preG[q] = SynapseSettings.conductance(m, x0[q] + pre[q]) - g0[q];
            postG[q] = SynapseSettings.conductance(m, x0[q] + post[q]) - g0[q];
        }
        return new WindowScan(dt, x0, g0, dx, dg, preG, postG);
    }

    /** A uniform grid of n values from a to b. */
    public static double[] grid(double a, double b, int n) {
        double[] g = new double[n];
        for (int k = 0; k < n; k++) {
            g[k] = n == 1 ? a : a + (b - a) * k / (n - 1);
        }
        return g;
    }

    /** The Δt index nearest to t. */
    public int nearest(double t) {
        int best = 0;
        for (int k = 1; k < dt.length; k++) {
            if (Math.abs(dt[k] - t) < Math.abs(dt[best] - t)) {
                best = k;
            }
        }
        return best;
    }

    /** The largest potentiation over the grid (S) and the Δt where it happens, for state q. */
    public double[] peak(int q, boolean up) {
        int best = 0;
        for (int k = 1; k < dt.length; k++) {
            if (up ? dg[k][q] > dg[best][q] : dg[k][q] < dg[best][q]) {
                best = k;
            }
        }
        return new double[] {dg[best][q], dt[best]};
    }
}
