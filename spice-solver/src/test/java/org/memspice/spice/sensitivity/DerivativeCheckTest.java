package org.memspice.spice.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memspice.spice.Netlists;
import org.memspice.spice.analysis.DcPoint;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.circuit.Circuit;

/** Every element's stamps and parameter derivatives agree with finite differences of its residual. */
public class DerivativeCheckTest {
    static final String LINEAR = "lin\nV1 in 0 PULSE(0 1 0 1n 1n 10 20)\nV2 b 0 0.3\nR1 in a 1k\nL1 a out 10m\n"
            + "C1 out 0 1u\nR2 out b 2k\nE1 e 0 out 0 2\nR3 e f 1k\nG1 f 0 out 0 1m\nR4 f 0 5k\nF1 f 0 V2 0.5\n"
            + "H1 h 0 V2 100\nR5 h 0 1k\nI1 out 0 0.1m\nK1 L1 L2 0.5\nL2 h k 1m\nR6 k 0 100\n";
    static final String BEHAVIOURAL = "beh\nV1 a 0 0.7\nR1 a b 1k\nB1 b 0 I=1e-3*tanh(v(b)*3)+v(b)^2*1e-4\n"
            + "B2 c 0 V=v(b)*exp(v(a)*0.5)\nR2 c d 2k\nC2 d 0 1n\nR3 d 0 4k\nRb d e r={1k+100*v(b)}\nR4 e 0 1k\n";
    static final String SEMICONDUCTORS = "semi\nV1 a 0 0.9\nR1 a b 1k\nD1 b 0 dm\nV2 g 0 1.5\nM1 d g 0 0 nm W=2u L=1u\n"
            + "R2 a d 10k\n.model dm D(IS=1e-14 CJO=1p)\n.model nm NMOS(LEVEL=1 KP=1e-4 VTO=0.5 LAMBDA=0.02)\n";

    /** Diodes with every continuous parameter away from 0: one in breakdown, one forward, one without RS. */
    static final String DIODES = "diodes\nV1 a 0 0.8\nR1 a b 100\nD1 b c dm 2\nR2 c 0 50\nV2 r 0 -5.3\nR3 r s 1k\n"
            + "D2 0 s dm\nD3 b 0 dn\nC1 c 0 1n\n"
            + ".model dm D(IS=2e-14 N=1.1 RS=3 CJO=2p VJ=0.8 M=0.4 FC=0.6 BV=5 IBV=1e-4 NBV=1.3 TT=5n EG=1.2 XTI=2.5"
            + " TCV=1e-3 TNOM=25)\n.model dn D(IS=1e-13 CJO=1p TT=1n)\n.temp 40\n";

    /**
     * Level-1 MOSFETs with Meyer gate capacitances (TOX), overlaps and bulk junction capacitances (CJ and CJSW
     * with areas, CBD/CBS): an NMOS in saturation with body effect, one in reverse mode, a PMOS in its linear region.
     */
    static final String MOSFETS = "mos\nVdd vdd 0 3\nVg g 0 1.4\nM1 d g 0 bb nm W=4u L=1u AD=8p AS=8p PD=12u PS=12u\n"
            + "Vb bb 0 -0.6\nR1 vdd d 20k\nM2 s2 g d2 0 nm W=3u L=1.2u\nR2 vdd s2 30k\nR3 d2 0 10k\n"
            + "M3 p 0 vdd vdd pm W=8u L=1u\nR4 p 0 8k\n"
            + ".model nm NMOS(LEVEL=1 VTO=0.6 KP=110u LAMBDA=0.04 GAMMA=0.4 PHI=0.7 TOX=20n LD=0.05u CGSO=2e-10"
            + " CGDO=2.5e-10 CGBO=1e-10 CJ=3e-4 MJ=0.45 CJSW=2e-10 MJSW=0.3 PB=0.8)\n"
            + ".model pm PMOS(LEVEL=1 VTO=-0.7 KP=40u LAMBDA=0.05 GAMMA=0.5 TOX=20n CGSO=2e-10 CGDO=2e-10 CGBO=1e-10"
            + " CBD=6f CBS=6f PB=0.75)\n";

    static MnaSystem system(String netlist) {
        Circuit c = Netlists.circuit(netlist + ".op\n");
        return new MnaSystem(c);
    }

    /** The operating point, nudged so that no stamp sits at a special point. */
    static double[] near(MnaSystem s, double[] x, double nudge) {
        double[] y = x.clone();
        for (int i = 1; i < y.length; i++) {
            y[i] += nudge * (0.5 + 0.37 * Math.sin(7.1 * i));
        }
        return y;
    }

    @ParameterizedTest
    @ValueSource(strings = {LINEAR, BEHAVIOURAL, SEMICONDUCTORS, DIODES})
    void jacobiansMatchDifferencesOfTheResidual(String netlist) {
        MnaSystem s = system(netlist);
        double[] x0 = DcPoint.solve(s);
        double[] x = near(s, x0, 1e-3);
        DerivativeCheck check = new DerivativeCheck(s, 1e-5);
        check.dcJacobian(x);
        check.transientJacobian(x0, x, DerivativeCheck.step(1e-6, 1e-7, 1));
        check.transientJacobian(x0, x, DerivativeCheck.step(1e-6, 1e-7, 2));
        assertEquals(List.of(), check.problems());
    }

