package org.memspice.spice.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.circuit.Circuit;

/** Direct sensitivities at every point of a .dc sweep against differences of full re-solved sweeps. */
class DcSweepSensitivityTest {
    private static final String NET = "sweep\nV1 a 0 0\nR1 a b 1k\nD1 b c dm\nR2 c 0 2k\nV2 d 0 1\nR3 d c 5k\n"
            + ".model dm D(IS=1e-14 N=1.2 RS=10 CJO=1p)\n";

    private static void check(String netlist, String objective, String... names) {
        Circuit c = Netlists.circuit(netlist);
        MnaSystem s = new MnaSystem(c);
        Objective obj = Objective.parse(objective, c);
        List<SensParameter> ps = TransientSensitivityTest.params(c, names);
        SensitivityResult r = Sensitivity.dispatch(s, obj, ps);
        assertTrue(r.sweep().size() > 1);
        for (int k = 0; k < ps.size(); k++) {
            SensParameter p = ps.get(k);
            // Richardson-extrapolated central differences at 1e-3 and 5e-4 relative: where the diode
            // barely conducts, a parameter moves the output by less than a 1e-6 step's rounding
            double[] wide = difference(s, obj, p, 1e-3 * Math.abs(p.value()));
            double[] narrow = difference(s, obj, p, 5e-4 * Math.abs(p.value()));
            for (int i = 0; i < r.sweep().size(); i++) {
                double fd = (4 * narrow[i] - wide[i]) / 3;
                double ds = r.sweep().get(i).gradient()[k];
                assertEquals(fd, ds, 1e-4 * Math.abs(fd) + 1e-12 * Math.abs(r.sweep().get(i).value() / p.value()),
                        p.name() + " at " + java.util.Arrays.toString(r.sweep().get(i).at()));
            }
        }
    }

    /** Central differences of every sweep point's objective, each a full re-solved sweep. */
    private static double[] difference(MnaSystem s, Objective obj, SensParameter p, double h) {
        double v = p.value();
        p.set(v + h);
        s.parametersChanged();
        List<SensitivityResult.SweepPoint> up = Sensitivity.dispatch(s, obj, List.of()).sweep();
        p.set(v - h);
        s.parametersChanged();
        List<SensitivityResult.SweepPoint> down = Sensitivity.dispatch(s, obj, List.of()).sweep();
        p.set(v);
        s.parametersChanged();
        double[] out = new double[up.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (up.get(i).value() - down.get(i).value()) / (2 * h);
        }
        return out;
    }

    @Test
    void sourceSweepThroughADiode() {
        check(NET + ".dc V1 0 1.5 0.25\n", "v(c) * 1e3 + v(b)", "r1", "r2", "r3", "v2", "dm:is", "dm:n", "dm:rs",
                "d1:area");
    }

    @Test
    void nestedSweepWithTemperature() {
        check(NET + ".dc V1 1 2 0.5 temp 0 50 25\n", "v(c) * v(b)", "r1", "dm:is", "dm:n", "dm:tnom");
    }

    @Test
    void theTableHasASweepColumnAndEveryPoint() {
        Circuit c = Netlists.circuit(NET + ".dc V1 0 1 0.5\n");
        MnaSystem s = new MnaSystem(c);
        SensitivityResult r = Sensitivity.compute(s, "v(c)", List.of("r1", "dm:is"));
        assertEquals(3, r.sweep().size());
        String[] lines = Sensitivity.table(List.of(r)).split("\n");
        assertEquals("objective,sweep,parameter,value,derivative,normalized", lines[0]);
        assertEquals(1 + 3 * 2, lines.length);
        assertTrue(lines[1].startsWith("v(c),v1=0.00000000000,r1:r,1000.00000000,"), lines[1]);
        assertTrue(lines[6].startsWith("v(c),v1=1.00000000000,dm:is,1.00000000000e-14,"), lines[6]);
        // at V1 = 0 the diode is reverse biased by V2: v(c) barely depends on R1 there
        assertTrue(Math.abs(r.sweep().get(0).gradient()[0]) < 1e-3 * Math.abs(r.sweep().get(2).gradient()[0]));
    }

    @Test
    void theSweptSourceIsNotAParameter() {
        Circuit c = Netlists.circuit(NET + ".dc V1 0 1 0.5\n");
        MnaSystem s = new MnaSystem(c);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sensitivity.compute(s, "v(c)", List.of("v1")));
        assertTrue(e.getMessage().contains("v1 is swept by .dc"), e.getMessage());
    }
}
