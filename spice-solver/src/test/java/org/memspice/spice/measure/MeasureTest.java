package org.memspice.spice.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.analysis.Simulator;
import org.memspice.spice.netlist.NetlistException;

/** .measure on a 1 kHz sine of amplitude 1 (and 1.5 on b), whose answers are known in closed form. */
class MeasureTest {
    private static final String SINE = "m\nV1 a 0 SIN(0 1 1k)\nR1 a 0 1k\nV2 b 0 SIN(0 1.5 1k)\nR2 b 0 1k\n"
            + ".tran 2u 3m\n";

    private static Map<String, MeasureResult> measure(String cards) {
        List<Simulator.Result> r = Netlists.runAll(SINE + cards);
        Map<String, MeasureResult> out = new HashMap<>();
        for (MeasureResult m : r.get(0).measures()) {
            out.put(m.name(), m);
        }
        return out;
    }

    private static double value(Map<String, MeasureResult> m, String name) {
        assertTrue(!m.get(name).failed(), m.get(name).toString());
        return m.get(name).value();
    }

    @Test
    void trigTargWhenAndFind() {
        Map<String, MeasureResult> m = measure(".measure tran period TRIG v(a) VAL=0.5 RISE=1 TARG v(a) VAL=0.5 RISE=2\n"
                + ".meas tran lastzero WHEN v(a)=0 CROSS=LAST\n"
                + ".meas tran half FIND v(b) WHEN v(a)=0.5 RISE=2\n"
                + ".meas tran atq FIND v(b) AT=0.25m\n"
                + ".meas tran delay TRIG AT=0.1m TARG v(a) VAL=0 FALL=1\n"
                + ".meas tran after WHEN v(a)=0.5 RISE=1 TD=1.5m\n");
        assertEquals(1e-3, value(m, "period"), 1e-8);
        assertEquals(2.5e-3, value(m, "lastzero"), 1e-8);
        assertEquals(0.75, value(m, "half"), 1e-4);
        assertEquals(1.5, value(m, "atq"), 1e-4);
        assertEquals(0.4e-3, value(m, "delay"), 1e-8);
        assertEquals(2e-3 + Math.asin(0.5) / (2 * Math.PI * 1e3), value(m, "after"), 1e-8);
    }

    @Test
    void windowStatisticsAndDerivative() {
        Map<String, MeasureResult> m = measure(".meas tran top MAX v(b) FROM=1m TO=2m\n.meas tran when MAX_AT v(b) FROM=1m"
                + " TO=2m\n.meas tran low MIN v(a)\n.meas tran swing PP v(a) FROM=0 TO=1m\n.meas tran mean AVG v(a) FROM=1m"
                + " TO=3m\n.meas tran root RMS v(b) FROM=1m TO=3m\n.meas tran area INTEG v(a) FROM=0 TO=0.5m\n"
                + ".meas tran slope DERIV v(a) AT=1m\n.meas tran twice PARAM='top*2 + 1'\n"
                + ".meas tran power AVG par('v(a)*v(b)') FROM=0 TO=2m\n");
        assertEquals(1.5, value(m, "top"), 1e-4);
        assertEquals(1.25e-3, value(m, "when"), 5e-6);
        assertEquals(-1, value(m, "low"), 1e-4);
        assertEquals(2, value(m, "swing"), 1e-4);
        assertEquals(0, value(m, "mean"), 1e-6);
        assertEquals(1.5 / Math.sqrt(2), value(m, "root"), 1e-4);
        assertEquals(1 / (Math.PI * 1e3), value(m, "area"), 1e-8);
        assertEquals(2 * Math.PI * 1e3, value(m, "slope"), 2 * Math.PI * 1e3 * 1e-4);
        assertEquals(4, value(m, "twice"), 2e-4);
        assertEquals(0.75, value(m, "power"), 1e-5); // mean of 1.5 sin^2
    }

    @Test
    void aMissingCrossingFailsTheMeasurementNotTheRun() {
        Map<String, MeasureResult> m = measure(".meas tran never WHEN v(a)=2\n.meas tran tenth TRIG v(a) VAL=0 RISE=10"
                + " TARG v(a) VAL=0 RISE=11\n.meas tran uses PARAM='never+1'\n");
        assertTrue(m.get("never").failed() && m.get("never").failure().contains("v(a) never crosses 2.0"), m.get("never").toString());
        assertTrue(m.get("tenth").failure().contains("rises through 0.0 only 2 times, not a 10th time"), m.get("tenth").toString());
        assertTrue(m.get("uses").failure().contains("measurement never, which failed"), m.get("uses").toString());
    }

    @Test
    void dcMeasurementsUseTheSweep() {
        var r = Netlists.runAll("d\nV1 a 0 0\nR1 a b 1k\nR2 b 0 3k\n.dc V1 0 4 0.5\n.meas dc vin WHEN v(b)=1.5\n");
        assertEquals(2, r.get(0).measures().get(0).value(), 1e-12);
    }

    @Test
    void badMeasureCardsAreLocated() {
        String kind = assertThrows(NetlistException.class, () -> Netlists.circuit(SINE + ".meas tran x SUM v(a)\n"))
                .getMessage();
        assertTrue(kind.startsWith("test.cir:7:14: unknown .measure kind 'SUM'"), kind);
        String param = assertThrows(NetlistException.class, () -> Netlists.circuit(SINE + ".meas tran x PARAM='y*2'\n"))
                .getMessage();
        assertTrue(param.contains("unknown parameter 'y'"), param);
        String node = assertThrows(NetlistException.class, () -> Netlists.run(SINE + ".meas tran x MAX v(nope)\n"))
                .getMessage();
        assertTrue(node.startsWith("test.cir:7: cannot print v(nope)"), node);
    }
}
