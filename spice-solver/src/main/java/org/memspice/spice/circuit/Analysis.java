package org.memspice.spice.circuit;

import java.util.List;

/** An analysis requested by a control card. */
public sealed interface Analysis permits Analysis.Op, Analysis.Dc, Analysis.Tran {
    /** {@code .op}. */
    record Op() implements Analysis {
    }

    /** One level of {@code .dc}: a source swept from start to stop by step. */
    record Sweep(String source, double start, double stop, double step) {
        /** The sweep values, with the last one landing on stop despite rounding. */
        public double[] values() {
            int n = (int) Math.floor((stop - start) / step + 1e-9) + 1;
            if (n < 1) {
                n = 1;
            }
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = start + i * step;
            }
            return v;
        }
    }

    /** {@code .dc}: the first sweep is the inner loop. */
    record Dc(List<Sweep> sweeps) implements Analysis {
    }

    /** {@code .tran tstep tstop [tstart [tmax]] [uic]}. */
    record Tran(double tstep, double tstop, double tstart, double tmax, boolean uic) implements Analysis {
    }
}
