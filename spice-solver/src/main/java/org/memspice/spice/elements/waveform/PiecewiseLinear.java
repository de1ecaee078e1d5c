package org.memspice.spice.elements.waveform;

import java.util.function.DoubleConsumer;
import org.memspice.spice.circuit.Limits;

/**
 * PWL(t1 v1 t2 v2 ...) [r=tr] [td=delay]. Before t1 the value is v1, after the last point the
 * last value; with {@code r} the section from time tr to the last point repeats for ever
 * (ngspice's semantics); {@code td} delays the whole waveform. Every point is a breakpoint.
 */
public final class PiecewiseLinear implements Waveform {
    private final double[] t;
    private final double[] v;
    private final double repeatFrom;
    private final double delay;

    /** @param repeatFrom NaN for no repeat */
    public PiecewiseLinear(double[] times, double[] values, double repeatFrom, double delay) {
        this.t = times;
        this.v = values;
        this.repeatFrom = repeatFrom;
        this.delay = delay;
        for (int i = 1; i < t.length; i++) {
            if (t[i] < t[i - 1]) {
                throw new IllegalArgumentException("PWL times must not decrease (" + t[i - 1] + " then " + t[i] + ")");
            }
        }
        if (!Double.isNaN(repeatFrom) && (repeatFrom < t[0] || repeatFrom >= t[t.length - 1])) {
            throw new IllegalArgumentException("PWL r=" + repeatFrom + " must lie within the points' time range and before the last point");
        }
    }

    private double period() {
        return t[t.length - 1] - repeatFrom;
    }

    @Override
    public void prepare(double tstep, double tstop, DoubleConsumer sink) {
        for (double ti : t) {
            if (ti + delay <= tstop) {
                sink.accept(ti + delay);
            }
        }
        if (!Double.isNaN(repeatFrom)) {
            double per = period();
            int inRepeat = 0;
            for (double ti : t) {
                if (ti > repeatFrom) {
                    inRepeat++;
                }
            }
            double repeats = Math.ceil((tstop - t[t.length - 1] - delay) / per);
            if (repeats * inRepeat > Limits.MAX_BREAKPOINTS) {
                throw new IllegalArgumentException(String.format("PWL repeats every %.4g s, %.3g times before tstop %.4g s:"
                        + " more than the %,d corners memspice steps onto (check the time units)", per, repeats, tstop,
                        Limits.MAX_BREAKPOINTS));
            }
            for (double base = t[t.length - 1] + delay; base <= tstop; base += per) {
                for (double ti : t) {
                    if (ti > repeatFrom && base + ti - repeatFrom <= tstop) {
                        sink.accept(base + ti - repeatFrom);
                    }
                }
            }
        }
    }

    @Override
    public double value(double time) {
        double tt = time - delay;
        double last = t[t.length - 1];
        if (tt > last && !Double.isNaN(repeatFrom)) {
            double per = period();
            tt = repeatFrom + (tt - repeatFrom) % per;
            if (tt == repeatFrom) {
                tt = last;
            }
        }
        if (tt <= t[0]) {
            return v[0];
        }
        if (tt >= last) {
            return v[v.length - 1];
        }
        int lo = 0;
        int hi = t.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] <= tt) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double span = t[hi] - t[lo];
        return span == 0 ? v[hi] : v[lo] + (v[hi] - v[lo]) * (tt - t[lo]) / span;
    }

    @Override
    public double dcValue() {
        return value(0);
    }
}
