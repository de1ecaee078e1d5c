package org.memspice.mif;

import java.util.Locale;

/**
 * The MIF neuron and its alpha synapse as netlist text for the general engine, written from the
 * same {@link MifParameters} as the stepped model.
 *
 * <p>Neuron {@code .subckt mif v}: the membrane capacitor from v to ground, and two branches, each a
 * volatile threshold memristor ({@code YMEMRISTOR}, model=threshold) from v to a DC source E1 or
 * E2, with its state starting at the resting value ({@link MifDynamics#restState()}) so that the
 * operating point is the neuron at rest. Synapse {@code .subckt alpha in v}: da/dt = −a/τα + i_in
 * and dI/dt = (a − I)/τα held on two 1 F capacitors (their voltages carry a and I in amperes); I is
 * injected into the membrane.
 */
public final class MifNetlist {
    /** Width of the rectangular current pulse that stands for one input impulse. */
    public static final double IMPULSE_WIDTH = 1e-6;

    private MifNetlist() {
    }

    /** The two subcircuit definitions. */
    public static String subcircuits(MifParameters p) {
        double[] rest = new MifDynamics(p).restState();
        double r = p.synapseTau(); // with 1 F, R = tau
        return String.format(Locale.ROOT, ""
                + "* MIF neuron: membrane capacitor and two volatile threshold memristors to E1 and E2\n"
                + "* (memspice MifParameters; memristor states start at rest, v_rest = %.6g V)\n"
                + ".subckt mif v\n"
                + "Cm v 0 %.17g\n"
                + "ymemristor m1 v e1 thr x0=%.17g\n"
                + "V1 e1 0 %.17g\n"
                + "ymemristor m2 v e2 thr x0=%.17g\n"
                + "V2 e2 0 %.17g\n"
                + ".model thr memristor (%s)\n"
                + ".ends\n"
                + "* alpha synapse: a and I carried by two 1 F integrators, I injected into v\n"
                + ".subckt alpha in v\n"
                + "Ca a 0 1\nRa a 0 %.17g\nGin 0 a in 0 1\n"
                + "Ci i 0 1\nRi i 0 %.17g\nGs 0 i a 0 %.17g\nGm 0 v i 0 1\n"
                + ".ends\n",
                rest[0], p.capacitance(), rest[1], p.e1(), rest[2], p.e2(), p.memristorCard(), r, r,
                1 / p.synapseTau());
    }

    /**
     * The same neuron with each memristor written as behavioural sources, for simulators without
     * {@code YMEMRISTOR} (ngspice): its state is the voltage of a 1 F capacitor charged by a B
     * source equal to dx/dt, and its current is a B source G(x)·v. At the operating point the
     * state settles where dx/dt = 0, i.e. at rest. {@code .subckt mifb v}; the synapse is
     * {@link #subcircuits}' {@code alpha}.
     */
    public static String behavioural(MifParameters p) {
        java.util.Map<String, Double> m = p.memristor();
        String rate = rateExpression(p);
        return String.format(Locale.ROOT, ""
                + "* MIF neuron with behavioural memristors (state on a 1 F capacitor)\n"
                + ".subckt thrb p n\n"
                + "Cx x 0 1\n"
                + "Bx 0 x I = %s\n"
                + "Bm p n I = (V(x)/%.17g + (1-V(x))/%.17g)*V(p,n)\n"
                + ".ends\n"
                + ".subckt mifb v\n"
                + "Cm v 0 %.17g\n"
                + "Xm1 v e1 thrb\n"
                + "V1 e1 0 %.17g\n"
                + "Xm2 v e2 thrb\n"
                + "V2 e2 0 %.17g\n"
                + ".ends\n",
                rate, m.get("ron"), m.get("roff"), p.capacitance(), p.e1(), p.e2());
    }

    /** The volatile threshold switch's dx/dt as a B-source expression of V(p,n) and its state V(x). */
    private static String rateExpression(MifParameters p) {
        java.util.Map<String, Double> m = p.memristor();
        return String.format(Locale.ROOT,
                "((1-V(x))/(1+exp(-(V(p,n)-%.17g)/%.17g)) - V(x)/(1+exp(-(%.17g-V(p,n))/%.17g)))/%.17g",
                m.get("von"), m.get("k"), m.get("voff"), m.get("k"), m.get("tau"));
    }

    /**
     * The behavioural neuron of {@link #behavioural} with every capacitor starting at the resting
     * state ({@code ic=}), for transients run with {@code uic} whose inputs are already on at
     * t = 0, as in the stepped model, which starts from rest: {@code .subckt mifr v}, memristors
     * {@code .subckt thrr p n params: x0=...}. Runs unchanged in ngspice.
     */
    public static String behaviouralAtRest(MifParameters p) {
        java.util.Map<String, Double> m = p.memristor();
        double[] rest = new MifDynamics(p).restState();
        String rate = rateExpression(p);
        return String.format(Locale.ROOT, ""
                + "* MIF neuron with behavioural memristors (state on a 1 F capacitor), starting at rest (use .tran ... uic)\n"
                + ".subckt thrr p n params: x0=0\n"
                + "Cx x 0 1 ic={x0}\n"
                + "Bx 0 x I = %s\n"
                + "Bm p n I = (V(x)/%.17g + (1-V(x))/%.17g)*V(p,n)\n"
                + ".ends\n"
                + ".subckt mifr v\n"
                + "Cm v 0 %.17g ic=%.17g\n"
                + "Xm1 v e1 thrr x0=%.17g\n"
                + "V1 e1 0 %.17g\n"
                + "Xm2 v e2 thrr x0=%.17g\n"
                + "V2 e2 0 %.17g\n"
                + ".ends\n",
                rate, m.get("ron"), m.get("roff"), p.capacitance(), rest[0], rest[1], p.e1(), rest[2], p.e2());
    }

    /**
     * The PWL voltage (read by the synapse as amperes) whose pulses, each of width
     * {@link #IMPULSE_WIDTH} centred on an input time, carry charge e·peak into a.
     */
    public static String inputSource(String name, String node, InputTrain input) {
        StringBuilder sb = new StringBuilder(name).append(' ').append(node).append(" 0 PWL(0 0");
        double w = IMPULSE_WIDTH;
        double edge = 1e-9;
        for (int k = 0; k < input.size(); k++) {
            double t = input.times()[k];
            if (t < w) {
                throw new IllegalArgumentException("netlist inputs start at " + w + " s or later, not " + t);
            }
            double amplitude = Math.E * input.peaks()[k] / (w - edge);
            sb.append(String.format(Locale.ROOT, "\n+ %.12g 0 %.12g %.17g %.12g %.17g %.12g 0", t - w / 2,
                    t - w / 2 + edge, amplitude, t + w / 2 - edge, amplitude, t + w / 2));
        }
        return sb.append(")\n").toString();
    }

    /** A complete netlist: one neuron from rest, driven through the synapse, simulated to tstop. */
    public static String driven(MifParameters p, InputTrain input, double tstop, double tmax) {
        return "* MIF neuron driven by alpha-shaped synaptic currents\n" + subcircuits(p)
                + inputSource("Vin", "in", input) + "Xsyn in v alpha\nXn v mif\n"
                + String.format(Locale.ROOT, ".tran %.12g %.12g 0 %.12g\n", tmax, tstop, tmax)
                + ".print tran v(v) x(xn.m1) x(xn.m2)\n.end\n";
    }
}
