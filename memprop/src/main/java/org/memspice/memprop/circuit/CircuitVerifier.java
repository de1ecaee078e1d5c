package org.memspice.memprop.circuit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.net.DevicePairs;
import org.memspice.memprop.net.LayerGradient;
import org.memspice.memprop.net.Network;
import org.memspice.memprop.net.NetworkSpec;
import org.memspice.memprop.net.Objective;
import org.memspice.memprop.net.Workspace;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.analysis.Simulator;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.sensitivity.SensParameter;
import org.memspice.spice.sensitivity.SensitivityResult;
import org.memspice.spice.sensitivity.TransientSensitivity;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.netlist.CircuitBuilder;
import org.memspice.spice.output.Waveforms;

/**
 * Runs a trained network as a circuit through memspice's general engine ({@link NetworkNetlist})
 * and compares it with the stepped model that trained it, image by image: the predicted classes
 * (same read-out, from the circuit's output voltages at the stepped model's time points) and the
 * largest difference of the output membrane voltages; and ({@link #gradients}) the training
 * loss's gradient with respect to a few synapse weights, the stepped model's (its BPTT) against the
 * circuit's own (the transient adjoint of the same loss written as a {@code .sens} objective).
 */
public final class CircuitVerifier {
    private final Network net;
    private final Workspace stepped;
    private final ElementRegistry registry = ElementRegistry.loadDefault();

    /** The outcome for one image. */
    public record ImageResult(int index, int label, int stepped, int circuit, double worstDifference, double outputRange,
            double seconds) {
        public boolean agree() {
            return stepped == circuit;
        }
    }

    public CircuitVerifier(Network net) {
        NetworkNetlist.checkExportable(net);
        this.net = net;
        this.stepped = new Workspace(net, 1, false);
    }

    /** One weight's gradient both ways: dLoss/dW (S⁻¹·loss) of the stepped model and of the circuit. */
    public record WeightGradient(String name, double stepped, double circuit) {
        /** |circuit − stepped| / max(|circuit|, |stepped|). */
        public double relativeDifference() {
            double scale = Math.max(Math.abs(circuit), Math.abs(stepped));
            return scale == 0 ? 0 : Math.abs(circuit - stepped) / scale;
        }
    }

    /** The gradient comparison of one image: both losses and the weights compared. */
    public record GradientCheck(int index, int label, double steppedLoss, double circuitLoss, List<WeightGradient> weights,
            double seconds) {
        public double worstRelativeDifference() {
            return weights.stream().mapToDouble(WeightGradient::relativeDifference).max().orElse(0);
        }
    }

