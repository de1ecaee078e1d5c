package org.memspice.memprop.circuit;

import java.util.Locale;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.memprop.encode.Encoding;
import org.memspice.memprop.net.DevicePairs;
import org.memspice.memprop.net.Network;
import org.memspice.memprop.net.NetworkSpec;
import org.memspice.memprop.net.Synapse;
import org.memspice.mif.MifNetlist;

/**
 * A trained network as a netlist that runs in memspice and, unchanged, in ngspice 39: one test
 * image on the input rows, every array as crossbar conductances, every neuron as the MIF
 * subcircuit with behavioural memristors starting at rest ({@link MifNetlist#behaviouralAtRest}).
 *
 * <ul>
 *   <li>Input rows {@code x<i>}: voltage sources at the encoding's read voltage (direct; gated
 *       inputs are a PWL that falls to 0 over the step where the gate closes, as the stepped
 *       model sees it).</li>
 *   <li>Array l: each weight a conductance from its row to one of two columns per neuron,
 *       {@code c<l>_<o>p} and {@code c<l>_<o>m}, held at 0 V by zero-volt sources whose currents
 *       F sources add (+) and subtract (−) into the neuron's membrane {@code n<l>_<o>} (SPICEprop:
 *       the weight's sign picks the column; MEMprop: both devices of the pair, each at its
 *       programmed conductance with its device-to-device spread, the mirror's gain α on the F
 *       sources, and a device whose I-V is not ohmic written as a B source with the model's own
 *       I-V shape).</li>
 *   <li>Rows of array l &gt; 1 {@code r<l>_<i>}: unity-gain buffers (E sources) of the membrane
 *       voltages below; MEMprop's row drivers (on every row, pixels' included) are B sources
 *       limit·tanh(V/fullScale), which keep the devices below their quiet voltage.</li>
 *   <li>Biases: SPICEprop current sources; MEMprop pairs on a bias row driven at the read
 *       voltage.</li>
 *   <li>{@code .tran dt T·dt 0 dt uic}: the stepped model's window and step as the largest
 *       step; the outputs are {@code v(n<L>_<k>)}.</li>
 * </ul>
 *
 * MEMprop devices are written at their programmed states as static devices (their state
 * equations are not in the netlist): the stepped model also holds them constant while it reads.
 */
public final class NetworkNetlist {
    /** Largest number of crossbar connections written (each is one netlist element, or two for a MEMprop pair). */
    public static final long MAX_CONNECTIONS = 200_000;
    /** Largest number of neurons written. */
    public static final int MAX_NEURONS = 5_000;

    private NetworkNetlist() {
    }

