package org.memspice.spice.sensitivity;

import java.util.ArrayList;
import java.util.List;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.analysis.StepRecorder;
import org.memspice.spice.analysis.TransientStepper;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.ParameterSensitive;
import org.memspice.spice.element.StateJacobian;

/**
 * Finite-difference checks of what elements stamp (Xyce's testDAEMatrices): the Jacobian against
 * central differences of the residual J(x)·x − rhs(x) in DC and in a transient step, the state
 * incidence and charge gradients ({@link StateJacobian}) against the residual's dependence on the
 * state history, and each parameter derivative ({@link ParameterSensitive}) against central
 * differences of the residual in that parameter. Every mismatch is returned as text (empty: all
 * agree). Steps are 10<sup>-5</sup> relative to each unknown and parameter (a parameter at 0 is
 * skipped); give transient steps that are not tiny against the solution's change (the residual's
 * rounding grows with 1/h).
 */
public final class DerivativeCheck {
    private final MnaSystem system;
    private final TransientStepper stepper;
    private final double tolerance;
    private final List<String> problems = new ArrayList<>();

    /** @param tolerance relative agreement required, against the largest entry of the compared column */
    public DerivativeCheck(MnaSystem system, double tolerance) {
        this.system = system;
        this.stepper = new TransientStepper(system, new Analysis.Tran(1e-6, 1e-3, 0, Double.NaN, false));
        this.tolerance = tolerance;
    }

    public List<String> problems() {
        return problems;
    }

    /** A transient step of size h at time t with order 1 (backward Euler) or 2 (the circuit's method). */
    public static StepRecorder.Step step(double t, double h, int order) {
        return new StepRecorder.Step(t, t, h, h, order, false);
    }

    /** Residual of the present mode at x: load then J·x − rhs. */
    private double[] residual(Runnable load, double[] x) {
        load.run();
        double[] r = new double[x.length];
        system.residual(x, r);
        return r;
    }

    private double[] column(int j) {
        var a = system.jacobian();
        double[] c = new double[system.size() + 1];
        for (int p = a.col_idx[j - 1]; p < a.col_idx[j]; p++) {
            c[a.nz_rows[p] + 1] += a.nz_values[p];
        }
        return c;
    }

    private void compare(String what, double[] analytic, double[] fd) {
        compare(what, analytic, fd, 0);
    }

    /** As above, allowing {@code noise} absolute (the rounding of the differenced residual over the step). */
    private void compare(String what, double[] analytic, double[] fd, double noise) {
        double scale = 0;
        for (int i = 1; i < analytic.length; i++) {
            scale = Math.max(scale, Math.max(Math.abs(analytic[i]), Math.abs(fd[i])));
        }
        for (int i = 1; i < analytic.length; i++) {
            if (Math.abs(analytic[i] - fd[i]) > tolerance * scale + noise + 1e-300) {
                problems.add(String.format("%s, row %s: analytic %.9g, finite difference %.9g", what,
                        system.unknowns().vectorName(i), analytic[i], fd[i]));
            }
        }
    }

    /** Jacobian columns at x against central differences of the residual (DC mode, as .op). */
    public void dcJacobian(double[] x) {
        jacobian("DC", x, () -> org.memspice.spice.analysis.DcPoint.load(system, x.clone()), xx -> () ->
                org.memspice.spice.analysis.DcPoint.load(system, xx));
    }

    /**
     * Jacobian columns at x in transient step s (after the states were started from x0): the stamped
     * one plus c0·M·U, U the part of the charges' gradients the elements leave out of their stamps
     * ({@link StateJacobian.StateSink#unstamped}): the Jacobian the adjoint solves with.
     */
    public void transientJacobian(double[] x0, double[] x, StepRecorder.Step s) {
        startStates(x0);
        double[][] saved = stepper.saveStates();
        Runnable atX = () -> {
            stepper.restoreStates(saved);
            stepFrom(x0);
            stepper.loadStep(s, x.clone());
        };
        atX.run();
        double[][] unstamped = unstamped(stepper.formula(s).c0());
        jacobian("transient", x, atX, xx -> () -> {
            stepper.restoreStates(saved);
            stepFrom(x0);
            stepper.loadStep(s, xx);
        }, unstamped);
    }

