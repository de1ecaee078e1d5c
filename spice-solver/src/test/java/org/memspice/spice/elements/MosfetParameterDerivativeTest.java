package org.memspice.spice.elements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memspice.spice.Netlists;
import org.memspice.spice.analysis.DcPoint;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.analysis.StepRecorder;
import org.memspice.spice.analysis.TransientStepper;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ParameterSensitive;
import org.memspice.spice.element.StateJacobian;

/**
 * The level-1 MOSFET's analytic parameter derivatives against central differences of the device's own
 * equations (its loads, relative step 1e-6, at fixed terminal voltages): ∂F/∂p of the residual at the
 * drain, source and bulk (and the internal nodes of RD and RS) in DC; ∂q/∂p of the junction and
 * Meyer gate charges at the transient's start (V·(2H + overlap)) and at a step (the increment from
 * the previous point, whose capacitances move with p too). NMOS and PMOS; without body effect, with
 * it, and with the process parameters (TOX, U0, NSUB, NSS, no KP, VTO, GAMMA, PHI) at another
 * temperature than TNOM; over cutoff, triode, saturation, reverse mode, reverse and forward biased
 * bulk junctions (the latter above FC·PB), and every Meyer region.
 */
class MosfetParameterDerivativeTest {
    /** Relative agreement required. */
    private static final double TOLERANCE = 1e-6;
    /**
     * Absolute floor, normalized (p·∂/∂p), as a fraction of the largest term of the compared entry: the
     * differences' rounding, 2e-16 of it over a relative step of 1e-6 (2e-10), with a margin. A residual row
     * J·x − rhs of some 1e-4 A carries terms of 0.1 A (g·v of RD and RS at volts); a state at a step, the
     * previous point's charge.
     */
    private static final double FLOOR = 1e-8;
    /**
     * Entries reported in the worst relative error: normalized, above this fraction of their largest term (where
     * the differences' rounding is below 1e-6 of them).
     */
    private static final double REPORTED = 1e-3;

    /** Bias points (vgs, vds, vbs) in the type frame (NMOS sign), away from every region's boundary. */
    private static final double[][] BIAS = {
        {-1.7, 1.1, -0.4}, // deep cutoff: Meyer's gate-bulk capacitance only
        {0.05, 1.3, -0.6}, // cutoff, vgst between -phi and -phi/2
        {0.55, 0.9, -0.2}, // cutoff, vgst between -phi/2 and 0
        {2.1, 0.35, -0.3}, // triode
        {1.6, 0.2, 0.05}, // triode, bulk slightly forward
        {1.5, 2.2, -0.7}, // saturation, vbs < 0
        {2.5, 1.8, 0.45}, // saturation, bulk-source junction above FC·PB
        {1.9, -0.4, -0.9}, // reverse mode, triode
        {1.2, -1.5, -2.0}, // reverse mode, saturation
        {-0.6, -0.7, -1.1}, // reverse mode, cutoff
    };

    static Stream<Arguments> cases() {
        String plain = "VTO=0.6 KP=110u LAMBDA=0.04 LD=0.06u RD=35 RS=22 IS=2e-14 TOX=20n CGSO=2e-10 CGDO=2.5e-10"
                + " CGBO=1.2e-10 CBD=6f CBS=5f PB=0.8 MJ=0.45 FC=0.4";
        String body = "VTO=0.55 KP=95u LAMBDA=0.03 GAMMA=0.45 PHI=0.7 LD=0.08u RD=30 RS=20 JS=1e-4 TOX=18n"
                + " CGSO=2.2e-10 CGDO=2.6e-10 CGBO=1.1e-10 CJ=3e-4 MJ=0.42 CJSW=2e-10 MJSW=0.31 PB=0.75 FC=0.45";
        String process = "TOX=25n U0=450 NSUB=2e16 NSS=1e10 LAMBDA=0.02 LD=0.07u RD=25 RS=15 IS=1e-14 CGSO=1.8e-10"
                + " CGDO=2e-10 CGBO=1e-10 CJ=2.5e-4 MJ=0.5 CJSW=3e-10 MJSW=0.33 PB=0.85 FC=0.5 TNOM=20";
        String geometry = "W=4u L=1u AD=8p AS=9p PD=12u PS=13u";
        List<Arguments> all = new ArrayList<>();
        for (String type : new String[] {"NMOS", "PMOS"}) {
            String sign = type.equals("NMOS") ? "" : "-";
            all.add(Arguments.of(type + " without body effect", type, plain.replace("VTO=", "VTO=" + sign), geometry, ""));
            all.add(Arguments.of(type + " with body effect", type, body.replace("VTO=", "VTO=" + sign), geometry, ""));
            all.add(Arguments.of(type + " from process parameters at 75 C", type, process, geometry, ".temp 75\n"));
        }
        return all.stream();
    }

