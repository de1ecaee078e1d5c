package org.memspice.spice.reference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.memspice.spice.analysis.Simulator;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.netlist.CircuitBuilder;
import org.memspice.spice.output.WaveformReader;
import org.memspice.spice.output.Waveforms;

/** Loads a committed reference netlist and its ngspice 39 waveforms, and compares memspice with them. */
public final class ReferenceCase {
    private ReferenceCase() {
    }

    /** Copies a test resource to a temporary file so that it can be read as a netlist. */
    public static Path resource(String name) throws IOException {
        Path dir = Files.createTempDirectory("memspice-ref");
        Path p = dir.resolve(name);
        try (InputStream in = ReferenceCase.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /reference/" + name);
            }
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
        }
        return p;
    }

    /** Whether an ngspice binary answers on the PATH (live cross-checks skip without it). */
    public static boolean ngspiceAvailable() {
        try {
            Process p = new ProcessBuilder("ngspice", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    public static Waveforms ngspice(String name) throws IOException {
        return WaveformReader.read(resource(name + ".txt"));
    }

    public static Waveforms memspice(String name) throws IOException {
        Circuit c = new CircuitBuilder(ElementRegistry.loadDefault()).build(resource(name + ".cir"));
        List<Simulator.Result> r = Simulator.run(c);
        return r.get(0).waveforms();
    }

    /**
     * Largest difference between the two waveforms of {@code vector} on the reference's time
     * points, relative to the reference's peak-to-peak range.
     */
    public static double relativeError(Waveforms reference, Waveforms ours, String vector) {
        double[] t = reference.scale();
        double[] ref = reference.vector(vector);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : ref) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double worst = 0;
        for (int i = 0; i < t.length; i++) {
            worst = Math.max(worst, Math.abs(ours.interpolate(vector, t[i]) - ref[i]));
        }
        return worst / (hi - lo);
    }

    /** Mean period of a waveform from its rising crossings of the mid level, after {@code skip} seconds. */
    public static double period(double[] t, double[] v, double skip) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            if (t[i] >= skip) {
                lo = Math.min(lo, v[i]);
                hi = Math.max(hi, v[i]);
            }
        }
        double mid = (lo + hi) / 2;
        double first = Double.NaN;
        double last = Double.NaN;
        int count = 0;
        for (int i = 1; i < v.length; i++) {
            if (t[i] >= skip && v[i - 1] < mid && v[i] >= mid) {
                double tc = t[i - 1] + (mid - v[i - 1]) / (v[i] - v[i - 1]) * (t[i] - t[i - 1]);
                if (Double.isNaN(first)) {
                    first = tc;
                } else {
                    count++;
                }
                last = tc;
            }
        }
        return count == 0 ? Double.NaN : (last - first) / count;
    }
}
