package org.memspice.devices.cell;

import java.util.Locale;
import org.memspice.spice.elements.Level1Channel;

/**
 * The level-1 NMOS access transistor of a 1T1R cell: threshold VTO, KP, W, L, LAMBDA, GAMMA, PHI
 * (ngspice's meanings and units). Its channel current is computed by the same
 * {@link Level1Channel} as the solver's M element.
 */
public record AccessTransistor(double vto, double kp, double w, double l, double lambda, double gamma, double phi) {
    /** A 0.5 V, 120 µA/V² device with W/L = 1 µm / 0.18 µm, no body effect. */
    public static AccessTransistor typical() {
        return new AccessTransistor(0.5, 120e-6, 1e-6, 0.18e-6, 0.02, 0, 0.6);
    }

    /**
     * The channel's small-signal conductance at zero drain-source voltage with the gate
     * {@code gateSource} volts above the source (S): what the transistor adds in series with
     * its memristor in a read whose cell voltage is small (deep triode); 0 below threshold.
     */
    public double onConductance(double gateSource) {
        Level1Channel c = channel();
        c.evaluate(gateSource, 0, 0);
        return c.dIdVds;
    }

    Level1Channel channel() {
        return new Level1Channel(vto, kp * w / l, gamma, phi, lambda);
    }

    /** The matching {@code .model name NMOS(...)} card. */
    String modelCard(String name) {
        return String.format(Locale.ROOT, ".model %s NMOS(LEVEL=1 VTO=%.10g KP=%.10g LAMBDA=%.10g GAMMA=%.10g PHI=%.10g)",
                name, vto, kp, lambda, gamma, phi);
    }
}
