package org.memspice.devices.stochastic;

import java.util.Map;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModelProvider;
import org.memspice.devices.memristor.MemristorPoint;
import org.memspice.devices.memristor.Parameters;

/**
 * The stochastic CBRAM as a registered memristor model ({@code model=cbram}, LEVEL=8): a binary
 * state (0 off, 1 on) that switches at random between accepted steps with the law of
 * {@link StochasticCbram}, not by a rate; {@link #evaluate} gives the conductance of the state
 * (x/Ron + (1 − x)/Roff, so 1/Roff off and 1/Ron on) and no rate. A circuit adapter that finds
 * this capability builds a switching element around {@link #physics}.
 */
public final class StochasticCbramModel implements MemristorModel {
    private final StochasticCbram physics;
    private final Map<String, Double> parameters;
    private final double x0;

    /** {@code given}: the parameters of {@link StochasticCbram} and x0 (0 off, the default, or 1 on). */
    public StochasticCbramModel(Map<String, Double> given) {
        Map<String, Double> physical = new java.util.HashMap<>();
        given.forEach((k, v) -> physical.put(k.toLowerCase(java.util.Locale.ROOT), v));
        Double on = physical.remove("x0");
        this.x0 = on == null ? 0 : on;
        this.physics = new StochasticCbram(physical);
        Map<String, Double> all = new java.util.TreeMap<>(new Parameters("cbram", StochasticCbram.DEFAULTS, physical)
                .values());
        all.put("x0", x0);
        this.parameters = java.util.Collections.unmodifiableMap(all);
    }

    public StochasticCbram physics() {
        return physics;
    }

    @Override
    public String kind() {
        return "cbram";
    }

    @Override
    public Map<String, Double> parameters() {
        return parameters;
    }

    /** Every parameter: the state is a random draw, not a function of them. */
    @Override
    public java.util.Set<String> discreteParameters() {
        return parameters.keySet();
    }

    @Override
    public void evaluate(double v, double x, MemristorPoint out) {
        double gon = physics.conductance(true);
        double goff = physics.conductance(false);
        double g = x * gon + (1 - x) * goff;
        out.current = g * v;
        out.dCurrentDv = g;
        out.dCurrentDx = (gon - goff) * v;
        out.rate = 0;
        out.dRateDv = 0;
        out.dRateDx = 0;
    }

    @Override
    public double minState() {
        return 0;
    }

    @Override
    public double maxState() {
        return 1;
    }

    @Override
    public double initialState() {
        return x0;
    }

    /** Registers the model (META-INF/services). */
    public static final class Provider implements MemristorModelProvider {
        @Override
        public String name() {
            return "cbram";
        }

        @Override
        public int level() {
            return 8;
        }

        @Override
        public MemristorModel create(Map<String, Double> given) {
            return new StochasticCbramModel(given);
        }
    }
}
