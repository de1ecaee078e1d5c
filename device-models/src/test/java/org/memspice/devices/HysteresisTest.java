package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memspice.spice.Netlists;
import org.memspice.spice.output.Waveforms;

/**
 * Every model, driven by a sine through the circuit engine, draws a pinched hysteresis loop
 * (current zero whenever voltage is zero) whose area shrinks as the frequency rises, and its
 * state stays within bounds.
 */
class HysteresisTest {
    /**
     * Drive amplitude and base frequency per model: at the base frequency the device switches
     * within each half period, at ten times it no longer does (found by scanning the frequency).
     */
    static Stream<Arguments> drives() {
        return Stream.of(
            Arguments.of("model=hp", 1.0, 1.0),
            Arguments.of("model=yakopcic", 0.45, 100.0),
            Arguments.of("model=team x0=3e-9", 1.5, 1e3),
            Arguments.of("model=vteam", 0.5, 1e7),
            Arguments.of("model=stanford_pku", 1.2, 1e4),
            Arguments.of("model=threshold", 0.3, 100.0),
            // binary and stochastic: at 10 f the pulse is too short to switch it (seeded, so repeatable)
            Arguments.of("model=cbram seed=1", 1.4, 100.0));
    }

    /** Waveforms of two periods of a sine of amplitude amp and frequency f across the device. */
    static Waveforms drive(String model, double amp, double f) {
        return Netlists.run("loop\nV1 in 0 SIN(0 " + amp + " " + f + ")\nymemristor m in 0 mm\n.model mm memristor ("
                + model + ")\n.tran " + (1 / f / 2000) + " " + (2 / f) + " uic\n.print tran v(in) i(v1) x(m)\n");
    }

    /** Sum of the areas of the two lobes of the second period's I-V loop (they turn in opposite senses). */
    static double loopArea(Waveforms w, double f) {
        double[] t = w.scale();
        double[] v = w.vector("v(in)");
        double[] i = w.vector("i(v1)");
        double positive = 0;
        double negative = 0;
        for (int k = 1; k < t.length; k++) {
            if (t[k - 1] < 1 / f) {
                continue;
            }
            double d = 0.5 * (i[k] + i[k - 1]) * (v[k] - v[k - 1]);
            if (v[k] + v[k - 1] > 0) {
                positive += d;
            } else {
                negative += d;
            }
        }
        return Math.abs(positive) + Math.abs(negative);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drives")
    void pinchedLoopShrinksWithFrequency(String model, double amp, double f) {
        Waveforms slow = drive(model, amp, f);
        double[] v = slow.vector("v(in)");
        double[] i = slow.vector("i(v1)");
        double[] x = slow.vector("x(m)");
        double imax = 0;
        for (int k = 0; k < v.length; k++) {
            imax = Math.max(imax, Math.abs(i[k]));
        }
        for (int k = 0; k < v.length; k++) {
            if (Math.abs(v[k]) < 1e-6 * amp) {
                assertEquals(0, i[k], 1e-9 * imax, model + ": current at zero voltage, t=" + slow.scale()[k]);
            }
        }
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        for (double s : x) {
            xmin = Math.min(xmin, s);
            xmax = Math.max(xmax, s);
        }
        assertTrue(xmax > xmin, model + ": the state moves");
        double areaSlow = loopArea(slow, f);
        double areaFast = loopArea(drive(model, amp, 10 * f), 10 * f);
        assertTrue(areaSlow > 0.01 * imax * amp, model + ": a real loop (area " + areaSlow + ")");
        assertTrue(areaFast < 0.8 * areaSlow, model + ": loop area at 10 f " + areaFast + " vs at f " + areaSlow);
    }
}
