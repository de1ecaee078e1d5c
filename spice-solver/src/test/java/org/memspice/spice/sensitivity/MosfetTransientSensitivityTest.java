package org.memspice.spice.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memspice.spice.Netlists;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.analysis.StepRecorder;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.circuit.Circuit;

/**
 * Transient adjoint sensitivities through level-1 MOSFETs: Meyer's gate charges (integrated from the
 * previous point's capacitances and voltages), the overlaps and the bulk junction charges. Each
 * gradient is checked against Richardson-extrapolated central differences of the run replayed on
 * its recorded steps ({@link FixedStepRun}), to 1e-4 relative with tightened tolerances.
 */
class MosfetTransientSensitivityTest {
    private static final String TIGHT = ".options reltol=1e-6 abstol=1e-15 vntol=1e-9\n";
    private static final String[] INVERTER_PARAMETERS = {"m1:w", "m1:l", "m2:w", "m2:l", "nm:vto", "nm:kp", "nm:lambda",
        "nm:gamma", "nm:tox", "nm:ld", "nm:cgso", "nm:cgdo", "nm:cgbo", "nm:cj", "nm:mj", "nm:cjsw", "nm:mjsw", "nm:pb",
        "pm:vto", "pm:kp", "pm:tox", "pm:cgso", "pm:cgdo", "pm:cgbo", "pm:cbd", "pm:pb", "r1", "c1", "rin", "vdd"};
    private static final String INVERTER_OBJECTIVE = "at(v(load), 9n) + integ(v(out)) * 1e8";
    static final String[] RING_PARAMETERS = {"x1.mn:w", "x2.mp:l", "nm:vto", "nm:kp", "pm:kp", "pm:lambda", "nm:tox",
        "pm:tox", "nm:cgso", "pm:cgdo", "nm:cgbo", "nm:cbd", "pm:cj", "x3.cl", "vdd"};
    static final String RING_OBJECTIVE = "at(v(n1), 1.2n) + integ(v(n2)) * 1e9";

    static String deck(String name) throws IOException {
        try (InputStream in = MosfetTransientSensitivityTest.class.getResourceAsStream("/sensitivity/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8) + TIGHT;
        }
    }

    /** The adjoint's largest relative error against extrapolated differences, all parameters moving the objective. */
    static SensitivityResult check(String netlist, String objective, double tol, long memory, int ablation,
            double[] worst, String... names) {
        return check(netlist, objective, tol, memory, ablation, 2e-6, worst, names);
    }

    /** As above with relative difference steps of at least {@code minStep}. */
    static SensitivityResult check(String netlist, String objective, double tol, long memory, int ablation, double minStep,
            double[] worst, String... names) {
        Circuit c = Netlists.circuit(netlist);
        MnaSystem system = new MnaSystem(c);
        Objective obj = Objective.parse(objective, c);
        List<SensParameter> ps = TransientSensitivityTest.params(c, names);
        Analysis.Tran spec = TransientSensitivityTest.tran(c);
        SensitivityResult r = TransientSensitivity.compute(system, spec, obj, ps, memory, ablation);
        List<StepRecorder.Step> steps = FixedStepRun.record(system, spec);
        assertEquals(r.steps(), steps.size());
        double replayed = FixedStepRun.objective(system, spec, obj, steps);
        assertEquals(r.value(), replayed, 1e-6 * Math.abs(r.value()), "replay reproduces the run (its solves polished)");
        worst[0] = 0;
        for (int k = 0; k < ps.size(); k++) {
            // (4·D(h/2) − D(h))/3 at relative step h: small for the ring, whose phase makes the objective curve
            // (1e-2 off at h = 1e-4), larger where the effect is small (the replay's rounding, some 1e-15 of the
            // objective, over the change the step makes): h = 1e-10 / (normalized sensitivity), in [minStep, 1e-4]
            // (wider steps cross the kinks of Meyer's piecewise capacitances: PMOS CBD's difference moves by 2 %
            // from h = 1e-4 to 3e-4 in the backward-Euler inverter)
            double normalized = Math.abs(r.gradient()[k] * ps.get(k).value() / r.value());
            double h = Math.min(1e-4, Math.max(minStep, 1e-10 / normalized));
            double wide = FixedStepRun.centralDifference(system, spec, obj, steps, ps.get(k), h);
            double narrow = FixedStepRun.centralDifference(system, spec, obj, steps, ps.get(k), h / 2);
            double fd = (4 * narrow - wide) / 3;
            double ad = r.gradient()[k];
            // every parameter listed moves the objective: normalized, by more than 1e-8 of it
            assertTrue(Math.abs(fd * ps.get(k).value()) > 1e-8 * Math.abs(r.value()), ps.get(k).name() + " does not matter: " + fd);
            // relative to the difference, above a floor of 1e-9 of the objective in normalized terms (p·dΦ/dp), as
            // MosfetSensitivityTest's DC check: the Newton tolerance of the run the adjoint follows
            double error = Math.abs(fd - ad) / (Math.abs(fd) + 1e-5 * Math.abs(r.value() / ps.get(k).value()));
            worst[0] = Math.max(worst[0], error);
            if (tol > 0) {
                assertTrue(error <= tol, ps.get(k).name() + ": adjoint " + ad + " vs extrapolated central difference " + fd);
            }
        }
        System.out.printf("%s (ablation %d): worst relative error %.3g over %d parameters%n", netlist.lines().findFirst()
                .orElse(""), ablation, worst[0], ps.size());
        return r;
    }

    static SensitivityResult check(String netlist, String objective, String... names) {
        return check(netlist, objective, 1e-4, TransientSensitivity.DEFAULT_MEMORY, TransientSensitivity.EXACT,
                new double[1], names);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".options method=gear\n", ".options maxord=1\n"})
    void inverterIntoAnRcLoad(String options) throws IOException {
        check(deck("cmos_inverter_rc.cir") + options, INVERTER_OBJECTIVE, INVERTER_PARAMETERS);
    }