    /** Throws when the network is too large to write, or its input encoding is not written as a circuit. */
    public static void checkExportable(Network net) {
        long connections = 0;
        int neurons = 0;
        for (int l = 0; l < net.layerCount(); l++) {
            connections += net.synapse(l).connectionCount();
            neurons += net.shape(l).size();
        }
        if (connections > MAX_CONNECTIONS || neurons > MAX_NEURONS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the network has %,d connections and %,d neurons; export writes at most %,d connections and %,d neurons"
                    + " (train a smaller network, e.g. --hidden 32)", connections, neurons, MAX_CONNECTIONS, MAX_NEURONS));
        }
        if (net.spec.encoding().spiking()) {
            throw new IllegalArgumentException("export writes direct and gated inputs as circuits; this network takes "
                    + net.spec.encoding().kind().option() + " spike trains");
        }
    }

    /** The node of output neuron k. */
    public static String outputNode(Network net, int k) {
        return "n" + net.layerCount() + "_" + k;
    }

    /** The netlist of the network with {@code image} (pixel intensities in [0, 1]) on its input. */
    public static String write(Network net, float[] image, int offset, String title) {
        return write(net, image, offset, title, java.util.Set.of());
    }

    /**
     * As above; the MEMprop devices named in {@code scaled} ({@code <layer>_<o>_<i>p}, non-ohmic:
     * B sources) have their current's scale written as a top-level .param
     * ({@link #scaleParameter}), so that a sensitivity can be taken with respect to it.
     */
    public static String write(Network net, float[] image, int offset, String title, java.util.Set<String> scaled) {
        checkExportable(net);
        NetworkSpec spec = net.spec;
        StringBuilder sb = new StringBuilder(1 << 20);
        StringBuilder params = new StringBuilder();
        sb.append("* ").append(title.replace('\n', ' ')).append('\n');
        sb.append("* ").append(spec.describe()).append('\n');
        sb.append("* written by memspice train export; runs in memspice (memspice sim FILE) and in ngspice (ngspice -b FILE)\n");
        sb.append("* outputs: v(").append(outputNode(net, 0)).append(") .. v(").append(outputNode(net, spec.classes() - 1))
                .append("); the class is the read-out (").append(spec.objective().readout().option())
                .append(") of the output membrane voltages at t = n*dt\n");
        sb.append(MifNetlist.behaviouralAtRest(net.mif));
        Encoding enc = spec.encoding();
        int pixels = net.synapse(0).inShape().size();
        double dt = spec.dt();
        sb.append("* input rows (").append(enc.kind().option()).append(")\n");
        long gateStep = Math.round(enc.gate() * spec.steps());
        boolean devices = spec.model() == NetworkSpec.Model.MEMPROP;
        for (int i = 0; i < pixels; i++) {
            double v = enc.voltage() * image[offset + i];
            String node = devices ? "xs" + i : "x" + i;
            if (enc.kind() == Encoding.Kind.GATED && gateStep < spec.steps()) {
                sb.append(String.format(Locale.ROOT, "Vx%d %s 0 PWL(0 %s %s %s %s 0)%n", i, node, num(v), num(gateStep * dt), num(v),
                        num((gateStep + 1) * dt)));
            } else {
                sb.append(String.format(Locale.ROOT, "Vx%d %s 0 DC %s%n", i, node, num(v)));
            }
            if (devices) {
                sb.append(String.format(Locale.ROOT, "Bx%d x%d 0 %s%n", i, i, rowDriver(spec, "xs" + i)));
            }
        }
        if (devices) {
            sb.append(String.format(Locale.ROOT, "Vbias vb 0 DC %s%n", num(spec.device().readVoltage())));
        }
        for (int l = 0; l < net.layerCount(); l++) {
            int layer = l + 1;
            Synapse s = net.synapse(l);
            int outputs = net.shape(l).size();
            String rowPrefix = l == 0 ? "x" : "r" + layer + "_";
            sb.append("* array ").append(layer).append(": ").append(s.inShape().size()).append(" rows x ").append(outputs)
                    .append(" neurons\n");
            if (l > 0) {
                for (int i = 0; i < s.inShape().size(); i++) {
                    if (devices) {
                        sb.append(String.format(Locale.ROOT, "Br%d_%d r%d_%d 0 %s%n", layer, i, layer, i,
                                rowDriver(spec, "n" + l + "_" + i)));
                    } else {
                        sb.append(String.format(Locale.ROOT, "Er%d_%d r%d_%d 0 n%d_%d 0 1%n", layer, i, layer, i, l, i));
                    }
                }
            }
            DevicePairs pairs = net.store(l) instanceof DevicePairs d ? d : null;
            double gain = pairs == null ? 1 : pairs.columnGain();
            for (int o = 0; o < outputs; o++) {
                String node = "n" + layer + "_" + o;
                String cp = "c" + layer + "_" + o + "p";
                String cm = "c" + layer + "_" + o + "m";
                sb.append(String.format(Locale.ROOT, "V%s %s 0 0%nV%s %s 0 0%n", cp, cp, cm, cm));
                sb.append(String.format(Locale.ROOT, "F%sp 0 %s V%s %s%nF%sm %s 0 V%s %s%n", node, node, cp, num(gain), node, node,
                        cm, num(gain)));
                if (pairs == null) {
                    double b = s.bias()[s.biasIndex(o)];
                    if (b != 0) {
                        sb.append(String.format(Locale.ROOT, "Ib%s 0 %s DC %s%n", node, node, num(b)));
                    }
                } else {
                    int k = s.weights().length + s.biasIndex(o);
                    device(sb, net, pairs, "b" + node + "p", "vb", cp, pairs.conductance(k, true), scaled, params);
                    device(sb, net, pairs, "b" + node + "m", "vb", cm, pairs.conductance(k, false), scaled, params);
                }
                sb.append(String.format(Locale.ROOT, "X%s %s mifr%n", node, node));
            }
            double[] w = s.weights();
            s.forEachConnection((o, i, k) -> {
                String row = rowPrefix + i;
                String name = layer + "_" + o + "_" + i;
                if (pairs == null) {
                    if (w[k] != 0) {
                        sb.append(String.format(Locale.ROOT, "R%s %s c%d_%d%s %s%n", name, row, layer, o, w[k] > 0 ? "p" : "m",
                                num(1 / Math.abs(w[k]))));
                    }
                } else {
                    device(sb, net, pairs, name + "p", row, "c" + layer + "_" + o + "p", pairs.conductance(k, true), scaled,
                            params);
                    device(sb, net, pairs, name + "m", row, "c" + layer + "_" + o + "m", pairs.conductance(k, false), scaled,
                            params);
                }
            });
        }
        sb.append(params);
        sb.append(String.format(Locale.ROOT, ".tran %s %s 0 %s uic%n", num(dt), num(spec.steps() * dt), num(dt)));
        sb.append(".print tran");
        for (int k = 0; k < spec.classes(); k++) {
            sb.append(" v(").append(outputNode(net, k)).append(')');
        }
        sb.append("\n.end\n");
        return sb.toString();
    }

    /** The .param that holds the current scale of MEMprop device {@code device} ({@code <layer>_<o>_<i>p}) when written so. */
    public static String scaleParameter(String device) {
        return "gd" + device;
    }

    /**
     * The current scale S of a non-ohmic MEMprop device of read conductance g (its B source draws
     * S·u(V), u the model's I-V shape): g·vr/u(vr), so that it draws g·vr at the read voltage.
     */
    public static double currentScale(DevicePairs pairs, double g) {
        double vr = pairs.config().readVoltage();
        return g * vr / pairs.config().model().currentVoltageFactor(vr);
    }

    /** True when layer l's devices are written as resistors (ohmic I-V), false for B sources. */
    public static boolean ohmic(DevicePairs pairs) {
        return ohmic(pairs.config().model());
    }

    /**
     * The resistor that carries weight k on the connection from row i to neuron o of layer index
     * l (0-based) in the netlist {@link #write} writes, or null when that connection is not a
     * resistor: SPICEprop {@code R<l+1>_<o>_<i>} (absent for W = 0), MEMprop the + device of the
     * pair {@code Rd<l+1>_<o>_<i>p} (absent when its conductance is 0 or its I-V is not ohmic, a B
     * source then).
     */
    public static String weightResistor(Network net, int l, int o, int i, int k) {
        String name = (l + 1) + "_" + o + "_" + i;
        if (!(net.store(l) instanceof DevicePairs pairs)) {
            return net.synapse(l).weights()[k] != 0 ? "R" + name : null;
        }
        return ohmic(pairs.config().model()) && pairs.conductance(k, true) != 0 ? "Rd" + name + "p" : null;
    }

    /** True when the model's read current is proportional to the voltage (a device written as a resistor). */
    private static boolean ohmic(MemristorModel m) {
        return m.currentVoltageFactorExpression("V(a,b)").equals("(V(a,b))");
    }

    /** A MEMprop row driver: limit·tanh(V(node)/fullScale). */
    private static String rowDriver(NetworkSpec spec, String node) {
        return String.format(Locale.ROOT, "V = %s*tanh(V(%s)/%s)", num(spec.device().readLimit()), node,
                num(spec.device().rowFullScale()));
    }

    /**
     * One memristor of a pair: a resistor when its I-V is ohmic, else a B source with the model's
     * I-V; its scale as .param {@link #scaleParameter} (added to {@code params}) when its name is in
     * {@code scaled}.
     */
    private static void device(StringBuilder sb, Network net, DevicePairs pairs, String name, String row, String column, double g,
            java.util.Set<String> scaled, StringBuilder params) {
        if (g == 0) {
            return;
        }
        MemristorModel m = pairs.config().model();
        String u = m.currentVoltageFactorExpression("V(" + row + "," + column + ")");
        if (ohmic(m)) {
            sb.append(String.format(Locale.ROOT, "Rd%s %s %s %s%n", name, row, column, num(1 / g)));
        } else {
            double scale = currentScale(pairs, g);
            String factor = num(scale);
            if (scaled.contains(name)) {
                factor = "{" + scaleParameter(name) + "}";
                params.append(String.format(Locale.ROOT, ".param %s=%s%n", scaleParameter(name), num(scale)));
            }
            sb.append(String.format(Locale.ROOT, "Bd%s %s %s I = %s*%s%n", name, row, column, factor, u));
        }
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.12g", d);
    }
}