    /** Fills the state history from solution x0 as a transient's start does. */
    public void startStates(double[] x0) {
        stepper.contextAtStart(x0);
        system.load(x0);
        stepper.endStart();
        system.states().fillHistoryFromPresent();
    }

    /** The present step starts from x0 for the elements that integrate from the previous point. */
    private void stepFrom(double[] x0) {
        for (Element e : system.elements()) {
            if (e instanceof StateJacobian) {
                ((StateJacobian) e).stepFrom(x0);
            }
        }
    }

    /** A state sink that records incidences, gradients and the other reports as rows {state, row/unknown, value}. */
    private static final class Recorded implements StateJacobian.StateSink {
        final List<double[]> incidences = new ArrayList<>();
        final List<double[]> gradients = new ArrayList<>();
        final List<double[]> previous = new ArrayList<>();
        final List<double[]> unstamped = new ArrayList<>();
        final List<double[]> lagged = new ArrayList<>();
        final java.util.Set<Integer> held = new java.util.HashSet<>();

        @Override
        public void laggedState(int state, int back, int row, double value) {
            lagged.add(new double[] {state, back, row, value});
        }

        @Override
        public void incidence(int state, int row, double coefficient) {
            incidences.add(new double[] {state, row, coefficient});
        }

        @Override
        public void gradient(int state, int unknown, double value) {
            gradients.add(new double[] {state, unknown, value});
        }

        @Override
        public void held(int state) {
            held.add(state);
        }

        @Override
        public void previousGradient(int state, int unknown, double value) {
            previous.add(new double[] {state, unknown, value});
        }

        @Override
        public void unstamped(int state, int unknown, double value) {
            unstamped.add(new double[] {state, unknown, value});
        }

        /** Σ over states of c0·M[row, state]·entries[state, column] as [column][row]. */
        double[][] through(List<double[]> entries, double c0, int n) {
            double[][] out = new double[n + 1][n + 1];
            for (double[] a : incidences) {
                if (held.contains((int) a[0]) || a[1] == 0) {
                    continue;
                }
                for (double[] e : entries) {
                    if (e[0] == a[0] && e[1] != 0) {
                        out[(int) e[1]][(int) a[1]] += c0 * a[2] * e[2];
                    }
                }
            }
            return out;
        }
    }

    private Recorded record() {
        Recorded r = new Recorded();
        for (Element e : system.elements()) {
            if (e instanceof StateJacobian) {
                ((StateJacobian) e).stateJacobian(system.context(), r);
            }
        }
        return r;
    }

    /** c0·M·U by column, at the present load. */
    private double[][] unstamped(double c0) {
        Recorded r = record();
        return r.through(r.unstamped, c0, system.size());
    }

    /**
     * The dependence of step s's residual at x on the point it starts from, x0 (with the state
     * history held: the charges' own values at x0 are separate unknowns of the recursion), against
     * c0·M·∂q/∂x<sub>prev</sub> ({@link StateJacobian.StateSink#previousGradient}): nothing for charges
     * of the present point, the Meyer charges' increments for MOSFETs.
     */
    public void previousPoint(double[] x0, double[] x, StepRecorder.Step s) {
        int n = system.size();
        startStates(x0);
        double[][] saved = stepper.saveStates();
        stepper.restoreStates(saved);
        stepFrom(x0);
        stepper.loadStep(s, x.clone());
        Recorded r = record();
        double[][] analytic = r.through(r.previous, stepper.formula(s).c0(), n);
        for (int j = 1; j <= n; j++) {
            double h = x0[j] != 0 ? 1e-5 * Math.abs(x0[j]) : 1e-8;
            double[][] res = new double[2][];
            for (int side = 0; side < 2; side++) {
                double[] moved = x0.clone();
                moved[j] += side == 0 ? h : -h;
                stepper.restoreStates(saved);
                stepFrom(moved);
                res[side] = residual(() -> stepper.loadStep(s, x.clone()), x);
            }
            double[] fd = new double[n + 1];
            for (int i = 1; i <= n; i++) {
                fd[i] = (res[0][i] - res[1][i]) / (2 * h);
            }
            compare("previous-point column " + system.unknowns().vectorName(j), analytic[j], fd);
        }
        stepper.restoreStates(saved);
        stepFrom(x0);
    }

