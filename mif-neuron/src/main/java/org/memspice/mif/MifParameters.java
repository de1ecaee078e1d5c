package org.memspice.mif;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parameters of the memristive integrate-and-fire neuron (Kang, Choi, Eshraghian et al., IEEE
 * TCAS-I 68(12), 2021): membrane capacitance C, the sources E1 and E2 in series with the two
 * volatile threshold memristors, the memristors' parameters, the alpha synapse's time constant and
 * the read-out threshold.
 *
 * <p>{@link #prototype()} holds the authors' prototype values collected in shared/design/MIF.md
 * (Ron 1 kΩ, Roff 100 kΩ, Von 110 mV, Voff 5 mV, k 15 mV, τ = τα = 1 ms, E1 −25 mV, E2 +25 mV,
 * read-out above 30 mV) with one reinterpretation, in SI units: C = 100 nF, not 100 µF. The
 * prototype integrates dv = dt·(I − ΣGi(v − Ei))/C with dt = 0.01 and τ = 1, i.e. time counted in
 * milliseconds (1,000 steps = 10 ms) while C = 100e-6 and the conductances are in siemens, which in
 * seconds is C = 100e-6 × 1e-3 F. Two facts confirm this reading: MIF.md's stability remark
 * ("forward Euler goes unstable once (G1 + G2)·dt/C approaches 1") only holds for dt/C ≈ 100 per
 * siemens (with dt = 1e-5 s and C = 100 µF it would be 1e-4 even with both memristors on), and only
 * then does the membrane (R_on·C = 0.1 ms, R_off·C = 10 ms) act within the millisecond-scale
 * spike, undershoot and refractory period MIF.md describes; with C = 100 µF the membrane time
 * constant is seconds and there is neither undershoot nor refractoriness. The published SPICE
 * netlists were not available to settle it.
 */
public record MifParameters(double capacitance, double e1, double e2, Map<String, Double> memristor,
        double synapseTau, double spikeThreshold) {

    /**
     * Keeps the memristor parameters sorted by name, so that the record prints the same in every JVM
     * ({@code Map.of} iterates in an order salted per JVM; checkpoints are fingerprinted by this text).
     */
    public MifParameters {
        memristor = Collections.unmodifiableMap(new TreeMap<>(memristor));
    }

    /** The prototype values of shared/design/MIF.md with C read as 100 nF (see the class comment). */
    public static MifParameters prototype() {
        return new MifParameters(100e-9, -25e-3, 25e-3, Map.of("ron", 1e3, "roff", 100e3, "von", 0.11,
                "voff", 0.005, "k", 0.015, "tau", 1e-3, "x0", 0.0238), 1e-3, 0.03);
    }

    /** The memristors' .model card parameters, in netlist form. */
    String memristorCard() {
        StringBuilder sb = new StringBuilder("model=threshold");
        new TreeMap<>(memristor).forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.17g", k, v)));
        return sb.toString();
    }
}
