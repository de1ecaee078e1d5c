package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memspice.devices.memristor.MemristorBatch;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModels;
import org.memspice.devices.memristor.MemristorPoint;

/** Every model's analytic derivatives equal central finite differences over a grid of (v, x). */
class ModelDerivativesTest {
    static Stream<Arguments> models() {
        return Stream.of(
            Arguments.of("hp", Map.of("wt", 1.0, "p", 2.0), 1.2),
            Arguments.of("hp", Map.of("wt", 2.0, "p", 2.0), 1.2),
            Arguments.of("hp", Map.of("wt", 3.0, "p", 2.0, "j", 1.0), 1.2),
            Arguments.of("yakopcic", Map.of(), 0.6),
            Arguments.of("team", Map.of("wc", 0.3e-9), 2.0),
            Arguments.of("team", Map.of("wc", 0.3e-9, "ivrelation", 1.0), 2.0),
            Arguments.of("vteam", Map.of("wc", 0.3e-9), 0.8),
            Arguments.of("stanford_pku", Map.of(), 1.6),
            Arguments.of("threshold", Map.of(), 0.3));
    }

    private static double relErr(double fd, double an) {
        return Math.abs(fd - an) / Math.max(1e-12 + Math.abs(fd), Math.abs(an));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("models")
    void analyticDerivativesMatchFiniteDifferences(String kind, Map<String, Double> params, double vmax) {
        MemristorModel m = MemristorModels.create(kind, params);
        MemristorPoint p = new MemristorPoint();
        MemristorPoint up = new MemristorPoint();
        MemristorPoint down = new MemristorPoint();
        double lo = m.minState();
        double span = m.maxState() - lo;
        int checked = 0;
        for (int iv = -8; iv <= 8; iv++) {
            double v = vmax * (iv + 0.37) / 8; // avoid v = 0 and the exact thresholds
            for (int ix = 1; ix <= 9; ix++) {
                double x = lo + span * (ix / 10.0 + 0.013);
                m.evaluate(v, x, p);
                double hv = 1e-6 * Math.max(1e-3, Math.abs(v));
                m.evaluate(v + hv, x, up);
                m.evaluate(v - hv, x, down);
                double fdIv = (up.current - down.current) / (2 * hv);
                double fdFv = (up.rate - down.rate) / (2 * hv);
                double hx = 1e-6 * span;
                m.evaluate(v, x + hx, up);
                m.evaluate(v, x - hx, down);
                double fdIx = (up.current - down.current) / (2 * hx);
                double fdFx = (up.rate - down.rate) / (2 * hx);
                // a threshold or branch switch between the two probes makes the difference meaningless
                boolean smoothV = sameBranch(m, v - hv, v + hv, x);
                boolean smoothX = sameBranch(m, v, v, x - hx) && sameBranch(m, v, v, x + hx);
                String at = kind + " at v=" + v + ", x=" + x;
                assertTrue(relErr(fdIv, p.dCurrentDv) < 1e-5, "dI/dv " + at + ": fd " + fdIv + " vs " + p.dCurrentDv);
                assertTrue(relErr(fdIx, p.dCurrentDx) < 1e-5, "dI/dx " + at + ": fd " + fdIx + " vs " + p.dCurrentDx);
                if (smoothV) {
                    assertTrue(relErr(fdFv, p.dRateDv) < 1e-4 || Math.abs(fdFv - p.dRateDv) < 1e-9 * Math.abs(p.rate) + 1e-300,
                            "df/dv " + at + ": fd " + fdFv + " vs " + p.dRateDv);
                }
                if (smoothX) {
                    assertTrue(relErr(fdFx, p.dRateDx) < 1e-4 || Math.abs(fdFx - p.dRateDx) < 1e-12,
                            "df/dx " + at + ": fd " + fdFx + " vs " + p.dRateDx);
                }
                checked++;
            }
        }
        assertEquals(17 * 9, checked);
    }

    /** True unless a model's piecewise definition changes between the two probes (same rate sign pattern). */
    private static boolean sameBranch(MemristorModel m, double v1, double v2, double x) {
        MemristorPoint a = new MemristorPoint();
        MemristorPoint b = new MemristorPoint();
        m.evaluate(v1, x, a);
        m.evaluate(v2, x, b);
        return (a.rate == 0) == (b.rate == 0) && Math.signum(v1) == Math.signum(v2);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("models")
    void batchedEvaluationEqualsSingle(String kind, Map<String, Double> params, double vmax) {
        MemristorModel m = MemristorModels.create(kind, params);
        int n = 7;
        double[] v = new double[n];
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = vmax * (k - 3) / 3.0;
            x[k] = m.minState() + (m.maxState() - m.minState()) * (k + 0.5) / n;
        }
        MemristorBatch batch = new MemristorBatch(n);
        m.evaluate(v, x, n, batch);
        MemristorPoint p = new MemristorPoint();
        for (int k = 0; k < n; k++) {
            m.evaluate(v[k], x[k], p);
            assertEquals(p.current, batch.current[k], 0);
            assertEquals(p.rate, batch.rate[k], 0);
            assertEquals(p.dRateDx, batch.dRateDx[k], 0);
        }
    }
}
