package org.memspice.spice.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.netlist.CircuitBuilder;

/**
 * The reference netlists (the ngspice cross-check set): adjoint transient sensitivities of an
 * objective against central differences of full re-simulations on the recorded steps
 * ({@link FixedStepRun}), DC direct sensitivities against differences of full re-solves, each to
 * 1e-4 relative with tightened tolerances. Long runs are shortened (the stop time is rewritten).
 */
class ReferenceSensitivityTest {
    private static final String TIGHT = ".options reltol=1e-6 abstol=1e-15 vntol=1e-9\n";

    /** The netlist text with its .tran line replaced (null: kept), tight options and no .end. */
    static String reference(String name, String tran) throws IOException {
        String text;
        try (InputStream in = ReferenceSensitivityTest.class.getResourceAsStream("/reference/" + name)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String l = line.trim().toLowerCase(java.util.Locale.ROOT);
            if (l.equals(".end")) {
                continue;
            }
            out.append(tran != null && l.startsWith(".tran") ? tran : line).append('\n');
        }
        return out + TIGHT;
    }

    @Test
    void rcPulse() throws IOException {
        TransientSensitivityTest.checkAgainstFixedSteps(reference("rc_pulse.cir", ".tran 10n 20u"),
                "integ(v(out)) * 1e5 + at(v(out), 13.5u)", 1e-4, "r1", "c1");
    }

    @Test
    void rlcRing() throws IOException {
        TransientSensitivityTest.checkAgainstFixedSteps(reference("rlc_ring.cir", ".tran 10n 20u"),
                "max(v(b)) + integ(v(b)) * 1e4", 1e-4, "r1", "l1", "c1");
    }

    @Test
    void diodeRectifier() throws IOException {
        checkRichardson(reference("diode_rect.cir", ".tran 1u 1.5m"), "integ(v(out)) * 1e3 + at(v(out), 1.2m)", 1e-4,
                1e-8, 1e-3, "dmod:is", "dmod:n", "dmod:rs", "dmod:cjo", "d1", "r1", "c1");
        // the junction charge barely moves the output here (CJO = 2 pF beside a 10 µF reservoir): a
        // charge-dominated variant exercises VJ, M, FC and TT through the adjoint's Q terms
        checkRichardson(reference("diode_rect.cir", ".tran 1u 1.5m").replace("C1 out 0 10u", "C1 out 0 10n")
                .replace("CJO=2p)", "CJO=2n VJ=0.7 M=0.4 FC=0.6 TT=20n)"), "integ(v(out)) * 1e3 + max(v(out))", 1e-4,
                1e-8, 1e-3, "dmod:cjo", "dmod:vj", "dmod:m", "dmod:fc", "dmod:tt", "dmod:is", "c1");
    }

    @Test
    void rcLadder2000() throws IOException {
        TransientSensitivityTest.checkAgainstFixedSteps(reference("rc_ladder2000.cir", ".tran 10n 1u"),
                "integ(v(n20)) * 1e6 + at(v(n5), 0.5u)", 1e-4, "r1", "c1", "r10", "c20");
    }

    @Test
    void cmosRing() throws IOException {
        // five level-1 stages with overlap capacitances, started from the .ic-clamped operating point; the gradient
        // against Richardson-extrapolated differences (the oscillation's phase makes the objective curve)
        String[] names = {"x1.mn:w", "x3.mp:l", "nm:vto", "nm:kp", "pm:kp", "pm:lambda", "nm:cgso", "pm:cgdo", "x2.c1", "vdd"};
        checkRichardson(reference("cmos_ring.cir", ".tran 1p 1.5n"), "at(v(n3), 1.2n) + integ(v(n1)) * 1e9", 1e-4, 1e-6, 4e-6,
                names);
    }

    @Test
    void memristorHpJoglekar() throws IOException {
        // a quarter of the 1 Hz drive moves the state from x0 = 0.1 up; x0 is the state capacitor's IC=
        checkWithParams(reference("memristor_hp_joglekar.cir", ".tran 0.5m 0.3 uic"),
                "integ(i(v1)) * 1e3 + v(x) + at(v(x), 0.1)", 1e-4, 1e-6, "x0", "ron", "roff", "uv", "d", "cx");
    }

    @Test
    void memristorYakopcic() throws IOException {
        checkWithParams(reference("memristor_yakopcic.cir", ".tran 2u 10m uic"),
                "integ(i(v1)) * 1e6 + v(x) + max(v(x))", 1e-4, 1e-6, "x0", "a1", "a2", "b", "vp", "ap", "xp", "alphap",
                "eta", "cx");
    }

    @Test
    void passiveCrossbar64() throws IOException {
        Circuit c = Netlists.circuit(reference("xbar_passive_64.cir", null));
        MnaSystem s = new MnaSystem(c);
        Objective obj = Objective.parse("v(c63_5) * 1e3 + v(c63_40) * v(c63_40) * 1e6", c);
        List<SensParameter> ps = TransientSensitivityTest.params(c, "rm0_5", "rm63_40", "rsense5", "rr10_3",
                "vin0", "vin63");
        SensitivityResult r = DcSensitivity.compute(s, obj, ps);
        for (int k = 0; k < ps.size(); k++) {
            SensParameter p = ps.get(k);
            double fd = DerivativeCheckTest.dcDifference(s, obj, p);
            assertTrue(r.gradient()[k] != 0, p.name());
            assertEquals(fd, r.gradient()[k], 1e-4 * Math.abs(fd), p.name());
        }
    }

