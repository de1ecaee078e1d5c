package org.memspice.mif;

import java.util.Locale;

/**
 * The MIF neuron and its alpha synapse as netlist text for the general circuit engine, written
 * from the same {@link MifParameters} as the stepped model.
 *
 * <p>Neuron {@code .subckt mif v}: the membrane capacitor from v to ground, and two branches, each a
 * volatile threshold memristor ({@code YMEMRISTOR}, model=threshold) from v to a DC source E1 or
 * E2. Synapse {@code .subckt alpha in out}: da/dt = −a/τα + i_in and dI/dt = (a − I)/τα held on two
 * 1 F capacitors (their voltages carry a and I in amperes); I is injected into the membrane.
 */
public final class MifNetlist {
    private MifNetlist() {
    }

    /** The two subcircuit definitions. */
    public static String subcircuits(MifParameters p) {
        double r = p.synapseTau(); // with 1 F, R = tau
        return String.format(Locale.ROOT, ""
                + ".subckt mif v\n"
                + "Cm v 0 %.17g\n"
                + "ymemristor m1 v e1 thr\n"
                + "V1 e1 0 %.17g\n"
                + "ymemristor m2 v e2 thr\n"
                + "V2 e2 0 %.17g\n"
                + ".model thr memristor (%s)\n"
                + ".ends\n"
                + ".subckt alpha in v\n"
                + "* a: 1 F with R = tau to ground, driven by the input current\n"
                + "Ca a 0 1\nRa a 0 %.17g\nGin 0 a in 0 1\n"
                + "* I: 1 F with R = tau, charged by a/tau; injected into the membrane\n"
                + "Ci i 0 1\nRi i 0 %.17g\nGs 0 i a 0 %.17g\nGm 0 v i 0 1\n"
                + ".ends\n",
                p.capacitance(), p.e1(), p.e2(), p.memristorCard(), r, r, 1 / p.synapseTau());
    }

    /**
     * A complete netlist: one neuron driven through the synapse by input spikes at the given
     * times, each of the given peak current (an impulse of weight e·peak approximated by a
     * 1 µs rectangular pulse), simulated to {@code tstop}.
     */
    public static String driven(MifParameters p, double[] spikeTimes, double peak, double tstop, double tmax) {
        StringBuilder sb = new StringBuilder("* MIF neuron driven by alpha-shaped synaptic currents\n");
        sb.append(subcircuits(p));
        double width = 1e-6;
        double amplitude = Math.E * peak / width;
        sb.append("Vin in 0 PWL(0 0");
        for (double t : spikeTimes) {
            sb.append(String.format(Locale.ROOT, " %.12g 0 %.12g %.17g %.12g %.17g %.12g 0", t, t + 1e-9, amplitude,
                    t + width - 1e-9, amplitude, t + width));
        }
        sb.append(")\n");
        sb.append("Xsyn in v alpha\nXn v mif\n");
        sb.append(String.format(Locale.ROOT, ".tran %.12g %.12g 0 %.12g uic\n", tmax, tstop, tmax));
        sb.append(".print tran v(v) x(xn.m1) x(xn.m2)\n.end\n");
        return sb.toString();
    }
}
