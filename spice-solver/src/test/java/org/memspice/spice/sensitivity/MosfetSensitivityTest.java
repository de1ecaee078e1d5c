package org.memspice.spice.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.analysis.DcPoint;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.circuit.Circuit;

/** MOSFET parameter sensitivities in DC: against differences of the residual and of full operating-point solves. */
class MosfetSensitivityTest {
    /**
     * Level 1: a CMOS inverter near its switching point; an NMOS with RD, RS and its bulk at -1 V (body
     * effect) whose drain sits below its source (reverse mode); a PMOS load.
     */
    static final String LEVEL1 = "mos1\nVdd vdd 0 3\nVin in 0 1.4\nM1 out in 0 0 nm W=4u L=1u\nM2 out in vdd vdd pm W=8u L=1u\n"
            + "Rl out 0 200k\nVb bb 0 -1\nV2 g2 0 2.5\nR2 vdd s2 20k\nM3 d2 g2 s2 bb nr W=3u L=1.2u\nR3 d2 0 5k\n"
            + ".model nm NMOS(LEVEL=1 VTO=0.6 KP=110u LAMBDA=0.04 GAMMA=0.4 PHI=0.7 IS=1e-15 LD=0.05u)\n"
            + ".model pm PMOS(LEVEL=1 VTO=-0.7 KP=40u LAMBDA=0.05 GAMMA=0.5)\n"
            + ".model nr NMOS(LEVEL=1 VTO=0.5 KP=90u LAMBDA=0.03 GAMMA=0.45 PHI=0.65 RD=40 RS=25)\n";
    /** Level 2 with its mobility degradation, velocity saturation and narrow-width parameters given: refused. */
    static final String LEVEL2 = "mos2\nVdd vdd 0 5\nVg g 0 2.2\nRd vdd d 3k\nM1 d g 0 0 n2 W=10u L=2u\n"
            + "Vg2 g2 0 1.1\nRp vdd p 1k\nM2 p g2 q 0 n2 W=6u L=1.5u\nRq q 0 2k\n"
            + ".model n2 NMOS(LEVEL=2 VTO=0.8 KP=50u GAMMA=0.5 PHI=0.6 LAMBDA=0.02 TOX=40n NSUB=1e16 UO=600 UCRIT=1e4"
            + " UEXP=0.1 VMAX=5e4 DELTA=0.3 XJ=0.3u NEFF=1.5)\n";

    @Test
    void parameterDerivativesMatchDifferencesOfTheResidual() {
        MnaSystem s = new MnaSystem(Netlists.circuit(LEVEL1 + ".op\n"));
        double[] x0 = DcPoint.solve(s);
        DerivativeCheck check = new DerivativeCheck(s, 1e-5);
        check.dcParameters(DerivativeCheckTest.near(s, x0, 1e-2));
        assertEquals(List.of(), check.problems());
    }

    @Test
    void dcSensitivitiesMatchDifferencesOfFullSolves() {
        Circuit c = Netlists.circuit(LEVEL1 + ".op\n");
        MnaSystem s = new MnaSystem(c);
        List<String> names = List.of("m1:w", "m1:l", "nm:vto", "nm:kp", "nm:lambda", "nm:gamma", "nm:phi", "nm:is", "nm:ld",
                "pm:vto", "pm:kp", "pm:lambda", "pm:gamma", "m2:w", "nr:rd", "nr:rs", "nr:gamma", "nr:vto", "nr:phi", "m3:l");
        List<SensParameter> ps = new ArrayList<>();
        for (String n : names) {
            ps.add(SensParameter.resolve(c, n));
        }
        String objective = "v(out) + v(d2)*v(s2) + i(vdd)*1k";
        Objective obj = Objective.parse(objective, c);
        SensitivityResult r = DcSensitivity.compute(s, obj, ps);
        int nonzero = 0;
        List<String> still = new ArrayList<>();
        for (int k = 0; k < ps.size(); k++) {
            SensParameter p = ps.get(k);
            double v = p.value();
            double fd = DerivativeCheckTest.dcDifference(s, obj, p);
            // compared as normalized sensitivities p·dJ/dp: 1e-4 of the difference quotient, above the differences'
            // own rounding (a relative 1e-16 of J over a relative step of 1e-6)
            double scale = v == 0 ? 1 : Math.abs(v);
            assertEquals(scale * fd, scale * r.gradient()[k], 1e-4 * Math.abs(scale * fd) + 1e-9 * Math.abs(r.value()), p.name());
            if (Math.abs(scale * fd) > 1e-6 * Math.abs(r.value())) {
                nonzero++;
            } else {
                still.add(p.name());
            }
        }
        // M1 and M2 have their bulks at their sources (no body effect: GAMMA and PHI of nm and pm do nothing), and the
        // junctions' IS only adds reverse currents of 1e-15 A
        assertEquals(List.of("nm:gamma", "nm:phi", "nm:is", "pm:gamma"), still, nonzero + " of " + names.size()
                + " parameters move the objective");
        // the derivatives left the devices as they were
        assertEquals(r.value(), DcSensitivity.compute(s, obj, List.of()).value(), 0);
    }

    @Test
    void aParameterTheDeviceDerivesOrLacksIsNamed() {
        Circuit c = Netlists.circuit(LEVEL1 + ".op\n");
        new MnaSystem(c);
        IllegalArgumentException nsub = assertThrows(IllegalArgumentException.class, () -> SensParameter.resolve(c, "nm:nsub"));
        assertTrue(nsub.getMessage().contains("NSUB is not given on model nm"), nsub.getMessage());
        IllegalArgumentException rd = assertThrows(IllegalArgumentException.class, () -> SensParameter.resolve(c, "nm:rd"));
        assertTrue(rd.getMessage().contains("RD is not given"), rd.getMessage());
        IllegalArgumentException ucrit = assertThrows(IllegalArgumentException.class, () -> SensParameter.resolve(c, "m1:ucrit"));
        assertTrue(ucrit.getMessage().contains("UCRIT"), ucrit.getMessage());
        Circuit c2 = Netlists.circuit(LEVEL2 + ".op\n");
        new MnaSystem(c2);
        IllegalArgumentException level2 = assertThrows(IllegalArgumentException.class, () -> SensParameter.resolve(c2, "n2:kp"));
        assertTrue(level2.getMessage().contains("level 2"), level2.getMessage());
    }

    @Test
    void aDerivedThresholdStaysDerivedAfterItsOwnDerivative() {
        // VTO, GAMMA and PHI derived from NSUB and TOX (level 1 with TOX): differentiating with respect to VTO must not
        // pin it, or NSUB's derivative would lose its path through the threshold
        String net = "der\nVdd vdd 0 5\nVg g 0 2\nRd vdd d 3k\nVb b 0 -0.5\nM1 d g 0 b n2 W=10u L=2u\n"
                + ".model n2 NMOS(LEVEL=1 KP=50u TOX=40n NSUB=1e16 LAMBDA=0.02)\n.op\n";
        Circuit c = Netlists.circuit(net);
        MnaSystem s = new MnaSystem(c);
        Objective obj = Objective.parse("v(d)", c);
        SensParameter nsub = SensParameter.resolve(c, "n2:nsub");
        double before = DcSensitivity.compute(s, obj, List.of(nsub)).gradient()[0];
        DcSensitivity.compute(s, obj, List.of(SensParameter.resolve(c, "n2:vto")));
        double after = DcSensitivity.compute(s, obj, List.of(nsub)).gradient()[0];
        assertEquals(before, after, 0);
        assertTrue(Math.abs(before) > 0);
    }
}
