package org.memspice.devices.programming;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.FirstOrderIntegrator;
import org.apache.commons.math3.ode.nonstiff.DormandPrince54Integrator;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorPoint;

/**
 * What a constant voltage across one device for a given time does to its state: dx/dt = f(v, x)
 * of the model integrated with Commons Math's Dormand-Prince 5(4) (absolute tolerance 1e-9 of
 * the state range, relative 1e-7), with the state held at a bound it pushes against. Not
 * thread-safe: it reuses its evaluation point.
 */
public final class PulseIntegrator {
    private final MemristorModel model;
    private final double lo;
    private final double hi;
    private final MemristorPoint point = new MemristorPoint();
    private final double[] y = new double[1];
    private final Equation equation = new Equation();

    public PulseIntegrator(MemristorModel model) {
        this.model = model;
        this.lo = model.minState();
        this.hi = model.maxState();
    }

    public MemristorModel model() {
        return model;
    }

    /** The state after voltage v (across the device, + to −) for {@code width} seconds from state x. */
    public double apply(double x, double v, double width) {
        if (!(width >= 0) || !Double.isFinite(width) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("a pulse needs a finite voltage and a width >= 0, got " + v + " V for " + width + " s");
        }
        if (width == 0) {
            return x;
        }
        equation.v = v;
        FirstOrderIntegrator integrator = new DormandPrince54Integrator(1e-18 * width, width, 1e-9 * (hi - lo), 1e-7);
        y[0] = x;
        integrator.integrate(equation, 0, y, width, y);
        return Math.max(lo, Math.min(hi, y[0]));
    }

    /** dx/dt = f(v, x) under a fixed voltage, held at the bounds it pushes against. */
    private final class Equation implements FirstOrderDifferentialEquations {
        double v;

        @Override
        public int getDimension() {
            return 1;
        }

        @Override
        public void computeDerivatives(double t, double[] x, double[] dx) {
            double s = Math.max(lo, Math.min(hi, x[0]));
            model.evaluate(v, s, point);
            double f = point.rate;
            if ((s >= hi && f > 0) || (s <= lo && f < 0)) {
                f = 0;
            }
            dx[0] = f;
        }
    }
}
