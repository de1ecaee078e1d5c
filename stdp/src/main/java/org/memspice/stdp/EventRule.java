package org.memspice.stdp;

/**
 * The fast path for one synapse: the {@link StdpTable} applied spike by spike to a pre-synaptic
 * and a post-synaptic train (each train's spikes at least one dead time apart).
 */
public final class EventRule {
    private EventRule() {
    }

    /** The state after both trains (times in s, increasing) from x0, and the state after each spike in {@code trace} when not null. */
    public static double run(StdpTable table, double[] pre, double[] post, double x0, double deadTime, double[] trace) {
        double x = x0;
        int ip = 0;
        int iq = 0;
        double lastPre = Double.NaN;
        double lastPost = Double.NaN;
        int n = 0;
        while (ip < pre.length || iq < post.length) {
            boolean isPre = iq >= post.length || (ip < pre.length && pre[ip] <= post[iq]);
            if (isPre) {
                double t = pre[ip++];
                x = table.apply(x, true, lastPost - t, deadTime);
                lastPre = t;
            } else {
                double t = post[iq++];
                x = table.apply(x, false, t - lastPre, deadTime);
                lastPost = t;
            }
            if (trace != null) {
                trace[n++] = x;
            }
        }
        return x;
    }

    /** A random train of {@code count} spikes from {@code start}: intervals of deadTime plus an exponential of mean {@code extra}. */
    public static double[] randomTrain(java.util.SplittableRandom r, double start, int count, double deadTime, double extra) {
        double[] t = new double[count];
        double now = start + extra * -Math.log(1 - r.nextDouble());
        for (int k = 0; k < count; k++) {
            t[k] = now;
            now += deadTime + extra * -Math.log(1 - r.nextDouble());
        }
        return t;
    }
}
