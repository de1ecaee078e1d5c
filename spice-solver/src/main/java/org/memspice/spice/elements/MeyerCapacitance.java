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
        halves(vgs, vgd, von, vdsat, phi, cox, out, null);
    }

    /**
     * As above, and when {@code d} is not null the halves' partials: at fixed vgs and vgd ∂/∂von into
     * d[0..2], ∂/∂vdsat into d[3..5] and ∂/∂phi into d[6..8]; at fixed vgs − von and vdsat ∂/∂vds
     * (vds = vgs − vgd) into d[9..11]; each {gs, gd, gb}. The halves are proportional to cox: ∂/∂cox is
     * out/cox. The partials in vgs and vgd follow: ∂/∂vgs = −∂/∂von + ∂/∂vds, ∂/∂vgd = −∂/∂vds.
     */
    static void halves(double vgs, double vgd, double von, double vdsat, double phi, double cox, double[] out,
            double[] d) {
        double vgst = vgs - von;
        boolean clamped = !(vdsat > MIN_VDSAT);
        double sat = clamped ? MIN_VDSAT : vdsat;
        double vds = vgs - vgd;
        if (d != null) {
            java.util.Arrays.fill(d, 0, 12, 0);
        }
        if (vgst <= -phi) {
            out[0] = 0;
            out[1] = 0;
            out[2] = cox / 2;
            return;
        }
        if (vgst <= 0) {
            out[2] = -vgst * cox / (2 * phi);
            if (d != null) {
                d[2] = cox / (2 * phi);
                d[8] = vgst * cox / (2 * phi * phi);
            }
            if (vgst <= -phi / 2) {
                out[0] = 0;
                out[1] = 0;
                return;
            }
            double gs = vgst * cox / (1.5 * phi) + cox / 3;
            double gsVon = -cox / (1.5 * phi);
            double gsPhi = -vgst * cox / (1.5 * phi * phi);
            if (vds >= sat) {
                out[0] = gs;
                out[1] = 0;
                if (d != null) {
                    d[0] = gsVon;
                    d[6] = gsPhi;
                }
                return;
            }
            partition(vds, sat, out);
            double r1 = out[0];
            double r2 = out[1];
            out[0] = gs * r1;
            out[1] = gs * r2;
            if (d != null) {
                d[0] = gsVon * r1;
                d[1] = gsVon * r2;
                d[6] = gsPhi * r1;
                d[7] = gsPhi * r2;
                partitionSlope(gs, vds, sat, !clamped, d);
            }
            return;
        }
        out[2] = 0;
        if (sat <= vds) {
            out[0] = cox / 3;
            out[1] = 0;
            return;
        }
        partition(vds, sat, out);
        out[0] = cox * out[0] / 3;
        out[1] = cox * out[1] / 3;
        if (d != null) {
            partitionSlope(cox / 3, vds, sat, !clamped, d);
        }
    }

    /** The source's and the drain's shares below saturation, into out[0] and out[1]. */
    private static void partition(double vds, double sat, double[] out) {
        double dif = 2 * sat - vds;
        double dif1 = sat - vds;
        double dif2 = dif * dif;
        out[0] = 1 - dif1 * dif1 / dif2;
        out[1] = 1 - sat * sat / dif2;
    }

    /**
     * ∂/∂sat (when {@code bySat}: vdsat above its floor) of {@code c} times the shares of {@link #partition}
     * into d[3] and d[4], and ∂/∂vds into d[9] and d[10].
     */
    private static void partitionSlope(double c, double vds, double sat, boolean bySat, double[] d) {
        double dif = 2 * sat - vds;
        double dif3 = dif * dif * dif;
        if (bySat) {
            d[3] = -2 * c * (sat - vds) * vds / dif3;
            d[4] = 2 * c * sat * vds / dif3;
        }
        d[9] = 2 * c * (sat - vds) * sat / dif3;
        d[10] = -2 * c * sat * sat / dif3;
    }
}
