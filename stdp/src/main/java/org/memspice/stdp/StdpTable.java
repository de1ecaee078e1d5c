package org.memspice.stdp;

import java.util.Locale;
import java.util.stream.IntStream;
import org.memspice.devices.memristor.MemristorModel;

/**
 * The device-derived STDP rule as a table, for networks that apply it event by event: from the
 * full waveform simulation ({@link WaveformSynapse}) of one synapse, the state change of a lone
 * pre-synaptic spike, of a lone post-synaptic spike, and the <em>interaction</em> of a pair at
 * Δt = t_post − t_pre (the pair's change less the two lone changes), each as a function of the
 * starting state x on a uniform grid; Δt on a uniform grid over ±{@code span}. Values between
 * grid points are interpolated linearly in Δt and x.
 *
 * <p>Applied in time order with each neuron's spikes at least one dead time apart (so that a
 * synapse never sees two spikes of the same neuron overlap), the rule is: at every spike add its
 * lone change, and add the interaction with the other neuron's latest spike if it lies within the
 * dead time. {@code EventRuleTest} checks this against the waveform simulation for random trains.
 */
public final class StdpTable {
    private final double span;
    private final int nt;
    private final int nx;
    private final double lo;
    private final double hi;
    private final double[] interaction;
    private final double[] preAlone;
    private final double[] postAlone;
    private final double dtStep;
    private final double xStep;

    private StdpTable(double span, int nt, int nx, double lo, double hi, double[] interaction, double[] preAlone,
            double[] postAlone) {
        this.span = span;
        this.nt = nt;
        this.nx = nx;
        this.lo = lo;
        this.hi = hi;
        this.interaction = interaction;
        this.preAlone = preAlone;
        this.postAlone = postAlone;
        this.dtStep = 2 * span / (nt - 1);
        this.xStep = (hi - lo) / (nx - 1);
    }

    /**
     * Builds the table by simulating lone spikes and every pair on a grid of {@code nt} values of
     * Δt over ±span and {@code nx} states over the device range, on all cores (each Δt is
     * independent; the result does not depend on the number of threads).
     */
    public static StdpTable build(SynapseSettings s, double span, int nt, int nx) {
        if (nt < 3 || nx < 2 || !(span > 0)) {
            throw new IllegalArgumentException("need at least 3 time differences, 2 states and a span > 0");
        }
        MemristorModel m = s.device();
        double lo = m.minState();
        double hi = m.maxState();
        double[] x0 = new double[nx];
        for (int q = 0; q < nx; q++) {
            x0[q] = lo + (hi - lo) * q / (nx - 1);
        }
        double[] pre = new WaveformSynapse(s).single(true, x0);
        double[] post = new WaveformSynapse(s).single(false, x0);
        double[] table = new double[nt * nx];
        IntStream.range(0, nt).parallel().forEach(k -> {
            double dt = -span + 2 * span * k / (nt - 1);
            double[] d = new WaveformSynapse(s).pair(dt, x0);
            for (int q = 0; q < nx; q++) {
                table[k * nx + q] = d[q] - pre[q] - post[q];
            }
        });
        return new StdpTable(span, nt, nx, lo, hi, table, pre, post);
    }

    /** Waveform step of the table that networks use (s): coarser than the window's 2 µs, checked by EventRuleTest. */
    public static final double NETWORK_STEP = 1e-5;

    /**
     * The table networks apply: waveform steps of {@link #NETWORK_STEP}, Δt over ± the dead time
     * in 101 values (0.5 ms apart), 21 states; the same resolution as {@code EventRuleTest} checks.
     */
    public static StdpTable forNetworks(SynapseSettings s) {
        SynapseSettings t = s.withStep(NETWORK_STEP);
        return NETWORK_TABLES.computeIfAbsent(t, k -> build(k, k.deadTime(), 101, 21));
    }

    /** Tables already built in this process, by their settings (a table is immutable; building one takes seconds). */
    private static final java.util.Map<SynapseSettings, StdpTable> NETWORK_TABLES = new java.util.concurrent.ConcurrentHashMap<>();

    public double span() {
        return span;
    }

    /** Δt grid point k (s). */
    public double dt(int k) {
        return -span + dtStep * k;
    }

    public int times() {
        return nt;
    }

    public int states() {
        return nx;
    }

    /** State grid point q. */
    public double state(int q) {
        return lo + xStep * q;
    }

    /** The interaction of a pair at Δt from state x (0 outside ±span). */
    public double interaction(double dt, double x) {
        if (!(Math.abs(dt) <= span)) {
            return 0;
        }
        double ft = (dt + span) / dtStep;
        int k = Math.min(nt - 2, (int) ft);
        double wt = ft - k;
        double fx = (Math.max(lo, Math.min(hi, x)) - lo) / xStep;
        int q = Math.min(nx - 2, (int) fx);
        double wx = fx - q;
        int a = k * nx + q;
        int b = a + nx;
        return (1 - wt) * ((1 - wx) * interaction[a] + wx * interaction[a + 1])
                + wt * ((1 - wx) * interaction[b] + wx * interaction[b + 1]);
    }

    /** The change of a lone pre-synaptic (pre = true) or post-synaptic spike from state x. */
    public double single(boolean pre, double x) {
        double[] t = pre ? preAlone : postAlone;
        double fx = (Math.max(lo, Math.min(hi, x)) - lo) / xStep;
        int q = Math.min(nx - 2, (int) fx);
        double wx = fx - q;
        return (1 - wx) * t[q] + wx * t[q + 1];
    }

    /** The state after one spike from x: its lone change plus the interaction with a partner dt away (NaN for none). */
    public double apply(double x, boolean pre, double partnerDt, double deadTime) {
        double d = single(pre, x);
        if (Math.abs(partnerDt) < deadTime) {
            d += interaction(partnerDt, x);
        }
        return Math.max(lo, Math.min(hi, x + d));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "STDP table %d x %d over +-%.3g s", nt, nx, span);
    }
}