    /**
     * The rows' dependence on states at the two previous points ({@link StateJacobian.StateSink#laggedState}:
     * ddt()'s lagged slope) in step s at x, against central differences of the residual in those history
     * values. The history is started from x0, the values two points back moved by {@code spread} (relative
     * and absolute) so that the slopes are not 0. Returns the number of (state, back) pairs checked.
     */
    public int laggedStates(double[] x0, double[] x, StepRecorder.Step s, double spread) {
        int n = system.size();
        startStates(x0);
        var history = system.states();
        for (int k = 0; k < history.count(); k++) {
            history.values(2)[k] = history.values(1)[k] * (1 - spread) - spread;
        }
        double[][] saved = stepper.saveStates();
        stepper.restoreStates(saved);
        stepFrom(x0);
        stepper.loadStep(s, x.clone());
        Recorded r = record();
        java.util.Map<Integer, double[]> analytic = new java.util.TreeMap<>();
        for (double[] e : r.lagged) {
            analytic.computeIfAbsent((int) e[0] * 2 + (int) e[1] - 1, k -> new double[n + 1])[(int) e[2]] += e[3];
        }
        for (var entry : analytic.entrySet()) {
            int state = entry.getKey() / 2;
            int back = entry.getKey() % 2 + 1;
            // saveStates keeps values(k) at index 2k
            double q = saved[2 * back][state];
            double h = 1e-6 * Math.max(Math.abs(q), 1e-3);
            double[][] res = new double[2][];
            for (int side = 0; side < 2; side++) {
                double[][] moved = new double[saved.length][];
                for (int k = 0; k < saved.length; k++) {
                    moved[k] = saved[k].clone();
                }
                moved[2 * back][state] = q + (side == 0 ? h : -h);
                stepper.restoreStates(moved);
                stepFrom(x0);
                res[side] = residual(() -> stepper.loadStep(s, x.clone()), x);
            }
            double[] fd = new double[n + 1];
            for (int i = 1; i <= n; i++) {
                fd[i] = (res[0][i] - res[1][i]) / (2 * h);
            }
            compare("state " + state + " at point n-" + back, entry.getValue(), fd);
        }
        // the records those rows read: ∂q/∂x of the value a load records, against its differences
        java.util.Set<Integer> records = new java.util.TreeSet<>();
        for (double[] e : r.lagged) {
            records.add((int) e[0]);
        }
        for (int state : records) {
            double[] gradient = new double[n + 1];
            for (double[] g : r.gradients) {
                if ((int) g[0] == state && g[1] != 0) {
                    gradient[(int) g[1]] += g[2];
                }
            }
            double[] fd = new double[n + 1];
            for (int j = 1; j <= n; j++) {
                double h = x[j] != 0 ? 1e-5 * Math.abs(x[j]) : 1e-8;
                double[] q = new double[2];
                for (int side = 0; side < 2; side++) {
                    double[] moved = x.clone();
                    moved[j] += side == 0 ? h : -h;
                    stepper.restoreStates(saved);
                    stepFrom(x0);
                    stepper.loadStep(s, moved);
                    q[side] = system.states().values(0)[state];
                }
                fd[j] = (q[0] - q[1]) / (2 * h);
            }
            compare("record " + state + " gradient", gradient, fd);
        }
        stepper.restoreStates(saved);
        stepFrom(x0);
        return analytic.size();
    }

    private void jacobian(String mode, double[] x, Runnable loadAtX, java.util.function.Function<double[], Runnable> loadAt) {
        jacobian(mode, x, loadAtX, loadAt, null);
    }

