package org.memspice.devices.solver;

import java.util.SplittableRandom;
import org.memspice.devices.stochastic.StochasticCbram;
import org.memspice.spice.element.CurrentProbe;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.InitialConditions;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.SetupContext;
import org.memspice.spice.element.StepListener;
import org.memspice.spice.elements.ConductanceStamp;

/**
 * A stochastic CBRAM in the circuit ({@code YMEMRISTOR ... model=cbram}): a conductance Ron or
 * Roff by its binary state, printed as {@code x(name)} (1 on, 0 off). After every accepted
 * transient step of length h at device voltage v it switches with the probability
 * 1 − e^(−h/τ(v)) of {@link StochasticCbram}, drawn from a source seeded per device; within a
 * step it is a plain resistor, so Newton needs one solve.
 */
public final class StochasticSwitch implements Element, InitialConditions, StepListener, CurrentProbe {
    private final String name;
    private final int a;
    private final int b;
    private final StochasticCbram physics;
    private final boolean initiallyOn;
    private final SplittableRandom random;
    private boolean on;
    private double lastTime;
    private int x;
    private int xx;
    private ConductanceStamp port;

    StochasticSwitch(String name, int a, int b, StochasticCbram physics, boolean initiallyOn, long seed) {
        this.name = name;
        this.a = a;
        this.b = b;
        this.physics = physics;
        this.initiallyOn = initiallyOn;
        this.on = initiallyOn;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void allocate(SetupContext ctx) {
        x = ctx.addUnknown("x(" + name + ")", SetupContext.UnknownKind.STATE, 1e-6);
    }

    @Override
    public void setup(SetupContext ctx) {
        port = new ConductanceStamp(ctx, a, b);
        xx = ctx.slot(x, x);
    }

    @Override
    public void load(LoadContext ctx) {
        if (!ctx.isTransient()) {
            on = initiallyOn;
            lastTime = 0;
        }
        port.conductance(ctx, physics.conductance(on));
        ctx.add(xx, 1);
        ctx.addRhs(x, on ? 1 : 0);
    }

    @Override
    public void accepted(LoadContext ctx, double[] solution) {
        double h = ctx.time() - lastTime;
        lastTime = ctx.time();
        if (h > 0) {
            on = physics.applyPulse(on, solution[a] - solution[b], h, random);
        }
    }

    @Override
    public void applyInitialConditions(double[] solution) {
        solution[x] = initiallyOn ? 1 : 0;
    }

    /** The starting state is on or off, no parameter of a sensitivity. */
    @Override
    public void initialConditionDerivative(int parameter, double[] dx) {
        dx[x] = 0;
    }

    @Override
    public double probeCurrent(double[] solution) {
        return physics.conductance(solution[x] > 0.5) * (solution[a] - solution[b]);
    }
}
