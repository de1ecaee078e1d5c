package org.memspice.memprop.circuit;

import java.nio.file.Path;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.net.Network;
import org.memspice.memprop.net.NetworkSpec;
import org.memspice.memprop.net.Workspace;
import org.memspice.spice.analysis.Simulator;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.netlist.CircuitBuilder;
import org.memspice.spice.output.Waveforms;

/**
 * Runs a trained network as a circuit through memspice's general engine ({@link NetworkNetlist})
 * and compares it with the stepped model that trained it, image by image: the predicted classes
 * (same read-out, from the circuit's output voltages at the stepped model's time points) and the
 * largest difference of the output membrane voltages.
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