    private void jacobian(String mode, double[] x, Runnable loadAtX, java.util.function.Function<double[], Runnable> loadAt,
            double[][] extra) {
        int n = system.size();
        for (int j = 1; j <= n; j++) {
            // relative to the unknown (a state may be in metres); the residual J·x − rhs carries the
            // rounding of its largest terms, which a smaller step would amplify
            double h = x[j] != 0 ? 1e-5 * Math.abs(x[j]) : 1e-8;
            double[] up = x.clone();
            up[j] += h;
            double[] down = x.clone();
            down[j] -= h;
            double[] ru = residual(loadAt.apply(up), up);
            double[] rd = residual(loadAt.apply(down), down);
            double[] fd = new double[n + 1];
            for (int i = 1; i <= n; i++) {
                fd[i] = (ru[i] - rd[i]) / (2 * h);
            }
            loadAtX.run();
            double[] analytic = column(j);
            if (extra != null) {
                for (int i = 1; i <= n; i++) {
                    analytic[i] += extra[j][i];
                }
            }
            compare(mode + " Jacobian column " + system.unknowns().vectorName(j), analytic, fd);
        }
    }

    /**
     * Every parameter of every {@link ParameterSensitive} element at x: ∂F/∂p in DC and
     * ∂F/∂p + c0·M·∂q/∂p in backward-Euler step s, against central differences of the residual.
     */
    public void parameters(double[] x0, double[] x, StepRecorder.Step s) {
        for (Element e : system.elements()) {
            if (!(e instanceof ParameterSensitive)) {
                continue;
            }
            ParameterSensitive ps = (ParameterSensitive) e;
            for (int k = 0; k < ps.sensitivityParameters().size(); k++) {
                if (ps.notDifferentiable(k) != null || ps.parameterValue(k) == 0) {
                    continue; // a parameter at 0 has no scale to difference it by: not checked here
                }
                String what = e.name() + ":" + ps.sensitivityParameters().get(k);
                checkParameter("DC " + what, ps, k, null, x, null, null);
                startStates(x0);
                double[][] saved = stepper.saveStates();
                checkParameter("transient " + what, ps, k, x0, x, s, saved);
            }
        }
    }

    /**
     * Every parameter of every {@link ParameterSensitive} element at x in DC only: ∂F/∂p against
     * central differences of the residual: what DC analyses need, without the transient step's
     * state history.
     */
    public void dcParameters(double[] x) {
        for (Element e : system.elements()) {
            if (!(e instanceof ParameterSensitive)) {
                continue;
            }
            ParameterSensitive ps = (ParameterSensitive) e;
            for (int k = 0; k < ps.sensitivityParameters().size(); k++) {
                if (ps.notDifferentiable(k) != null || ps.parameterValue(k) == 0) {
                    continue;
                }
                checkParameter("DC " + e.name() + ":" + ps.sensitivityParameters().get(k), ps, k, null, x, null, null);
            }
        }
    }