    /**
     * Adjoint against central differences (relative step 1e-5) of the run replayed on its recorded
     * steps, to {@code tol}; a name may be a top-level .param (the netlist is built again with it
     * moved, for the adjoint's chain rule and for each difference) or an element parameter.
     */
    static void checkWithParams(String netlist, String objective, double tol, double replayTol, String... names) {
        Replayed run = Replayed.of(netlist, objective, TransientSensitivity.DEFAULT_MEMORY, TransientSensitivity.EXACT,
                replayTol, names);
        List<String> bad = new ArrayList<>();
        for (int k = 0; k < names.length; k++) {
            double ad = run.result().gradient()[k];
            double fd = run.differences()[k];
            if (!(ad != 0 && Math.abs(fd - ad) <= tol * Math.max(Math.abs(fd), Math.abs(ad)))) {
                bad.add(run.parameters().get(k).name() + ": adjoint " + ad + ", central difference " + fd);
            }
        }
        assertTrue(bad.isEmpty(), "value " + run.result().value() + ", " + run.result().steps() + " steps: " + bad);
    }

    /**
     * A netlist's transient adjoint gradient (with at most {@code memory} bytes of checkpoints and
     * {@code ablation}'s terms left out) beside central differences (relative step 1e-5) of its run
     * replayed on the recorded steps, one per name; a name may be a top-level .param (the netlist is
     * built again with it moved, for the adjoint's chain rule and for each difference) or an element
     * parameter. The replay must reproduce the run's objective to {@code replayTol}.
     */
    record Replayed(SensitivityResult result, List<SensParameter> parameters, double[] differences) {
        static Replayed of(String netlist, String objective, long memory, int ablation, double replayTol, String... names) {
            SensParameter.Rebuild rebuild = (name, value) -> new CircuitBuilder(ElementRegistry.loadDefault())
                    .overrideParameter(name, value).build(netlist, Path.of("test.cir"));
            Circuit c = Netlists.circuit(netlist);
            MnaSystem system = new MnaSystem(c);
            Objective obj = Objective.parse(objective, c);
            List<SensParameter> ps = new ArrayList<>();
            for (String n : names) {
                ps.add(SensParameter.resolve(c, n, rebuild));
            }
            var spec = TransientSensitivityTest.tran(c);
            SensitivityResult r = TransientSensitivity.compute(system, spec, obj, ps, memory, ablation);
            List<org.memspice.spice.analysis.StepRecorder.Step> steps = FixedStepRun.record(system, spec);
            assertEquals(r.steps(), steps.size());
            double replayed = FixedStepRun.objective(system, spec, obj, steps);
            assertEquals(r.value(), replayed, replayTol * Math.abs(r.value()), "replay reproduces the run");
            double[] fd = new double[names.length];
            for (int k = 0; k < names.length; k++) {
                SensParameter p = ps.get(k);
                if (c.parameters().containsKey(names[k])) {
                    double v = p.value();
                    double h = 1e-5 * Math.abs(v);
                    fd[k] = (replay(rebuild.build(names[k], v + h), objective, steps)
                            - replay(rebuild.build(names[k], v - h), objective, steps)) / (2 * h);
                } else {
                    fd[k] = FixedStepRun.centralDifference(system, spec, obj, steps, p, 1e-5);
                }
            }
            return new Replayed(r, ps, fd);
        }
    }

    /** The objective of {@code c}'s run replayed on {@code steps}. */
    private static double replay(Circuit c, String objective, List<org.memspice.spice.analysis.StepRecorder.Step> steps) {
        return FixedStepRun.objective(new MnaSystem(c), TransientSensitivityTest.tran(c), Objective.parse(objective, c),
                steps);
    }

    /**
     * Adjoint against Richardson-extrapolated central differences of the fixed-step run, (4·D(h/2) −
     * D(h))/3 at relative step h: a parameter whose effect on the objective is tiny (a junction
     * capacitance beside a large reservoir) needs a step far above the replay's rounding, and the
     * extrapolation removes the step's h² error.
     */
    static void checkRichardson(String netlist, String objective, double tol, double replayTol, double h,
            String... names) {
        Circuit c = Netlists.circuit(netlist);
        MnaSystem system = new MnaSystem(c);
        Objective obj = Objective.parse(objective, c);
        List<SensParameter> ps = TransientSensitivityTest.params(c, names);
        var spec = TransientSensitivityTest.tran(c);
        SensitivityResult r = TransientSensitivity.compute(system, spec, obj, ps);
        List<org.memspice.spice.analysis.StepRecorder.Step> steps = FixedStepRun.record(system, spec);
        assertEquals(r.steps(), steps.size());
        double replayed = FixedStepRun.objective(system, spec, obj, steps);
        assertEquals(r.value(), replayed, replayTol * Math.abs(r.value()), "replay reproduces the run");
        for (int k = 0; k < ps.size(); k++) {
            double wide = FixedStepRun.centralDifference(system, spec, obj, steps, ps.get(k), h);
            double narrow = FixedStepRun.centralDifference(system, spec, obj, steps, ps.get(k), h / 2);
            double fd = (4 * narrow - wide) / 3;
            double ad = r.gradient()[k];
            assertTrue(ad != 0 && Math.abs(fd - ad) <= tol * Math.abs(fd),
                    ps.get(k).name() + ": adjoint " + ad + " vs extrapolated central difference " + fd);
        }
    }
}
