package org.memspice.spice.elements;

/**
 * Junction physics and the Newton step limiting that SPICE applies to exponential junctions and
 * FET gate and drain voltages (Nagel, "SPICE2", 1975; the same rules as ngspice's pnjlim, fetlim
 * and limvds), so that an iteration never jumps far up an exponential.
 */
public final class Junctions {
    /** Boltzmann constant, J/K, as ngspice 39 has it (CODATA 2014). */
    public static final double BOLTZMANN = 1.38064852e-23;
    /** Elementary charge, C, as ngspice 39 has it (CODATA 2014). */
    public static final double CHARGE = 1.6021766208e-19;
    /** Boltzmann constant over elementary charge, V/K. */
    public static final double K_OVER_Q = BOLTZMANN / CHARGE;
    private static final double MAX_EXP_ARG = 709;

    private Junctions() {
    }

    /** Thermal voltage kT/q at a temperature in degrees Celsius. */
    public static double thermalVoltage(double celsius) {
        return K_OVER_Q * (celsius + 273.15);
    }

    /** Voltage above which a junction's current is steep enough to need limiting. */
    public static double criticalVoltage(double nvt, double saturationCurrent) {
        return nvt * Math.log(nvt / (Math.sqrt(2) * saturationCurrent));
    }

    /** exp with its argument capped, so that a wild iterate gives a huge number, not infinity. */
    public static double safeExp(double x) {
        return Math.exp(Math.min(x, MAX_EXP_ARG));
    }

    /**
     * Limits a new junction voltage as ngspice's DEVpnjlim does: above vcrit, a step larger than
     * 2·vt from a forward-biased old value grows only logarithmically (vold ± vt·(2 + ln(|Δ|/vt − 2))),
     * and from a reverse-biased one it is pulled back to vt·ln(vnew/vt); below zero, a step is
     * limited to −vold − 1 (from forward bias) or 2·vold − 1 (from reverse bias). Returns
     * {@code vnew} unchanged when no limiting is needed.
     */
    public static double pnjlim(double vnew, double vold, double vt, double vcrit) {
        if (vnew > vcrit && Math.abs(vnew - vold) > 2 * vt) {
            if (vold > 0) {
                double arg = (vnew - vold) / vt;
                return arg > 0 ? vold + vt * (2 + Math.log(arg - 2)) : vold - vt * (2 + Math.log(2 - arg));
            }
            return vt * Math.log(vnew / vt);
        }
        if (vnew < 0) {
            double floor = vold > 0 ? -vold - 1 : 2 * vold - 1;
            return vnew < floor ? floor : vnew;
        }
        return vnew;
    }

    /**
     * SPICE's device current test: the current predicted by the last linearization at the new
     * solution must agree with the current the device computed, within reltol and abstol.
     */
    public static boolean currentConverged(double predicted, double computed, org.memspice.spice.circuit.Options o) {
        double tol = o.reltol * Math.max(Math.abs(predicted), Math.abs(computed)) + o.abstol;
        return Math.abs(predicted - computed) <= tol;
    }

    /** Limits a FET gate-source voltage change around the threshold {@code vto}. */
    public static double fetlim(double vnew, double vold, double vto) {
        double vtsthi = Math.abs(2 * (vold - vto)) + 2;
        double vtstlo = Math.abs(vold - vto) + 1;
        double vtox = vto + 3.5;
        double delv = vnew - vold;
        if (vold >= vto) {
            if (vold >= vtox) {
                if (delv <= 0) {
                    if (vnew >= vtox) {
                        if (-delv > vtstlo) {
                            return vold - vtstlo;
                        }
                        return vnew;
                    }
                    return Math.max(vnew, vto + 2);
                }
                return delv >= vtsthi ? vold + vtsthi : vnew;
            }
            return delv <= 0 ? Math.max(vnew, vto - 0.5) : Math.min(vnew, vto + 4);
        }
        if (delv <= 0) {
            return -delv > vtsthi ? vold - vtsthi : vnew;
        }
        double vtemp = vto + 0.5;
        if (vnew <= vtemp) {
            return delv > vtstlo ? vold + vtstlo : vnew;
        }
        return vtemp;
    }

    /** Limits a FET drain-source voltage change. */
    public static double limvds(double vnew, double vold) {
        if (vold >= 3.5) {
            if (vnew > vold) {
                return Math.min(vnew, 3 * vold + 2);
            }
            return vnew < 3.5 ? Math.max(vnew, 2) : vnew;
        }
        return vnew > vold ? Math.min(vnew, 4) : Math.max(vnew, -0.5);
    }
}
