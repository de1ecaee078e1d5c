package org.memspice.spice.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.circuit.Circuit;

/**
 * Transient adjoint sensitivities through B sources and behavioural resistors whose expressions take
 * ddt(): the lagged slope (u<sub>n−1</sub> − u<sub>n−2</sub>)/h<sub>n−1</sub> makes point n's rows read
 * the two previous points. Adjoint gradients against central differences of the run replayed on its
 * recorded steps (element values by moving the element, .params by rebuilding the netlist), at
 * reltol 1e-6, abstol 1e-15, vntol 1e-9.
 */
class DdtSensitivityTest {
    private static final String TOL = ".options reltol=1e-6 abstol=1e-15 vntol=1e-9\n";

    /** An RC whose node also carries a B current source cb·ddt(v(a)): a lagged capacitor beside C1. */
    static final String RC = "ddt rc\n.param cb=1n\nV1 in 0 SIN(0 1 40k)\nR1 in a 1k\nC1 a 0 10n\n"
            + "B1 a 0 I={cb*ddt(v(a))}\n" + TOL + ".tran 0.1u 60u\n";

    /**
     * A B voltage source v(in) + tau·ddt(v(in) + g·v(src)) of a SIN-driven RC node, into a second RC;
     * the .param g enters only inside the ddt() argument.
     */
    static final String VSRC = "ddt vsrc\n.param tau=1e-4 g=0.5\nV1 src 0 SIN(0 1 10k)\nR1 src in 1k\nC1 in 0 10n\n"
            + "B2 out 0 V={v(in) + tau*ddt(v(in) + g*v(src))}\nR2 out o2 1k\nC2 o2 0 5n\n" + TOL + ".tran 0.5u 150u\n";

    /**
     * A behavioural resistor whose resistance is nonlinear in the slope of its own node b (which
     * moves with every parameter), ddt(v(b))², so ∂F/∂ddt depends on the point too.
     */
    static final String RES = "ddt resistor\n.param rb=2k k=1e-11\nV1 in 0 SIN(0.2 1 20k)\nR1 in b 1k\nC1 b 0 5n\n"
            + "R3 b 0 r={rb*(1 + k*ddt(v(b))^2)}\nR4 b c 3k\nC2 c 0 2n\n" + TOL + ".tran 0.2u 100u\n";

    static final String RC_OBJECTIVE = "integ(v(a))*1e5 + at(v(a), 23u) + max(v(a))";
    static final String VSRC_OBJECTIVE = "integ(v(o2))*1e5 + at(v(o2), 77u) + v(o2)";
    static final String RES_OBJECTIVE = "integ(v(c))*1e5 + at(v(b), 51u) + min(v(c))";