    /** The worst relative error seen above the floors, over all cases (printed for the record). */
    private static double worst;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyticDerivativesMatchDifferencesOfTheDevicesEquations(String label, String type, String card, String geometry,
            String options) {
        String net = "mos\nM1 d g s b mod " + geometry + "\n.model mod " + type + "(LEVEL=1 " + card + ")\n" + options + ".op\n";
        MnaSystem system = new MnaSystem(Netlists.circuit(net));
        Mosfet m = null;
        for (Element e : system.elements()) {
            if (e instanceof Mosfet) {
                m = (Mosfet) e;
            }
        }
        int sign = type.equals("NMOS") ? 1 : -1;
        int[] nodes = {find(system, "d"), find(system, "g"), find(system, "s"), find(system, "b"), find(system, "m1#drain"),
            find(system, "m1#source")};
        List<String> problems = new ArrayList<>();
        int checked = 0;
        double caseWorst = 0;
        for (double[] bias : BIAS) {
            double[] x = voltages(system, nodes, sign, bias, 0);
            double[] x0 = voltages(system, nodes, sign, bias, 1);
            for (int k = 0; k < m.sensitivityParameters().size(); k++) {
                if (m.notDifferentiable(k) != null) {
                    continue;
                }
                String what = label + ", " + m.sensitivityParameters().get(k) + " at (vgs, vds, vbs) = ("
                        + bias[0] + ", " + bias[1] + ", " + bias[2] + ")";
                caseWorst = Math.max(caseWorst, compare(what + ", DC", system, m, k, new Dc(system, x), problems));
                caseWorst = Math.max(caseWorst, compare(what + ", transient start", system, m, k, new Start(system, x),
                        problems));
                caseWorst = Math.max(caseWorst, compare(what + ", transient step", system, m, k, new Step(system, x0, x, m),
                        problems));
                checked++;
            }
        }
        worst = Math.max(worst, caseWorst);
        System.out.printf("%s: %d parameter-points, worst relative error %.3g (all cases so far %.3g)%n", label, checked,
                caseWorst, worst);
        assertEquals(List.of(), problems.subList(0, Math.min(problems.size(), 20)), problems.size() + " mismatches");
        // every parameter of the card and W, L: at least 20 of them at each point
        assertTrue(checked >= 20 * BIAS.length, checked + " parameter-points");
    }

    private static int find(MnaSystem system, String name) {
        return system.unknowns().find(name);
    }

