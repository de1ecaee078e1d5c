package org.memspice.stdp.circuit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.memspice.mif.InputTrain;
import org.memspice.mif.MifDynamics;
import org.memspice.mif.MifNetlist;
import org.memspice.mif.MifParameters;
import org.memspice.stdp.Electrode;
import org.memspice.stdp.SynapseSettings;
import org.memspice.stdp.net.NetworkSettings;
import org.memspice.stdp.net.Schedule;

/**
 * The network of {@link NetworkSettings} as a netlist for the general engine, learning as it runs:
 * every synapse is a memristor of the same device-models model as the fast network
 * ({@code YMEMRISTOR}), every input neuron, soma and axon a MIF neuron of mif-neuron's
 * {@link MifNetlist}, and what the fast network does with events is done by behavioural sources:
 *
 * <ul>
 * <li><b>spike generators</b>: each input spike is a {@link MifNetlist#inputSource} impulse into the
 * input neuron's alpha synapse, at the fast network's step times;</li>
 * <li><b>electrodes</b>: a B voltage source puts the {@link Electrode} function of a neuron's
 * membrane on its line (input lines; output lines through a 0 V sense source);</li>
 * <li><b>read-out</b>: while its axon's electrode is off (the line at 0 V), the output line's current,
 * measured by the sense source, enters the soma through a one-quadrant mirror of gain
 * {@code readGain}, less θ and the lateral inhibition (a B current source);</li>
 * <li><b>axon hillock</b> (the fast network's event logic: threshold crossing, 6 ms axonal delay, one
 * kick per dead time): a latch {@code l} that the soma's crossing of the read-out threshold sets
 * (when the timer is back at zero) and a timer {@code p} that counts seconds while the latch is set;
 * at p = deadTime the latch resets and the timer discharges. The axon, a MIF neuron, receives the
 * alpha current that a kick of peak {@link SynapseSettings#kick()} at p = axonDelay produces, written
 * in closed form of p;</li>
 * <li><b>θ, inhibition and spike count</b>: 1 F integrators (their voltages carry µA, or spikes)
 * that each spike charges by exactly one unit: a reservoir refilled to 1 while the latch is off
 * empties into them while it is on, whatever the time steps; θ leaks through τθ, the inhibition
 * through its time constant;</li>
 * <li><b>reset switch</b>: as the fast network puts its neurons back at rest between
 * presentations, a PWL control holds every soma at rest and discharges the inhibition for the
 * last 20 ms before each presentation.</li>
 * </ul>
 *
 * The {@link Flavour#NATIVE} netlist is for memspice; {@link Flavour#BEHAVIOURAL} writes the same
 * circuit with the memristors of the neurons and synapses as B sources on 1 F state capacitors (the
 * synapse's from device-models), for simulators without {@code YMEMRISTOR} such as ngspice.
 */
public final class CircuitNetlist {
    /** Rate (1/s) at which the soma's crossing sets the latch, and the reservoir's rate: a few µs. */
    static final double LATCH_RATE = 2e5;
    /**
     * Rate (1/s) of the latch's own feedback, hold and reset: slow enough (h·rate/2 below 1 for
     * steps up to 0.1 ms) that an implicit step cannot land on the set state without a crossing.
     */
    static final double HOLD_RATE = 1e4;
    /** Soma read-out sigmoid width (V). */
    static final double TRIGGER_WIDTH = 1e-4;
    /** The timer counts as back at zero below this (s), with this sigmoid width. */
    static final double READY = 20e-6;
    static final double READY_WIDTH = 2e-6;
    /** The timer discharges with this time constant (s). */
    static final double DISCHARGE_TAU = 10e-6;
    /**
     * The reset switch closes this long before each presentation (s) and opens this long before
     * it, with edges this long: the soma (1 mS to rest: 0.1 ms) and its memristors (1 ms) settle.
     */
    static final double RESET_LEAD = 20e-3;
    static final double RESET_END = 0.1e-3;
    static final double RESET_EDGE = 10e-6;
    /** Reset sigmoid width around p = deadTime (s). */
    static final double RESET_WIDTH = 10e-6;

    /** Which memristor elements the netlist uses. */
    public enum Flavour {
        /** {@code YMEMRISTOR} devices (memspice). */
        NATIVE,
        /** B sources on 1 F state capacitors, starting from their initial conditions with {@code uic} (memspice and ngspice). */
        BEHAVIOURAL
    }

    /** Input spikes of one presentation, starting at {@code start} (s): step k of the schedule is at start + k·step. */
    public record Presentation(Schedule input, double start) {
    }

    private CircuitNetlist() {
    }

