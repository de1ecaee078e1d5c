package org.memspice.spice.circuit;

import java.util.List;

/** An analysis requested by a control card. */
public sealed interface Analysis permits Analysis.Op, Analysis.Dc, Analysis.Tran {
    /** {@code .op}. */
    record Op() implements Analysis {
    }

    /**
     * One level of {@code .dc}: a source (or, for {@link #TEMPERATURE}, the circuit temperature in
     * degrees Celsius) swept from start to stop by step.
     */
    record Sweep(String source, double start, double stop, double step) {
        /** The source name that sweeps the temperature ({@code .dc TEMP ...}). */
        public static final String TEMPERATURE = "temp";

        /** Number of points, or -1 when there would be more than {@code Integer.MAX_VALUE}. */
        public long count() {
            if (start == stop) {
                return 1;
            }
            double n = Math.floor((stop - start) / step + 1e-9) + 1;
            return n > Integer.MAX_VALUE || !(n >= 1) ? -1 : (long) n;
        }

        /** The sweep values, with the last one landing on stop despite rounding. */
        public double[] values() {
            long n = count();
            if (n < 1 || n > Limits.MAX_SWEEP_POINTS) {
                throw new IllegalStateException("sweep of " + source + " has " + n + " points");
            }
            double[] v = new double[(int) n];
            for (int i = 0; i < n; i++) {
                v[i] = start + i * step;
            }
            return v;
        }

        public boolean isTemperature() {
            return source.equals(TEMPERATURE);
        }
    }

    /** {@code .dc}: the first sweep is the inner loop. */
    record Dc(List<Sweep> sweeps) implements Analysis {
    }

    /** {@code .tran tstep tstop [tstart [tmax]] [uic]}. */
    record Tran(double tstep, double tstop, double tstart, double tmax, boolean uic) implements Analysis {
    }
}