    /**
     * The unknowns at a bias point (type frame, turned to real voltages by {@code sign}); the internal
     * nodes a few mV inside so that RD and RS carry current; {@code shift} 1 moves every terminal
     * by some tens of mV (the previous point of a transient step).
     */
    private static double[] voltages(MnaSystem system, int[] nodes, int sign, double[] bias, int shift) {
        double[] x = new double[system.size() + 1];
        double vsInner = 0.15 + shift * 0.031;
        double vg = vsInner + bias[0] + shift * 0.047;
        double vdInner = vsInner + bias[1] - shift * 0.052;
        double vb = vsInner + bias[2] + shift * 0.023;
        double[] real = {vdInner + 0.017 * Math.signum(bias[1]), vg, vsInner - 0.011, vb, vdInner, vsInner};
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] > 0) {
                x[nodes[i]] = sign * real[i];
            }
        }
        return x;
    }

    /**
     * The charges' gradients that the transient adjoint reads ({@link StateJacobian}: ∂q/∂x at the step's
     * point and ∂q/∂x<sub>prev</sub> of the gate charges' increments, Meyer's ∂H/∂v through the threshold's body
     * effect and vdsat) against central differences of the states over the unknowns (step 1e-6 V), the history
     * held, at the same points.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void chargeGradientsMatchDifferencesOfTheStates(String label, String type, String card, String geometry,
            String options) {
        String net = "mos\nM1 d g s b mod " + geometry + "\n.model mod " + type + "(LEVEL=1 " + card + ")\n" + options + ".op\n";
        MnaSystem system = new MnaSystem(Netlists.circuit(net));
        Mosfet m = (Mosfet) system.elements()[0];
        int sign = type.equals("NMOS") ? 1 : -1;
        int[] nodes = {find(system, "d"), find(system, "g"), find(system, "s"), find(system, "b"), find(system, "m1#drain"),
            find(system, "m1#source")};
        List<String> problems = new ArrayList<>();
        double caseWorst = 0;
        for (double[] bias : BIAS) {
            double[] x = voltages(system, nodes, sign, bias, 0);
            double[] x0 = voltages(system, nodes, sign, bias, 1);
            Step step = new Step(system, x0, x, m);
            double[] q = step.values();
            int count = q.length;
            double[][] gradient = new double[count][x.length];
            double[][] previous = new double[count][x.length];
            boolean[] held = new boolean[count];
            m.stateJacobian(system.context(), new StateJacobian.StateSink() {
                @Override
                public void incidence(int state, int row, double coefficient) {
                }

                @Override
                public void gradient(int state, int unknown, double value) {
                    gradient[state][unknown] += value;
                }

                @Override
                public void held(int state) {
                    held[state] = true; // the voltages the predictor reads: no charge
                }

                @Override
                public void previousGradient(int state, int unknown, double value) {
                    previous[state][unknown] += value;
                }
            });
            for (int j : nodes) {
                double h = 1e-6;
                double[][] moved = new double[4][];
                for (int side = 0; side < 4; side++) {
                    double[] xs = x.clone();
                    double[] x0s = x0.clone();
                    (side < 2 ? xs : x0s)[j] += side % 2 == 0 ? h : -h;
                    moved[side] = step.values(x0s, xs);
                }
                for (int st = 0; st < count; st++) {
                    for (int which = 0; which < 2 && !held[st]; which++) {
                        double fd = (moved[2 * which][st] - moved[2 * which + 1][st]) / (2 * h);
                        double analytic = (which == 0 ? gradient : previous)[st][j];
                        double floor = FLOOR * Math.abs(q[st]);
                        String what = String.format("%s, state %d, %s in %s at (%s, %s, %s)", label, st, which == 0
                                ? "∂q/∂x" : "∂q/∂x_prev", system.unknowns().name(j), bias[0], bias[1], bias[2]);
                        if (Math.abs(analytic - fd) > TOLERANCE * Math.abs(fd) + floor) {
                            problems.add(String.format("%s: analytic %.10g, central difference %.10g", what, analytic, fd));
                        }
                        if (Math.abs(fd) > REPORTED * Math.abs(q[st])) {
                            caseWorst = Math.max(caseWorst, Math.abs(analytic - fd) / Math.abs(fd));
                        }
                    }
                }
            }
        }
        System.out.printf("%s: charges' gradients, worst relative error %.3g%n", label, caseWorst);
        assertEquals(List.of(), problems.subList(0, Math.min(problems.size(), 20)), problems.size() + " mismatches");
    }

    /** One way of loading the device: the values compared (residual rows or states) at the present parameters. */
    private interface Mode {
        /** Loads at the point and returns the compared quantities, indexed as the sink reports them. */
        double[] values();

        /** The analytic derivatives, reported at the point of the last {@link #values}. */
        double[] analytic(Mosfet m, int k);

        /** The magnitude of the largest term of each value at the last {@link #values}, where its rounding comes from. */
        default double[] terms(double[] values) {
            double[] t = new double[values.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = Math.abs(values[i]);
            }
            return t;
        }
    }

    /** DC: the residual J·x − rhs (the device's currents) by row. */
    private record Dc(MnaSystem system, double[] x) implements Mode {
        @Override
        public double[] values() {
            // until no load limits the voltages: the device limits against the voltages it saw last (those of
            // another point or parameter value at first), and the values compared must be those at x
            double[] r = new double[x.length];
            double[] last = null;
            for (int pass = 0; pass < 200 && !java.util.Arrays.equals(r, last); pass++) {
                last = r.clone();
                DcPoint.load(system, x.clone());
                system.residual(x, r);
            }
            assertTrue(java.util.Arrays.equals(r, last), "the loads settle at x");
            return r;
        }

        /** Σ|J<sub>ij</sub>·x<sub>j</sub>| + |r<sub>i</sub>| by row: the terms of J·x and of the right-hand side. */
        @Override
        public double[] terms(double[] values) {
            double[] t = new double[values.length];
            var a = system.jacobian();
            for (int j = 1; j < x.length; j++) {
                for (int p = a.col_idx[j - 1]; p < a.col_idx[j]; p++) {
                    t[a.nz_rows[p] + 1] += Math.abs(a.nz_values[p] * x[j]);
                }
            }
            for (int i = 0; i < t.length; i++) {
                t[i] += Math.abs(values[i]);
            }
            return t;
        }

        @Override
        public double[] analytic(Mosfet m, int k) {
            double[] a = new double[x.length];
            m.parameterDerivative(k, system.context(), new ParameterSensitive.SensitivitySink() {
                @Override
                public void residual(int row, double value) {
                    a[row] += value;
                }

                @Override
                public void state(int state, double value) {
                }
            });
            a[0] = 0;
            return a;
        }
    }

    /** Collects the states' derivatives. */
    private static double[] stateDerivatives(MnaSystem system, Mosfet m, int k) {
        double[] a = new double[system.states().count()];
        m.parameterDerivative(k, system.context(), new ParameterSensitive.SensitivitySink() {
            @Override
            public void residual(int row, double value) {
            }

            @Override
            public void state(int state, double value) {
                a[state] += value;
            }
        });
        return a;
    }

    /** The transient's first pass at t = 0: the charges V·(2H + overlap) and the junctions'. */
    private record Start(MnaSystem system, double[] x) implements Mode {
        @Override
        public double[] values() {
            TransientStepper stepper = new TransientStepper(system, new Analysis.Tran(1e-9, 1e-7, 0, Double.NaN, false));
            stepper.contextAtStart(x.clone());
            system.load(x.clone());
            return system.states().values(0).clone();
        }

        @Override
        public double[] analytic(Mosfet m, int k) {
            return stateDerivatives(system, m, k);
        }
    }

    /**
     * A backward-Euler step to x from x0 (history started at x0 with the present parameters): the
     * junction charges at x, the gate charges' increments from x0.
     */
    private static final class Step implements Mode {
        private final MnaSystem system;
        private final double[] x0;
        private final double[] x;
        private final Mosfet m;
        private final TransientStepper stepper;
        private final double[][] saved;

        Step(MnaSystem system, double[] x0, double[] x, Mosfet m) {
            this.system = system;
            this.x0 = x0;
            this.x = x;
            this.m = m;
            stepper = new TransientStepper(system, new Analysis.Tran(1e-9, 1e-7, 0, Double.NaN, false));
            stepper.contextAtStart(x0.clone());
            system.load(x0.clone());
            stepper.endStart();
            system.states().fillHistoryFromPresent();
            saved = stepper.saveStates();
        }

        @Override
        public double[] values() {
            return values(x0, x);
        }

        /** The states of the step to x from x0, with the history started at the constructor's x0. */
        double[] values(double[] x0, double[] x) {
            StepRecorder.Step s = new StepRecorder.Step(1e-9, 1e-9, 1e-10, 1e-10, 1, false);
            double[] q = new double[system.states().count()];
            double[] last = null;
            // as Dc: until limiting against the last load's voltages no longer applies
            for (int pass = 0; pass < 200 && !java.util.Arrays.equals(q, last); pass++) {
                last = q;
                stepper.restoreStates(saved);
                m.stepFrom(x0);
                stepper.loadStep(s, x.clone());
                q = system.states().values(0).clone();
            }
            assertTrue(java.util.Arrays.equals(q, last), "the loads settle at x");
            return q;
        }

        @Override
        public double[] analytic(Mosfet m, int k) {
            return stateDerivatives(system, m, k);
        }
    }

    /**
     * Compares parameter k's analytic derivatives with central differences of {@code mode}'s values; adds
     * the mismatches to {@code problems} and returns the worst relative error of the entries above the floor.
     */
    private static double compare(String what, MnaSystem system, Mosfet m, int k, Mode mode, List<String> problems) {
        double v = m.parameterValue(k);
        double h = 1e-6 * (v == 0 ? 1 : Math.abs(v));
        double scale = v == 0 ? 1 : Math.abs(v);
        double[] up;
        double[] down;
        try {
            m.setParameterValue(k, v + h);
            system.parametersChanged();
            up = mode.values();
            m.setParameterValue(k, v - h);
            system.parametersChanged();
            down = mode.values();
        } finally {
            m.setParameterValue(k, v);
            system.parametersChanged();
        }
        double[] nominal = mode.values();
        double[] terms = mode.terms(nominal);
        double[] analytic = mode.analytic(m, k);
        double worstHere = 0;
        for (int i = 0; i < analytic.length; i++) {
            double fd = (up[i] - down[i]) / (2 * h);
            double error = scale * Math.abs(analytic[i] - fd);
            if (error > TOLERANCE * scale * Math.abs(fd) + FLOOR * terms[i]) {
                problems.add(String.format("%s, entry %d: analytic %.10g, central difference %.10g", what, i, analytic[i], fd));
            }
            if (scale * Math.abs(fd) > REPORTED * terms[i]) {
                worstHere = Math.max(worstHere, Math.abs(analytic[i] - fd) / Math.abs(fd));
            }
        }
        return worstHere;
    }
}