    /**
     * MosfetSensitivityTest's DC circuit made to move: its two gates pulsed, load capacitors; series resistances RD and
     * RS (internal nodes), body effect and reverse mode, and no gate capacitances at all (no TOX, no overlaps: the
     * gate charges' increments are 0 and nothing is stamped for them).
     */
    @Test
    void seriesResistancesAndNoGateCapacitance() {
        String net = MosfetSensitivityTest.LEVEL1.replace("Vin in 0 1.4", "Vin in 0 PULSE(0.8 2 1n 2n 2n 5n 20n)")
                .replace("V2 g2 0 2.5", "V2 g2 0 PULSE(2.5 1.2 2n 1n 1n 4n 20n)")
                + "Cl out 0 20f\nCd d2 0 10f\n.tran 0.05n 12n\n" + TIGHT;
        // steps of 1e-4: the replays' rounding with RS moved is some 1e-14 of the objective (8e-5 off at 1e-6)
        check(net, "integ(v(out)) * 1e9 + at(v(d2), 6n) + integ(v(s2)) * 1e9", 1e-4, TransientSensitivity.DEFAULT_MEMORY,
                TransientSensitivity.EXACT, 1e-4, new double[1], "nr:rd", "nr:rs", "nr:kp", "nr:vto", "nr:gamma", "m3:w",
                "nm:kp", "pm:lambda", "cl", "cd", "r2", "vb");
    }

    @Test
    void ringOscillatorKickedFromItsOperatingPoint() throws IOException {
        SensitivityResult r = check(deck("cmos_ring3.cir"), RING_OBJECTIVE, RING_PARAMETERS);
        System.out.printf("cmos_ring3: %d steps, forward %.3f s, adjoint %.3f s for %d parameters%n", r.steps(),
                r.forwardSeconds(), r.sensitivitySeconds(), RING_PARAMETERS.length);
    }

    @Test
    void ringOscillatorFromInitialConditionsWithUic() throws IOException {
        check(deck("cmos_ring3_ic.cir"), RING_OBJECTIVE, RING_PARAMETERS);
    }