    @ParameterizedTest
    @ValueSource(strings = {LINEAR, DIODES})
    void stateJacobiansAndParameterDerivatives(String netlist) {
        MnaSystem s = system(netlist);
        double[] x0 = DcPoint.solve(s);
        double[] x = near(s, x0, 1e-2);
        DerivativeCheck check = new DerivativeCheck(s, 1e-6);
        check.stateJacobians(x0, x, 1e-6, 1e-7);
        check.parameters(x0, x, DerivativeCheck.step(1e-6, 1e-7, 1));
        assertEquals(List.of(), check.problems());
    }

    /**
     * MOSFETs' transient pieces: the Jacobian with the unstamped part of Meyer's charges, the state Jacobian,
     * the gate charges' dependence on the previous point and every parameter's ∂F/∂p + c0·M·∂q/∂p, at a point
     * away from the operating point (the gate charges' increments are then not 0): node voltages moved by some
     * 10 mV, branch currents kept (moved like the voltages, amperes would put their rounding in every row).
     */
    @Test
    void mosfetTransientPieces() {
        MnaSystem s = system(MOSFETS);
        double[] x0 = DcPoint.solve(s);
        double[] moved = near(s, x0, 5e-2);
        double[] x = x0.clone();
        for (int u = 1; u < x.length; u++) {
            if (s.unknowns().kind(u) == org.memspice.spice.element.SetupContext.UnknownKind.VOLTAGE) {
                x[u] = moved[u];
            }
        }
        DerivativeCheck check = new DerivativeCheck(s, 1e-5);
        check.transientJacobian(x0, x, DerivativeCheck.step(1e-6, 1e-7, 1));
        check.transientJacobian(x0, x, DerivativeCheck.step(1e-6, 1e-7, 2));
        check.stateJacobians(x0, x, 1e-6, 1e-7);
        check.previousPoint(x0, x, DerivativeCheck.step(1e-6, 1e-7, 1));
        check.parameters(x0, x, DerivativeCheck.step(1e-6, 1e-7, 1));
        assertEquals(List.of(), check.problems());
    }

    @Test
    void dcDirectSensitivitiesOfADivider() {
        Circuit c = Netlists.circuit("div\nV1 a 0 10\nR1 a b 1k\nR2 b 0 3k\n.op\n");
        MnaSystem s = new MnaSystem(c);
        SensitivityResult r = DcSensitivity.compute(s, Objective.parse("v(b)", c),
                List.of(SensParameter.resolve(c, "r1"), SensParameter.resolve(c, "r2"), SensParameter.resolve(c, "v1")));
        assertEquals(7.5, r.value(), 1e-12);
        assertEquals(-10 * 3e3 / 16e6, r.gradient()[0], 1e-15);
        assertEquals(10 * 1e3 / 16e6, r.gradient()[1], 1e-15);
        assertEquals(0.75, r.gradient()[2], 1e-12);
        assertEquals(-r.gradient()[0] * 1e3 / 7.5, -r.normalized(0), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {LINEAR, BEHAVIOURAL, SEMICONDUCTORS, DIODES})
    void dcDirectSensitivitiesMatchDifferencesOfFullSolves(String netlist) {
        Circuit c = Netlists.circuit(netlist + ".op\n");
        MnaSystem s = new MnaSystem(c);
        List<SensParameter> ps = SensParameter.all(c);
        assertTrue(ps.size() >= 3);
        String objective = LINEAR.equals(netlist) ? "v(f)*v(f) + i(v2)*1k" : BEHAVIOURAL.equals(netlist) ? "v(d) + v(b)"
                : DIODES.equals(netlist) ? "v(c)*v(s) + i(v1)" : "v(d)*v(b)";
        Objective obj = Objective.parse(objective, c);
        SensitivityResult r = DcSensitivity.compute(s, obj, ps);
        for (int k = 0; k < ps.size(); k++) {
            SensParameter p = ps.get(k);
            double fd = dcDifference(s, obj, p);
            assertEquals(fd, r.gradient()[k], 1e-4 * Math.max(Math.abs(fd), 1e-9 * Math.abs(r.value())), p.name());
        }
    }

    /**
     * The central difference of the objective over full operating-point solves with parameter p
     * moved by a relative 1e-6 either way (absolute 1e-6 at 0); p is left as it was.
     */
    public static double dcDifference(MnaSystem s, Objective obj, SensParameter p) {
        double v = p.value();
        double h = 1e-6 * (v == 0 ? 1 : Math.abs(v));
        p.set(v + h);
        s.parametersChanged();
        double up = DcSensitivity.compute(s, obj, List.of()).value();
        p.set(v - h);
        s.parametersChanged();
        double down = DcSensitivity.compute(s, obj, List.of()).value();
        p.set(v);
        s.parametersChanged();
        return (up - down) / (2 * h);
    }
}
