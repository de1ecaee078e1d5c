package org.memspice.devices.memristor;

/**
 * A memristor model evaluated at one (v, x): port current and state velocity with their exact
 * partial derivatives. Reused between evaluations to avoid allocation.
 */
public final class MemristorPoint {
    /** Current from the + to the − terminal (A). */
    public double current;
    public double dCurrentDv;
    public double dCurrentDx;
    /** State velocity dx/dt (state units per second). */
    public double rate;
    public double dRateDv;
    public double dRateDx;

    void set(double i, double didv, double didx, double f, double dfdv, double dfdx) {
        current = i;
        dCurrentDv = didv;
        dCurrentDx = didx;
        rate = f;
        dRateDv = dfdv;
        dRateDx = dfdx;
    }
}