    /**
     * The training loss of image {@code index} and its gradient with respect to the {@code perLayer}
     * weights of each layer with the largest stepped gradients (among those the netlist writes): the
     * stepped model's by its backward pass (dLoss/dW), the circuit's by the transient adjoint of
     * {@link #lossExpression}. SPICEprop: W = ±1/R (the sign picks the column), so dLoss/dW =
     * −sign(W)·R²·dLoss/dR. MEMprop: W = α·(g₊ − g₋) with the mirror gain α, so the stepped
     * dLoss/dg₊ = α·dLoss/dW is compared with the circuit's dLoss/dg₊ (reported per unit of W,
     * divided by α): −R₊²·dLoss/dR₊ for an ohmic device (a resistor), dLoss/dS·S/g₊ for a B source
     * drawing S·u(V) (S written as a .param for the purpose, {@link NetworkNetlist#scaleParameter}).
     * A weight shared by several positions (a convolution) sums over its devices.
     */
    public GradientCheck gradients(Dataset data, int index, int perLayer) {
        Workspace taped = new Workspace(net, 1, true);
        taped.forward(data, new int[] {index}, 0, 1, -1, net.layerCount());
        LayerGradient[] grads = new LayerGradient[net.layerCount()];
        for (int l = 0; l < grads.length; l++) {
            grads[l] = net.synapse(l).newGradient();
        }
        double steppedLoss = taped.backward(grads).loss();
        // the chosen weights (layer, index) and the circuit parameters that carry each
        List<int[]> chosen = new ArrayList<>();
        List<List<String>> carriers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        java.util.Set<String> scaled = new java.util.HashSet<>();
        for (int l = 0; l < net.layerCount(); l++) {
            int layer = l;
            DevicePairs pairs = net.store(l) instanceof DevicePairs d ? d : null;
            boolean bSources = pairs != null && !NetworkNetlist.ohmic(pairs);
            Map<Integer, List<String>> written = new LinkedHashMap<>();
            net.synapse(l).forEachConnection((o, i, k) -> {
                String name;
                if (bSources) {
                    String device = (layer + 1) + "_" + o + "_" + i + "p";
                    name = pairs.conductance(k, true) != 0 ? NetworkNetlist.scaleParameter(device) : null;
                } else {
                    name = NetworkNetlist.weightResistor(net, layer, o, i, k);
                }
                if (name != null) {
                    written.computeIfAbsent(k, key -> new ArrayList<>()).add(name);
                }
            });
            List<Integer> ks = new ArrayList<>(written.keySet());
            double[] g = grads[l].w;
            ks.sort((a, b) -> Double.compare(Math.abs(g[b]), Math.abs(g[a])));
            for (int j = 0; j < Math.min(perLayer, ks.size()); j++) {
                int k = ks.get(j);
                chosen.add(new int[] {l, k});
                carriers.add(written.get(k));
                names.addAll(written.get(k));
                if (bSources) {
                    for (String p : written.get(k)) {
                        scaled.add(p.substring(2));
                    }
                }
            }
        }
        long t0 = System.nanoTime();
        String text = NetworkNetlist.write(net, data.images(), index * data.pixels(), "image " + index, scaled);
        Path file = Path.of("network-image-" + index + ".cir");
        Circuit c = new CircuitBuilder(registry).build(text, file);
        SensParameter.Rebuild rebuild = (name, value) -> new CircuitBuilder(registry).overrideParameter(name, value)
                .build(text, file);
        List<SensParameter> ps = new ArrayList<>();
        for (String name : names) {
            ps.add(SensParameter.resolve(c, name, rebuild));
        }
        Analysis.Tran tran = (Analysis.Tran) c.analyses().stream().filter(a -> a instanceof Analysis.Tran).findFirst()
                .orElseThrow();
        SensitivityResult r = TransientSensitivity.compute(new MnaSystem(c), tran,
                org.memspice.spice.sensitivity.Objective.parse(lossExpression(net, data.labels()[index]), c), ps);
        double[] dp = r.gradient();
        List<WeightGradient> out = new ArrayList<>();
        int at = 0;
        for (int j = 0; j < chosen.size(); j++) {
            int l = chosen.get(j)[0];
            int k = chosen.get(j)[1];
            DevicePairs pairs = net.store(l) instanceof DevicePairs d ? d : null;
            double weight = net.synapse(l).weights()[k];
            double circuit = 0;
            for (String name : carriers.get(j)) {
                double value = ps.get(at).value();
                double dLdp = dp[at++];
                if (pairs == null) {
                    circuit += -Math.signum(weight) * value * value * dLdp; // W = sign/R
                } else if (NetworkNetlist.ohmic(pairs)) {
                    circuit += -value * value * dLdp / pairs.columnGain(); // g₊ = 1/R₊
                } else {
                    circuit += dLdp * value / pairs.conductance(k, true) / pairs.columnGain(); // S ∝ g₊
                }
            }
            out.add(new WeightGradient(carriers.get(j).get(0) + (carriers.get(j).size() > 1 ? "+" : ""), grads[l].w[k],
                    circuit));
        }
        return new GradientCheck(index, data.labels()[index], steppedLoss, r.value(), out,
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The training loss ({@link Objective}) of an image with label {@code label} as a {@code .sens}
     * objective on the exported netlist: the output membrane voltages read at the stepped model's
     * time points t<sub>n</sub> = n·dt ({@code at()}, linear between the circuit's accepted points,
     * as {@link #verify} reads them), combined as the stepped model combines them (the same
     * formula, written out: the mean or the maximum over n = 1..T for the cross-entropies, the
     * sigmoid spike count over n = 0..T for mse-count).
     */
    public static String lossExpression(Network net, int label) {
        NetworkSpec spec = net.spec;
        Objective o = spec.objective();
        int classes = spec.classes();
        int steps = spec.steps();
        String[][] v = new String[classes][steps + 1];
        for (int k = 0; k < classes; k++) {
            for (int n = 0; n <= steps; n++) {
                v[k][n] = "at(v(" + NetworkNetlist.outputNode(net, k) + "), " + num(n * spec.dt()) + ")";
            }
        }
        StringBuilder sb = new StringBuilder();
        switch (o.loss()) {
            case CE_SUM:
            case CE_MAX: {
                String[] z = new String[classes];
                for (int k = 0; k < classes; k++) {
                    String acc = v[k][1];
                    for (int n = 2; n <= steps; n++) {
                        acc = o.loss() == Objective.Loss.CE_SUM ? acc + " + " + v[k][n] : "max(" + acc + ", " + v[k][n] + ")";
                    }
                    double scale = o.loss() == Objective.Loss.CE_SUM ? steps * o.logitScale() : o.logitScale();
                    z[k] = "(" + acc + ") / " + num(scale);
                }
                sb.append("log(");
                for (int k = 0; k < classes; k++) {
                    sb.append(k == 0 ? "" : " + ").append("exp(").append(z[k]).append(')');
                }
                sb.append(") - (").append(z[label]).append(')');
                return sb.toString();
            }
            case MSE_COUNT: {
                for (int k = 0; k < classes; k++) {
                    String[] sig = new String[steps + 1];
                    for (int n = 0; n <= steps; n++) {
                        sig[n] = "1 / (1 + exp(-(" + v[k][n] + " - " + num(o.threshold()) + ") / " + num(o.countWidth()) + "))";
                    }
                    StringBuilder count = new StringBuilder();
                    for (int n = 0; n < steps; n++) {
                        count.append(n == 0 ? "" : " + ").append("max(0, ").append(sig[n + 1]).append(" - ").append(sig[n])
                                .append(')');
                    }
                    String err = "(" + count + " - " + num(k == label ? o.countOn() : o.countOff()) + ")";
                    sb.append(k == 0 ? "" : " + ").append(err).append(" * ").append(err).append(" / ").append(classes);
                }
                return sb.toString();
            }
            default:
                throw new IllegalStateException();
        }
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.12g", d);
    }

    /** Simulates image {@code index} of the data set both ways. */
    public ImageResult verify(Dataset data, int index) {
        NetworkSpec spec = net.spec;
        int[] order = {index};
        stepped.forward(data, order, 0, 1, -1, net.layerCount());
        int steppedClass = stepped.predict(0);
        long t0 = System.nanoTime();
        String text = NetworkNetlist.write(net, data.images(), index * data.pixels(), "image " + index);
        Circuit c = new CircuitBuilder(registry).build(text, Path.of("network-image-" + index + ".cir"));
        Waveforms w = Simulator.run(c).get(0).waveforms();
        double seconds = (System.nanoTime() - t0) / 1e9;
        int classes = spec.classes();
        int steps = spec.steps();
        double[] h = new double[(steps + 1) * classes];
        int[] spikes = new int[classes];
        int last = net.layerCount() - 1;
        double worst = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double th = spec.objective().threshold();
        for (int k = 0; k < classes; k++) {
            String name = "v(" + NetworkNetlist.outputNode(net, k) + ")";
            for (int n = 0; n <= steps; n++) {
                double v = w.interpolate(name, n * spec.dt());
                h[n * classes + k] = v;
                if (n > 0 && h[(n - 1) * classes + k] < th && v >= th) {
                    spikes[k]++;
                }
                double s = stepped.voltage(last, 0, k, n);
                worst = Math.max(worst, Math.abs(v - s));
                lo = Math.min(lo, s);
                hi = Math.max(hi, s);
            }
        }
        int circuitClass = spec.objective().predict(h, steps, 1, 0, classes, spikes, 0);
        return new ImageResult(index, data.labels()[index], steppedClass, circuitClass, worst, hi - lo, seconds);
    }
}