    /**
     * Without the gate charges' dependence on the previous point (∂q<sub>n</sub>/∂x<sub>n−1</sub>), or solving
     * with the Newton Jacobian as stamped (the averaged capacitance only), the gradient is off by more than 1e-2.
     */
    @Test
    void thePreviousPointAndTheUnstampedTermsMatter() throws IOException {
        String net = deck("cmos_inverter_rc.cir");
        double[] worst = new double[1];
        check(net, INVERTER_OBJECTIVE, 0, TransientSensitivity.DEFAULT_MEMORY, TransientSensitivity.WITHOUT_PREVIOUS_POINT,
                worst, INVERTER_PARAMETERS);
        assertTrue(worst[0] > 1e-2, "without ∂q_n/∂x_{n-1}: worst relative error " + worst[0]);
        check(net, INVERTER_OBJECTIVE, 0, TransientSensitivity.DEFAULT_MEMORY, TransientSensitivity.WITHOUT_UNSTAMPED,
                worst, INVERTER_PARAMETERS);
        assertTrue(worst[0] > 1e-2, "with the stamped Jacobian: worst relative error " + worst[0]);
        check(net, INVERTER_OBJECTIVE, 0, TransientSensitivity.DEFAULT_MEMORY, TransientSensitivity.EXACT, worst,
                INVERTER_PARAMETERS);
        assertTrue(worst[0] <= 1e-4, "exact: worst relative error " + worst[0]);
    }

    @Test
    void checkpointingGivesTheSameGradient() throws IOException {
        String net = deck("cmos_inverter_rc.cir");
        double[] worst = new double[1];
        SensitivityResult all = check(net, INVERTER_OBJECTIVE, 1e-4, TransientSensitivity.DEFAULT_MEMORY,
                TransientSensitivity.EXACT, worst, "m1:w", "nm:tox", "nm:cgdo", "pm:cbd", "c1");
        SensitivityResult few = check(net, INVERTER_OBJECTIVE, 1e-4, 20_000, TransientSensitivity.EXACT, worst, "m1:w",
                "nm:tox", "nm:cgdo", "pm:cbd", "c1");
        assertEquals(0, all.recomputedSteps());
        assertTrue(few.recomputedSteps() > 0);
        for (int k = 0; k < all.gradient().length; k++) {
            assertEquals(all.gradient()[k], few.gradient()[k], 1e-6 * Math.abs(all.gradient()[k]));
        }
    }

    /**
     * The adjoint's cost against the forward run's on the ring run to 20 ns (some 4,500 steps), printed (not
     * asserted): best of 5 after three warm-up runs.
     */
    @Test
    void ringCostIsPrinted() throws IOException {
        Circuit c = Netlists.circuit(deck("cmos_ring3.cir").replace(".tran 5p 3n", ".tran 5p 20n"));
        MnaSystem system = new MnaSystem(c);
        Objective obj = Objective.parse(RING_OBJECTIVE, c);
        Analysis.Tran spec = TransientSensitivityTest.tran(c);
        for (int warm = 0; warm < 3; warm++) {
            TransientSensitivity.compute(system, spec, obj, TransientSensitivityTest.params(c, RING_PARAMETERS));
        }
        for (String[] names : new String[][] {{}, {"vdd", "x3.cl"}, RING_PARAMETERS}) {
            List<SensParameter> ps = TransientSensitivityTest.params(c, names);
            double forward = Double.POSITIVE_INFINITY;
            double adjoint = Double.POSITIVE_INFINITY;
            int steps = 0;
            for (int run = 0; run < 5; run++) {
                SensitivityResult r = TransientSensitivity.compute(system, spec, obj, ps);
                steps = r.steps();
                forward = Math.min(forward, r.forwardSeconds());
                adjoint = Math.min(adjoint, r.sensitivitySeconds());
            }
            System.out.printf("cmos_ring3 to 20 ns, %d steps, cost: %d parameters: forward %.4f s, adjoint %.4f s (%.2fx)%n",
                    steps, ps.size(), forward, adjoint, adjoint / forward);
        }
    }

    @Test
    void levelTwoIsRefusedByName() {
        Circuit c = Netlists.circuit(MosfetSensitivityTest.LEVEL2 + ".tran 1n 20n\n");
        MnaSystem s = new MnaSystem(c);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransientSensitivity.compute(s,
                TransientSensitivityTest.tran(c), Objective.parse("v(d)", c), TransientSensitivityTest.params(c, "rd")));
        assertTrue(e.getMessage().contains("m1") && e.getMessage().contains("level 2"), e.getMessage());
    }
}
