package org.memspice.spice.elements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.elements.waveform.Exponential;
import org.memspice.spice.elements.waveform.PiecewiseLinear;
import org.memspice.spice.elements.waveform.Pulse;
import org.memspice.spice.elements.waveform.Sine;
import org.memspice.spice.output.Waveforms;

class WaveformTest {
    @Test
    void pulseShapeAndBreakpoints() {
        Pulse p = new Pulse(new double[] {0, 1, 1e-6, 1e-7, 2e-7, 1e-6, 3e-6});
        List<Double> bp = new ArrayList<>();
        p.prepare(1e-8, 7e-6, bp::add);
        assertEquals(List.of(1e-6, 1.1e-6, 2.1e-6, 2.3e-6, 4e-6, 4.1e-6, 5.1e-6, 5.3e-6, 7e-6), round(bp));
        assertEquals(0, p.value(0.5e-6));
        assertEquals(0.5, p.value(1.05e-6), 1e-12);
        assertEquals(1, p.value(1.5e-6));
        assertEquals(0.5, p.value(2.2e-6), 1e-9);
        assertEquals(0.5, p.value(4.05e-6), 1e-9);
    }

    private static List<Double> round(List<Double> v) {
        List<Double> out = new ArrayList<>();
        for (double d : v) {
            out.add(Math.round(d * 1e12) / 1e12);
        }
        return out;
    }

    @Test
    void pulseDefaultsFollowNgspice() {
        Pulse p = new Pulse(new double[] {0, 1});
        p.prepare(1e-9, 1e-6, b -> { });
        assertEquals(0.5, p.value(0.5e-9), 1e-12); // rise time defaults to tstep
        assertEquals(1, p.value(0.5e-6));
    }

    @Test
    void sineWithDelayDampingAndPhase() {
        Sine s = new Sine(new double[] {1, 2, 1e3, 1e-3, 100, 90});
        s.prepare(1e-6, 1e-2, b -> { });
        assertEquals(1 + 2, s.value(0.5e-3), 1e-12); // before td: vo + va sin(phase)
        double t = 1.3e-3;
        assertEquals(1 + 2 * Math.sin(2 * Math.PI * 1e3 * 0.3e-3 + Math.PI / 2) * Math.exp(-0.3e-3 * 100), s.value(t), 1e-12);
    }

    @Test
    void exponentialRiseAndFall() {
        Exponential e = new Exponential(new double[] {0, 1, 1e-6, 1e-6, 5e-6, 2e-6});
        e.prepare(1e-8, 1e-5, b -> { });
        assertEquals(1 - Math.exp(-1), e.value(2e-6), 1e-12);
        double t = 6e-6;
        assertEquals((1 - Math.exp(-5)) - (1 - Math.exp(-0.5)), e.value(t), 1e-12);
    }

    @Test
    void pwlInterpolatesAndRepeats() {
        PiecewiseLinear p = new PiecewiseLinear(new double[] {0, 1, 2, 3}, new double[] {0, 1, 1, 0}, 1, 0);
        assertEquals(0.5, p.value(0.5), 1e-12);
        assertEquals(1, p.value(1.5), 1e-12);
        // repeat from t=1: period 2, so t=3.5 behaves as 1.5, t=4.5 as 2.5
        assertEquals(1, p.value(3.5), 1e-12);
        assertEquals(0.5, p.value(4.5), 1e-12);
        List<Double> bp = new ArrayList<>();
        p.prepare(0.1, 6, bp::add);
        assertTrue(bp.contains(4.0) && bp.contains(5.0), bp.toString());
    }

    @Test
    void pwlSourceInANetlistLandsOnItsCorners() {
        Waveforms w = Netlists.run("pwl\nV1 a 0 PWL(0 0 1u 1 2u 1 2.5u -1) td=0.5u\nR1 a 0 1k\n.tran 10n 4u\n");
        double[] t = w.scale();
        boolean corner = false;
        for (double ti : t) {
            corner |= Math.abs(ti - 2.5e-6) < 1e-15;
        }
        assertTrue(corner, "a time point exactly on the delayed corner at 2.5 us");
        assertEquals(0.5, w.interpolate("v(a)", 1e-6), 1e-9);
        assertEquals(-1, w.interpolate("v(a)", 3.5e-6), 1e-9);
    }

    @Test
    void pulseWhoseWidthFillsThePeriodHoldsTheHighValueAtThePeriod() {
        // tr + pw + tf > per: ngspice wraps only once the time is past the period, so at t = per the
        // source is still high (memspice used to drop to v1 there)
        Pulse p = new Pulse(new double[] {0, 1, 0, 0.1, 0.1, 1, 1});
        p.prepare(0.01, 1, b -> { });
        assertEquals(1, p.value(1.0), 0);
        assertEquals(1, p.value(0.5), 0);
        assertEquals(0.5, p.value(1.05), 1e-9); // just past the period: the next rise
    }

    @Test
    void pulseWithDefaultedWidthAndPeriodStaysHighToTheEnd() {
        Pulse p = new Pulse(new double[] {0, 1});
        List<Double> bp = new ArrayList<>();
        p.prepare(0.1, 7, bp::add);
        assertEquals(1, p.value(7.0), 0);
        assertEquals(List.of(0.1, 7.0), bp, "the end of the rise, then the next period's start at tstop");
    }

    @Test
    void pulseCountEndsThePattern() {
        Pulse p = new Pulse(new double[] {0, 1, 0, 1e-9, 1e-9, 1e-6, 2e-6, 2});
        p.prepare(1e-9, 10e-6, b -> { });
        assertEquals(1, p.value(2.5e-6), 0);
        assertEquals(0, p.value(4.5e-6), 0); // the third pulse never comes
    }

    @Test
    void pulseRejectsNegativeTimes() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Pulse(new double[] {0, 1, 0, -1e-9}));
        assertTrue(e.getMessage().contains("rise time TR"), e.getMessage());
    }

    @Test
    void exponentialDefaultsFollowNgspice() {
        // a zero or missing td1 is tstep in ngspice, so the rise starts one tstep in
        Exponential e = new Exponential(new double[] {0, 1});
        e.prepare(1e-6, 1e-4, b -> { });
        assertEquals(0, e.value(0.5e-6), 0);
        assertEquals(1 - Math.exp(-1), e.value(2e-6), 1e-12);
    }

    @Test
    void hugePulseCountIsRefusedBeforeAllocating() {
        org.memspice.spice.netlist.NetlistException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.memspice.spice.netlist.NetlistException.class, () -> Netlists.run(
                        "many\nV1 a 0 PULSE(0 1 0 1f 1f 1f 3f)\nR1 a 0 1k\n.tran 1n 1\n"));
        assertTrue(e.getMessage().startsWith("test.cir:2: v1: PULSE period") && e.getMessage().contains("10,000,000"),
                e.getMessage());
    }
}
