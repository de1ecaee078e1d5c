package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModels;
import org.memspice.devices.memristor.MemristorPoint;

/**
 * Every model's port current is the product of its state factor and its voltage factor (what
 * lets a crossbar of them be read as a matrix product), the factors' slopes equal finite
 * differences, and the read conductance's inverse returns the state it came from.
 */
class SeparableCurrentTest {
    static Stream<Arguments> models() {
        return Stream.of(
            Arguments.of("hp", Map.of(), 1.2),
            Arguments.of("yakopcic", Map.of("a2", 0.1), 0.6),
            Arguments.of("team", Map.of(), 2.0),
            Arguments.of("team", Map.of("ivrelation", 1.0), 2.0),
            Arguments.of("vteam", Map.of(), 0.8),
            Arguments.of("stanford_pku", Map.of(), 1.6),
            Arguments.of("threshold", Map.of(), 0.3));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("models")
    void currentIsStateFactorTimesVoltageFactor(String kind, Map<String, Double> params, double vmax) {
        MemristorModel m = MemristorModels.create(kind, params);
        assertTrue(m.hasSeparableCurrent());
        MemristorPoint p = new MemristorPoint();
        double lo = m.minState();
        double span = m.maxState() - lo;
        for (int iv = -6; iv <= 6; iv++) {
            double v = vmax * (iv + 0.29) / 6;
            double u = m.currentVoltageFactor(v);
            double hv = 1e-6 * vmax;
            double fdU = (m.currentVoltageFactor(v + hv) - m.currentVoltageFactor(v - hv)) / (2 * hv);
            assertEquals(fdU, m.currentVoltageFactorSlope(v), 1e-6 * Math.abs(fdU), kind + " du/dv at " + v);
            for (int ix = 0; ix <= 10; ix++) {
                double x = lo + span * (ix / 10.0);
                m.evaluate(v, x, p);
                double s = m.currentStateFactor(x);
                assertEquals(p.current, s * u, 1e-13 * Math.abs(p.current) + 1e-300, kind + " I at v=" + v + " x=" + x);
                double hx = 1e-6 * span;
                double fdS = (m.currentStateFactor(x + hx) - m.currentStateFactor(x - hx)) / (2 * hx);
                assertEquals(fdS, m.currentStateFactorSlope(x), 1e-6 * Math.abs(fdS) + 1e-300, kind + " ds/dx at " + x);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("models")
    void voltageFactorExpressionEvaluatesToTheVoltageFactor(String kind, Map<String, Double> params, double vmax) {
        MemristorModel m = MemristorModels.create(kind, params);
        for (double v : new double[] {-vmax, -0.3 * vmax, -1e-3, 0, 2e-3, 0.45 * vmax, vmax}) {
            // a current source of u(V(a)) into a 1-ohm load: the load's voltage is u(v)
            String net = "u(v)\nVa a 0 " + v + "\nB1 0 out I = " + m.currentVoltageFactorExpression("V(a)")
                    + "\nR1 out 0 1\n.op\n.end\n";
            double u = org.memspice.spice.Netlists.op(net, "v(out)");
            assertEquals(m.currentVoltageFactor(v), u, 1e-12 * Math.abs(u) + 1e-18, kind + " u(" + v + ")");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("models")
    void readConductanceInverseReturnsTheState(String kind, Map<String, Double> params, double vmax) {
        MemristorModel m = MemristorModels.create(kind, params);
        double vRead = 0.1;
        double lo = m.minState();
        double span = m.maxState() - lo;
        for (int ix = 0; ix <= 20; ix++) {
            double x = lo + span * ix / 20.0;
            double g = m.readConductance(x, vRead);
            assertEquals(x, m.stateForReadConductance(g, vRead), 1e-9 * span, kind + " state for G(" + x + ")");
        }
        double gMax = Math.max(m.readConductance(lo, vRead), m.readConductance(lo + span, vRead));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.stateForReadConductance(2 * gMax, vRead));
        assertTrue(e.getMessage().contains("outside the device's range"), e.getMessage());
    }
}