    /**
     * The worst relative difference between the adjoint gradient (with {@code ablation}'s terms left
     * out, and at most {@code memory} bytes of checkpoints) and central differences of the replayed
     * run, over the parameters; prints each.
     */
    static double worst(String netlist, String objective, int ablation, long memory, String... names) {
        ReferenceSensitivityTest.Replayed run = ReferenceSensitivityTest.Replayed.of(netlist, objective, memory, ablation, 1e-6,
                names);
        SensitivityResult r = run.result();
        double worst = 0;
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < names.length; k++) {
            double fd = run.differences()[k];
            double ad = r.gradient()[k];
            double e = ad == 0 ? Double.POSITIVE_INFINITY : Math.abs(fd - ad) / Math.max(Math.abs(fd), Math.abs(ad));
            worst = Math.max(worst, e);
            sb.append(String.format(" %s: adjoint %.9g fd %.9g rel %.2e;", run.parameters().get(k).name(), ad, fd, e));
        }
        System.out.printf("ddt [%s] ablation %d memory %d, %d steps, worst %.2e:%s%n", netlist.lines().findFirst()
                .orElse(""), ablation, memory, r.steps(), worst, sb);
        return worst;
    }

    private static String with(String netlist, String options) {
        return netlist.replace(".tran", options + "\n.tran");
    }

    @ParameterizedTest
    @ValueSource(strings = {".options method=trap", ".options method=gear"})
    void lagggedCapacitorMatchesDifferencesOfTheReplay(String method) {
        double w = worst(with(RC, method), RC_OBJECTIVE, TransientSensitivity.EXACT, TransientSensitivity.DEFAULT_MEMORY,
                "r1", "c1", "cb");
        assertTrue(w <= 1e-4, "worst " + w);
    }

    @ParameterizedTest
    @ValueSource(strings = {".options method=trap", ".options method=gear"})
    void behaviouralVoltageWithDdtMatchesDifferencesOfTheReplay(String method) {
        double w = worst(with(VSRC, method), VSRC_OBJECTIVE, TransientSensitivity.EXACT,
                TransientSensitivity.DEFAULT_MEMORY, "r1", "c1", "r2", "c2", "tau", "g");
        assertTrue(w <= 1e-4, "worst " + w);
    }

    @ParameterizedTest
    @ValueSource(strings = {".options method=trap", ".options method=gear"})
    void behaviouralResistorWithDdtMatchesDifferencesOfTheReplay(String method) {
        double w = worst(with(RES, method), RES_OBJECTIVE, TransientSensitivity.EXACT,
                TransientSensitivity.DEFAULT_MEMORY, "r1", "c1", "r4", "c2", "rb", "k");
        assertTrue(w <= 1e-4, "worst " + w);
    }

    /** Checkpoints every few points: a re-solved segment's first points read the two points before it. */
    @Test
    void checkpointedRunsGiveTheSameGradient() {
        double w = worst(RES, RES_OBJECTIVE, TransientSensitivity.EXACT, 20_000, "r1", "c1", "r4", "c2", "rb", "k");
        assertTrue(w <= 1e-4, "worst " + w);
        Circuit c = Netlists.circuit(RES);
        MnaSystem system = new MnaSystem(c);
        Objective obj = Objective.parse(RES_OBJECTIVE, c);
        List<SensParameter> ps = TransientSensitivityTest.params(c, "r1", "c1", "r4", "c2");
        var spec = TransientSensitivityTest.tran(c);
        SensitivityResult all = TransientSensitivity.compute(system, spec, obj, ps, TransientSensitivity.DEFAULT_MEMORY,
                TransientSensitivity.EXACT);
        SensitivityResult some = TransientSensitivity.compute(system, spec, obj, ps, 20_000, TransientSensitivity.EXACT);
        assertEquals(0, all.recomputedSteps());
        assertTrue(some.recomputedSteps() > all.steps() / 2, "recomputed " + some.recomputedSteps());
        for (int k = 0; k < ps.size(); k++) {
            assertEquals(all.gradient()[k], some.gradient()[k], 1e-12 * Math.abs(all.gradient()[k]), ps.get(k).name());
        }
    }

    /** Without the rows' dependence on the two previous points the gradients are far off. */
    @Test
    void theLaggedTermsMatter() {
        double rc = worst(RC, RC_OBJECTIVE, TransientSensitivity.WITHOUT_LAGGED, TransientSensitivity.DEFAULT_MEMORY,
                "r1", "c1", "cb");
        double v = worst(VSRC, VSRC_OBJECTIVE, TransientSensitivity.WITHOUT_LAGGED,
                TransientSensitivity.DEFAULT_MEMORY, "r1", "c1", "tau");
        assertTrue(rc > 1e-2 && v > 1e-2, "without the lagged terms: worst " + rc + " and " + v);
    }

    /**
     * The element-level pieces: the rows' dependence on the ddt() records at the two previous points
     * against central differences of the residual in the history, and the records' ∂u/∂x and ∂u/∂p
     * (a .param inside a ddt() argument) against differences of the recorded states, for a B V= source,
     * a B I= source and a behavioural resistor with two ddt() terms.
     */
    @Test
    void elementPiecesMatchDifferencesOfTheResidual() {
        String net = "pieces\n.param g=0.7 rb=2k\nV1 a 0 1.3\nR1 a b 1k\nC1 b 0 1n\n"
                + "B1 b 0 I={1e-9*v(a,b)*ddt(v(b)) + 2e-10*ddt(g*v(a)*v(b))}\nR2 b c 1k\n"
                + "B2 d 0 V={v(c) + 1e-6*ddt(v(b))^2}\nR3 d 0 1k\nR4 c 0 r={rb*(1 + 1e-7*ddt(v(c))*v(b))}\n";
        MnaSystem s = DerivativeCheckTest.system(net);
        double[] x0 = org.memspice.spice.analysis.DcPoint.solve(s);
        double[] x = DerivativeCheckTest.near(s, x0, 1e-2);
        DerivativeCheck check = new DerivativeCheck(s, 1e-6);
        assertEquals(2 * 4, check.laggedStates(x0, x, DerivativeCheck.step(1e-6, 1e-7, 2), 1e-2));
        check.stateJacobians(x0, x, 1e-6, 1e-7);
        check.transientJacobian(x0, x, DerivativeCheck.step(1e-6, 1e-7, 2));
        assertEquals(List.of(), check.problems());
    }

    /** The .sens card (what `memspice sim` runs) gives the adjoint's gradient through a ddt() B source. */
    @Test
    void theSensCardRunsThroughDdt() {
        Circuit c = Netlists.circuit(VSRC + ".sens {integ(v(o2))*1e5} r1 c2\n");
        MnaSystem system = new MnaSystem(c);
        SensitivityResult card = Sensitivity.run(system, c.sensitivities().get(0));
        SensitivityResult direct = TransientSensitivity.compute(system, TransientSensitivityTest.tran(c),
                Objective.parse("integ(v(o2))*1e5", c), TransientSensitivityTest.params(c, "r1", "c2"));
        assertEquals(direct.value(), card.value(), 1e-12 * Math.abs(direct.value()));
        for (int k = 0; k < 2; k++) {
            assertTrue(direct.gradient()[k] != 0);
            assertEquals(direct.gradient()[k], card.gradient()[k], 1e-12 * Math.abs(direct.gradient()[k]));
        }
    }

    /** ddt() is 0 in DC: the operating-point sensitivities are those of the circuit without it. */
    @Test
    void dcIgnoresDdt() {
        String net = "ddt dc\n.param tau=1e-4\nV1 src 0 2\nR1 src in 1k\nR5 in 0 3k\nB2 out 0 V={v(in) + tau*ddt(v(in))}\n"
                + "R2 out 0 1k\n.op\n";
        Circuit c = Netlists.circuit(net);
        SensitivityResult r = DcSensitivity.compute(new MnaSystem(c), Objective.parse("v(out)", c),
                TransientSensitivityTest.params(c, "r1", "r5"));
        // v(out) = 2·r5/(r1 + r5)
        assertEquals(-2 * 3000 / Math.pow(4000, 2), r.gradient()[0], 1e-12);
        assertEquals(2 * 1000 / Math.pow(4000, 2), r.gradient()[1], 1e-12);
    }

    /** ddt() of an expression that takes ddt() is still refused, by name. */
    @Test
    void nestedDdtIsRefused() {
        String net = "ddt nested\nV1 in 0 SIN(0 1 10k)\nR1 in a 1k\nC1 a 0 1n\nB1 a 0 I={1e-12*ddt(v(a)+1e-5*ddt(v(a)))}\n"
                + ".tran 1u 20u\n";
        Circuit c = Netlists.circuit(net);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransientSensitivity.compute(
                new MnaSystem(c), TransientSensitivityTest.tran(c), Objective.parse("v(a)", c),
                TransientSensitivityTest.params(c, "r1")));
        assertTrue(e.getMessage().contains("b1") && e.getMessage().contains("takes ddt() of an expression"),
                e.getMessage());
    }
}
