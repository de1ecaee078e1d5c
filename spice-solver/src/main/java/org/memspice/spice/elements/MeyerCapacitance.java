package org.memspice.spice.elements;

/**
 * Meyer's gate capacitances of a MOSFET (ngspice's DEVqmeyer): half of the voltage-dependent
 * gate-source, gate-drain and gate-bulk capacitances at one point. The caller adds the other
 * half from the previous time point and the constant overlap capacitances, as SPICE does.
 */
final class MeyerCapacitance {
    /** Below this vdsat the partition between source and drain would be singular (ngspice's MAGIC_VDS). */
    private static final double MIN_VDSAT = 0.025;

    private MeyerCapacitance() {
    }

    /**
     * Writes {gs, gd, gb} halves into {@code out} for gate-source vgs and gate-drain vgd (type
     * frame, source and drain as the current mode has them), threshold von and saturation
     * voltage vdsat, surface potential phi and oxide capacitance cox.
     */
    static void halves(double vgs, double vgd, double von, double vdsat, double phi, double cox, double[] out) {
        double vgst = vgs - von;
        double sat = Math.max(vdsat, MIN_VDSAT);
        double vds = vgs - vgd;
        if (vgst <= -phi) {
            out[0] = 0;
            out[1] = 0;
            out[2] = cox / 2;
        } else if (vgst <= -phi / 2) {
            out[0] = 0;
            out[1] = 0;
            out[2] = -vgst * cox / (2 * phi);
        } else if (vgst <= 0) {
            out[2] = -vgst * cox / (2 * phi);
            double gs = vgst * cox / (1.5 * phi) + cox / 3;
            if (vds >= sat) {
                out[0] = gs;
                out[1] = 0;
            } else {
                double dif = 2 * sat - vds;
                double dif1 = sat - vds;
                double dif2 = dif * dif;
                out[0] = gs * (1 - dif1 * dif1 / dif2);
                out[1] = gs * (1 - sat * sat / dif2);
            }
        } else if (sat <= vds) {
            out[0] = cox / 3;
            out[1] = 0;
            out[2] = 0;
        } else {
            double dif = 2 * sat - vds;
            double dif1 = sat - vds;
            double dif2 = dif * dif;
            out[0] = cox * (1 - dif1 * dif1 / dif2) / 3;
            out[1] = cox * (1 - sat * sat / dif2) / 3;
            out[2] = 0;
        }
    }
}
