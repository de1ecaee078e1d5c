package org.memspice.spice.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.memspice.spice.output.Waveforms;

/**
 * The netlists of ../shared/reference run unchanged and match ngspice 39 within the tolerances
 * of that folder's README: 0.1 % of peak-to-peak for linear circuits, 1 % for nonlinear ones,
 * the ring oscillator's period within 1 %.
 */
class NgspiceReferenceTest {

    @ParameterizedTest(name = "{0} {1} within {2}")
    @CsvSource({
        "rc_pulse, v(out), 0.001",
        "rlc_ring, v(b), 0.001",
        "rlc_ring, i(v1), 0.001",
        "rc_ladder2000, v(n1000), 0.001",
        "rc_ladder2000, v(n2000), 0.001",
        "diode_rect, v(out), 0.01",
        "diode_rect, v(in), 0.01",
        "memristor_hp_joglekar, v(x), 0.01",
        "memristor_hp_joglekar, i(v1), 0.01",
        "memristor_yakopcic, v(x), 0.01",
        "memristor_yakopcic, i(v1), 0.01",
    })
    void transientMatchesNgspice(String name, String vector, double tolerance) throws Exception {
        Waveforms ref = ReferenceCase.ngspice(name);
        Waveforms ours = ReferenceCase.memspice(name);
        double err = ReferenceCase.relativeError(ref, ours, vector);
        System.out.printf(java.util.Locale.ROOT, "reference %s %s: worst difference %.5f %% of peak-to-peak (allowed %.1f %%)%n",
                name, vector, err * 100, tolerance * 100);
        assertTrue(err <= tolerance, name + " " + vector + ": worst difference " + err * 100
                + " % of peak-to-peak, allowed " + tolerance * 100 + " %");
    }

    @Test
    void ringOscillatorPeriodMatchesNgspice() throws Exception {
        Waveforms ref = ReferenceCase.ngspice("cmos_ring");
        Waveforms ours = ReferenceCase.memspice("cmos_ring");
        for (String v : new String[] {"v(n1)", "v(n3)"}) {
            double pRef = ReferenceCase.period(ref.scale(), ref.vector(v), 1e-9);
            double pOurs = ReferenceCase.period(ours.scale(), ours.vector(v), 1e-9);
            assertTrue(Double.isFinite(pRef) && pRef > 0, "reference oscillates");
            System.out.printf(java.util.Locale.ROOT, "reference cmos_ring %s: period %.6g s vs ngspice %.6g s (%.4f %%)%n", v,
                    pOurs, pRef, 100 * Math.abs(pOurs - pRef) / pRef);
            assertEquals(pRef, pOurs, 0.01 * pRef, v + " period (ngspice " + pRef + " s, memspice " + pOurs + " s)");
        }
    }

    @Test
    void passiveCrossbarOperatingPointMatchesNgspice() throws Exception {
        Waveforms ref = ReferenceCase.ngspice("xbar_passive_64");
        Waveforms ours = ReferenceCase.memspice("xbar_passive_64");
        for (String v : new String[] {"v(c63_0)", "v(c63_1)", "v(c63_32)", "v(c63_63)"}) {
            double expected = ref.vector(v)[0];
            double actual = ours.vector(v)[0];
            assertEquals(expected, actual, 1e-3 * Math.abs(expected), v);
        }
    }
}