    /** Node of output j's spike counter (its voltage is the number of output spikes so far). */
    public static String countNode(int j) {
        return "cn" + j;
    }

    /** Name of the synapse device from input i to output j (its state prints as {@code x(name)} in the native flavour). */
    public static String device(int i, int j) {
        return "s" + j + "_" + i;
    }

    /** The vector holding the state of synapse (i, j) in the given flavour. */
    public static String stateVector(int i, int j, Flavour f) {
        return f == Flavour.NATIVE ? "x(" + device(i, j) + ")" : "v(xs" + j + "_" + i + ".x)";
    }

    /** The table the behavioural netlist's control section writes (ngspice's wrdata), in ngspice's working folder. */
    public static final String NGSPICE_TABLE = "circuit-ngspice.txt";

    /** Name of the measurement of synapse (i, j)'s final state (behavioural flavour). */
    public static String finalStateMeasure(int i, int j) {
        return "xf" + j + "_" + i;
    }

    /**
     * The netlist: devices starting at {@code x0} (output-major, as {@code StdpNetwork.states()}),
     * θ at {@code theta0} (A), the given presentations, a transient to {@code tstop} with steps of
     * at most {@code tmax}.
     */
    public static String write(NetworkSettings ns, double[] x0, double[] theta0, List<Presentation> presentations, double tstop,
            double tmax, Flavour flavour) {
        int nIn = ns.inputs();
        int nOut = ns.outputs();
        if (x0.length != nIn * nOut || theta0.length != nOut) {
            throw new IllegalArgumentException("need " + nIn * nOut + " device states and " + nOut + " thresholds");
        }
        SynapseSettings s = ns.synapse();
        MifParameters p = s.neuron();
        Electrode e = s.electrode();
        double rest = new MifDynamics(p).restState()[0];
        boolean nat = flavour == Flavour.NATIVE;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "* memspice stdp circuit: %d inputs x %d MIF output neurons, %s synapses learning by their"
                + " own drift%n", nIn, nOut, s.model()));
        sb.append("* written by memspice stdp circuit (stdp/README.md, \"Circuit check\"); ")
                .append(nat ? "native YMEMRISTOR devices (memspice)\n" : "behavioural memristors (memspice and ngspice)\n");
        sb.append(nat ? MifNetlist.subcircuits(p) : MifNetlist.behaviouralAtRest(p) + alphaAtRest(p));
        String mif = nat ? "mif" : "mifr";
        String alpha = nat ? "alpha" : "alphar";
        if (!nat) {
            sb.append(org.memspice.devices.memristor.BehaviouralMemristors.subcircuit(s.model(), s.parameters(), "syn"));
        }
        sb.append(String.format(Locale.ROOT, ""
                + "* electrode driver: two-slope amplifier of the membrane's excursion from rest, off (0 V) below the switch level\n"
                + ".param vrest=%.17g gup=%.17g gdown=%.17g sw=%.17g\n"
                + ".func elec(u) {abs(u >= 0 ? gup*u : gdown*u) < sw ? 0 : (u >= 0 ? gup*u : gdown*u)}\n"
                + "* read-out, hillock and axon (behavioural): see stdp/README.md\n"
                + ".param gain=%.17g vth=%.17g kick=%.17g tau=%.17g delay=%.17g dead=%.17g\n"
                + ".param krate=%.17g khold=%.17g twidth=%.17g ready=%.17g rwidth=%.17g dtau=%.17g  resw=%.17g\n"
                + ".param thstep=%.17g inhib=%.17g\n",
                rest, e.gainUp(), e.gainDown(), e.switchLevel(), ns.readGain(), p.spikeThreshold(), s.kick(), p.synapseTau(),
                ns.axonDelay(), s.deadTime(), LATCH_RATE, HOLD_RATE, TRIGGER_WIDTH, READY, READY_WIDTH, DISCHARGE_TAU,
                RESET_WIDTH, ns.thetaStep() / 1e-6, ns.inhibition() / 1e-6));
        sb.append(".func sig(z) {1/(1+exp(-z))}\n");
        if (nat) {
            sb.append(modelCard(s));
        }
        // spike generators and input neurons
        List<List<Double>> times = new ArrayList<>();
        for (int i = 0; i < nIn; i++) {
            times.add(new ArrayList<>());
        }
        double h = ns.step();
        for (Presentation pr : presentations) {
            Schedule in = pr.input();
            for (int k = 0; k < in.size(); k++) {
                times.get(in.input(k)).add(pr.start() + in.step(k) * h);
            }
        }
        sb.append("* input neurons: spike generator -> alpha synapse -> MIF neuron -> electrode on input line in<i>\n");
        for (int i = 0; i < nIn; i++) {
            List<Double> t = times.get(i);
            if (t.isEmpty()) {
                sb.append(String.format(Locale.ROOT, "Vsp%d sp%d 0 0%n", i, i));
            } else {
                double[] tt = new double[t.size()];
                double[] q = new double[t.size()];
                for (int k = 0; k < tt.length; k++) {
                    tt[k] = t.get(k);
                    q[k] = s.kick();
                }
                java.util.Arrays.sort(tt);
                sb.append(MifNetlist.inputSource("Vsp" + i, "sp" + i, new InputTrain(tt, q)));
            }
            sb.append(String.format(Locale.ROOT, "Xsy%d sp%d vi%d %s%nXin%d vi%d %s%nBin%d in%d 0 V = elec(V(vi%d)-vrest)%n", i, i, i,
                    alpha, i, i, mif, i, i, i));
        }
        sb.append("* synapses: device + terminal on output line out<j>, - on input line in<i>\n");
        for (int j = 0; j < nOut; j++) {
            for (int i = 0; i < nIn; i++) {
                double x = x0[j * nIn + i];
                if (nat) {
                    sb.append(String.format(Locale.ROOT, "ymemristor %s out%d in%d syn x0=%.17g%n", device(i, j), j, i, x));
                } else {
                    sb.append(String.format(Locale.ROOT, "Xs%d_%d out%d in%d syn x0=%.17g%n", j, i, j, i, x));
                }
            }
        }
        // between presentations the fast network puts every neuron back at rest and clears the inhibition:
        // here a reset switch holds each soma at rest and discharges the inhibition before each presentation
        StringBuilder rst = new StringBuilder("Vrst rst 0 PWL(0 0");
        double last = 0;
        for (Presentation pr : presentations) {
            double a = pr.start() - RESET_LEAD;
            double b = pr.start() - RESET_END;
            if (a > last + 2 * RESET_EDGE) {
                rst.append(String.format(Locale.ROOT, "\n+ %.12g 0 %.12g 1 %.12g 1 %.12g 0", a, a + RESET_EDGE, b - RESET_EDGE, b));
                last = b;
            }
        }
        sb.append("* reset switch: on (1) while the neurons are put back at rest between presentations\n").append(rst).append(")\n");
        sb.append("* output neurons: soma, hillock (latch l, timer p), axon, electrode on output line out<j> through sense source Vsn<j>\n");
        String ic = nat ? "" : " ic=0";
        for (int j = 0; j < nOut; j++) {
            StringBuilder others = new StringBuilder();
            for (int q = 0; q < nOut; q++) {
                if (q != j) {
                    others.append(others.length() == 0 ? "" : "+").append("V(ev").append(q).append(')');
                }
            }
            if (others.length() == 0) {
                others.append('0');
            }
            sb.append(String.format(Locale.ROOT, ""
                    + "Xso%1$d vs%1$d %2$s\n"
                    + "Bsr%1$d 0 vs%1$d I = V(rst)*1e-3*(vrest-V(vs%1$d))\n"
                    + "Bro%1$d 0 vs%1$d I = (abs(V(dr%1$d)) < 0.5*sw ? gain*max(0, -I(Vsn%1$d)) : 0) - 1e-6*(V(th%1$d)+V(ih%1$d))\n"
                    + "Cl%1$d l%1$d 0 1u%3$s\nRl%1$d l%1$d 0 1e12\n"
                    + "Bdl%1$d dl%1$d 0 V = (krate*sig((V(vs%1$d)-vth)/twidth)*sig((ready-V(p%1$d))/rwidth) + khold*sig((V(l%1$d)-0.5)/0.02))"
                    + "*(1-V(l%1$d)) - khold*(10*sig((V(p%1$d)-dead)/resw) + 0.01)*V(l%1$d)\n"
                    + "Bl%1$d 0 l%1$d I = 1e-6*V(dl%1$d)\n"
                    + "Cp%1$d p%1$d 0 1u%3$s\nRp%1$d p%1$d 0 1e12\n"
                    + "Bp%1$d 0 p%1$d I = 1e-6*(sig((V(l%1$d)-0.5)/0.02) - sig((0.1-V(l%1$d))/0.02)*V(p%1$d)/dtau)\n"
                    + "Crv%1$d rv%1$d 0 1u%9$s\nRrv%1$d rv%1$d 0 1e12\n"
                    + "Brv%1$d 0 rv%1$d I = 1e-6*krate*(sig((0.1-V(l%1$d))/0.02)*(1-V(rv%1$d)) - sig((V(l%1$d)-0.5)/0.02)*V(rv%1$d))\n"
                    + "Bev%1$d ev%1$d 0 V = krate*sig((V(l%1$d)-0.5)/0.02)*V(rv%1$d)\n"
                    + "Ccn%1$d cn%1$d 0 1%3$s\nRcn%1$d cn%1$d 0 1e12\nBcn%1$d 0 cn%1$d I = V(ev%1$d)\n"
                    + "Cth%1$d th%1$d 0 1 ic=%4$.17g\nRth%1$d th%1$d 0 %5$.17g\nBth%1$d 0 th%1$d I = thstep*V(ev%1$d)\n"
                    + "Cih%1$d ih%1$d 0 1%3$s\nRih%1$d ih%1$d 0 %6$.17g\nBih%1$d 0 ih%1$d I = inhib*(%7$s) - V(rst)*1e3*V(ih%1$d)\n"
                    + "Bax%1$d 0 va%1$d I = V(p%1$d) > delay ? sig((V(l%1$d)-0.5)/0.02)*kick*exp(1)*(V(p%1$d)-delay)/tau"
                    + "*exp(-(V(p%1$d)-delay)/tau) : 0\n"
                    + "Xax%1$d va%1$d %8$s\n"
                    + "Bdr%1$d dr%1$d 0 V = elec(V(va%1$d)-vrest)\n"
                    + "Vsn%1$d dr%1$d out%1$d 0\n",
                    j, mif, ic, theta0[j] / 1e-6, ns.thetaTau(), ns.inhibitionTau(), others, mif, nat ? "" : " ic=1"));
        }
        if (nat) {
            sb.append(".ic");
            for (int j = 0; j < nOut; j++) {
                sb.append(String.format(Locale.ROOT, " v(l%d)=0 v(p%d)=0 v(rv%d)=1 v(cn%d)=0 v(ih%d)=0 v(th%d)=%.17g", j, j, j, j, j, j,
                        theta0[j] / 1e-6));
            }
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, ".tran %.12g %.12g 0 %.12g%s%n", tmax, tstop, tmax, nat ? "" : " uic"));
        sb.append(".save");
        for (int j = 0; j < nOut; j++) {
            sb.append(" v(").append(countNode(j)).append(')');
        }
        for (int j = 0; j < nOut; j++) {
            sb.append(" v(vs").append(j).append(") v(out").append(j).append(')');
        }
        if (nat) {
            for (int j = 0; j < nOut; j++) {
                for (int i = 0; i < nIn; i++) {
                    sb.append(' ').append(stateVector(i, j, flavour));
                }
            }
        } else {
            // the final device states as measurements (ngspice prints them), not as saved waveforms; 1 µs
            // before the end, which ngspice's last point may fall short of by a rounding error
            for (int j = 0; j < nOut; j++) {
                for (int i = 0; i < nIn; i++) {
                    sb.append(String.format(Locale.ROOT, "%n.measure tran %s find %s at=%.12g", finalStateMeasure(i, j),
                            stateVector(i, j, flavour), tstop - 1e-6));
                }
            }
        }
        if (!nat) {
            // ngspice measures only without a raw file in batch mode: run from a control section (memspice skips it)
            sb.append("\n.control\nset wr_singlescale\nset wr_vecnames\noption numdgt=12\nrun\nwrdata ").append(NGSPICE_TABLE);
            for (int j = 0; j < nOut; j++) {
                sb.append(" v(").append(countNode(j)).append(')');
            }
            for (int j = 0; j < nOut; j++) {
                sb.append(" v(vs").append(j).append(") v(out").append(j).append(')');
            }
            sb.append("\n.endc");
        }
        sb.append("\n.end\n");
        return sb.toString();
    }

    /** The synapse model card (native flavour). */
    static String modelCard(SynapseSettings s) {
        StringBuilder sb = new StringBuilder(".model syn memristor (model=").append(s.model());
        new TreeMap<>(s.parameters()).forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.17g", k, v)));
        return sb.append(")\n").toString();
    }

    /** The alpha synapse with its integrators starting at zero (for {@code uic}). */
    static String alphaAtRest(MifParameters p) {
        double r = p.synapseTau();
        return String.format(Locale.ROOT, ".subckt alphar in v\n"
                + "Ca a 0 1 ic=0\nRa a 0 %.17g\nGin 0 a in 0 1\n"
                + "Ci i 0 1 ic=0\nRi i 0 %.17g\nGs 0 i a 0 %.17g\nGm 0 v i 0 1\n"
                + ".ends\n", r, r, 1 / p.synapseTau());
    }
}
