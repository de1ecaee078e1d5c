package org.memspice.devices.memristor;

/**
 * A model whose port current is ohmic in the voltage, I = G(x)·v: its current factors with the
 * voltage factor u(v) = v, and G(x) is its {@link #currentStateFactor}. The model supplies G(x)
 * and dG/dx; evaluate() uses {@link #ohmicCurrent} for the current and its partials.
 */
interface OhmicCurrent extends MemristorModel {
    @Override
    default boolean hasSeparableCurrent() {
        return true;
    }

    @Override
    default double currentVoltageFactor(double v) {
        return v;
    }

    @Override
    default double currentVoltageFactorSlope(double v) {
        return 1;
    }

    @Override
    default String currentVoltageFactorExpression(String v) {
        return "(" + v + ")";
    }

    /** Fills the current I = G(x)·v and its partials G and v·dG/dx into out (rate fields untouched). */
    default void ohmicCurrent(double v, double x, MemristorPoint out) {
        double g = currentStateFactor(x);
        out.current = g * v;
        out.dCurrentDv = g;
        out.dCurrentDx = currentStateFactorSlope(x) * v;
    }
}