    private void checkParameter(String what, ParameterSensitive ps, int k, double[] x0, double[] x, StepRecorder.Step s,
            double[][] saved) {
        int n = system.size();
        // the step starts from x0 with the parameter as it is: increments from the previous point (Meyer
        // charges) depend on p through x0's capacitances too
        double[] start = x0;
        Runnable load = s == null ? () -> org.memspice.spice.analysis.DcPoint.load(system, x.clone()) : () -> {
            stepper.restoreStates(saved);
            stepFrom(start);
            stepper.loadStep(s, x.clone());
        };
        double v = ps.parameterValue(k);
        double h = 1e-5 * Math.abs(v);
        double[] fd = new double[n + 1];
        double noise = 0;
        try {
            ps.setParameterValue(k, v + h);
            system.parametersChanged();
            double[] ru = residual(load, x);
            ps.setParameterValue(k, v - h);
            system.parametersChanged();
            double[] rd = residual(load, x);
            double biggest = 0;
            for (int i = 1; i <= n; i++) {
                fd[i] = (ru[i] - rd[i]) / (2 * h);
                biggest = Math.max(biggest, Math.max(Math.abs(ru[i]), Math.abs(rd[i])));
            }
            noise = 1e-12 * biggest / h;
        } finally {
            ps.setParameterValue(k, v);
            system.parametersChanged();
        }
        load.run();
        double[] analytic = new double[n + 1];
        double[] dq = new double[system.states().count()];
        ps.parameterDerivative(k, system.context(), new ParameterSensitive.SensitivitySink() {
            @Override
            public void residual(int row, double value) {
                analytic[row] += value;
            }

            @Override
            public void state(int state, double value) {
                dq[state] += value;
            }
        });
        if (s != null) {
            double c0 = stepper.formula(s).c0();
            boolean[] heldStates = new boolean[dq.length];
            List<double[]> incidences = new ArrayList<>();
            StateJacobian.StateSink sink = new StateJacobian.StateSink() {
                @Override
                public void incidence(int state, int row, double coefficient) {
                    incidences.add(new double[] {state, row, coefficient});
                }

                @Override
                public void gradient(int state, int unknown, double value) {
                }

                @Override
                public void held(int state) {
                    heldStates[state] = true;
                }
            };
            for (Element e : system.elements()) {
                if (e instanceof StateJacobian) {
                    ((StateJacobian) e).stateJacobian(system.context(), sink);
                }
            }
            for (double[] inc : incidences) {
                int st = (int) inc[0];
                if (!heldStates[st]) {
                    analytic[(int) inc[1]] += c0 * inc[2] * dq[st];
                }
            }
        }
        analytic[0] = 0;
        compare(what, analytic, fd, noise);
    }

    /**
     * The reported state incidence M and charge gradient ∂q/∂x against the Jacobian's dependence on
     * the formula: J(h) − J(2h) = (1/h − 1/(2h))·M·∂q/∂x for backward-Euler steps at x (∂q/∂x less
     * what the element leaves out of its stamp, {@link StateJacobian.StateSink#unstamped}).
     */
    public void stateJacobians(double[] x0, double[] x, double t, double h) {
        int n = system.size();
        startStates(x0);
        double[][] saved = stepper.saveStates();
        double[][] wide = new double[n + 1][];
        stepper.restoreStates(saved);
        stepFrom(x0);
        stepper.loadStep(step(t, 2 * h, 1), x.clone());
        for (int j = 1; j <= n; j++) {
            wide[j] = column(j);
        }
        stepper.restoreStates(saved);
        stepFrom(x0);
        stepper.loadStep(step(t, h, 1), x.clone());
        int count = system.states().count();
        List<double[]> inc = new ArrayList<>();
        List<double[]> grad = new ArrayList<>();
        boolean[] heldStates = new boolean[count];
        StateJacobian.StateSink sink = new StateJacobian.StateSink() {
            @Override
            public void incidence(int state, int row, double coefficient) {
                inc.add(new double[] {state, row, coefficient});
            }

            @Override
            public void gradient(int state, int unknown, double value) {
                grad.add(new double[] {state, unknown, value});
            }

            @Override
            public void held(int state) {
                heldStates[state] = true;
            }

            @Override
            public void unstamped(int state, int unknown, double value) {
                grad.add(new double[] {state, unknown, -value}); // the stamp has the gradient less this
            }
        };
        for (Element e : system.elements()) {
            if (e instanceof StateJacobian) {
                ((StateJacobian) e).stateJacobian(system.context(), sink);
            }
        }
        double dc0 = 1 / h - 1 / (2 * h);
        for (int j = 1; j <= n; j++) {
            double[] now = column(j);
            double[] fd = new double[n + 1];
            double[] analytic = new double[n + 1];
            for (int i = 1; i <= n; i++) {
                fd[i] = now[i] - wide[j][i];
            }
            for (double[] a : inc) {
                if (heldStates[(int) a[0]] || a[1] == 0) {
                    continue;
                }
                for (double[] g : grad) {
                    if (g[0] == a[0] && g[1] == j) {
                        analytic[(int) a[1]] += dc0 * a[2] * g[2];
                    }
                }
            }
            compare("state Jacobian column " + system.unknowns().vectorName(j), analytic, fd);
        }
    }
}
