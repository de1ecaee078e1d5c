package org.memspice.stdp.net;

import java.util.SplittableRandom;

/** How an image (intensities in [0, 1], one per input) becomes input spikes for one presentation. */
public interface InputCode {
    /** The input spikes, times in steps of h, each input's spikes at least a dead time apart. */
    Schedule encode(double[] intensity, double deadTime, double h, SplittableRandom r);

    /** How long the spikes last (s). */
    double duration();

    /** Poisson trains with a dead time: an input of intensity p fires at mean rate p·rate for {@code duration}. */
    record Poisson(double rate, double duration) implements InputCode {
        public Poisson {
            if (!(rate > 0) || !(duration > 0) || !Double.isFinite(duration)) {
                throw new IllegalArgumentException("Poisson input needs rate > 0 and duration > 0, got " + rate + ", " + duration);
            }
        }

        @Override
        public Schedule encode(double[] intensity, double deadTime, double h, SplittableRandom r) {
            double[] rates = new double[intensity.length];
            for (int i = 0; i < rates.length; i++) {
                rates[i] = intensity[i] * rate;
            }
            return Schedule.poisson(rates, duration, deadTime, h, r);
        }
    }

    /**
     * Latency coding in {@code volleys} volleys {@code period} apart: in each an input of intensity
     * p &gt; 0 fires once, spread·(1 − p) after the volley starts plus a uniform jitter below
     * {@code jitter}.
     */
    record Latency(int volleys, double period, double spread, double jitter) implements InputCode {
        public Latency {
            if (volleys < 1 || !(period > 0) || !(spread >= 0) || !(jitter >= 0)) {
                throw new IllegalArgumentException("latency input needs volleys >= 1, period > 0, spread and jitter >= 0");
            }
        }

        @Override
        public Schedule encode(double[] intensity, double deadTime, double h, SplittableRandom r) {
            return Schedule.latency(intensity, volleys, period, spread, jitter, deadTime, h, r);
        }

        @Override
        public double duration() {
            return volleys * period;
        }
    }
}
