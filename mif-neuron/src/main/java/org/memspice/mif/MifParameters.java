package org.memspice.mif;

import java.util.Locale;
import java.util.Map;

/**
 * Parameters of the memristive integrate-and-fire neuron (Kang, Choi, Eshraghian et al., IEEE
 * TCAS-I 68(12), 2021): membrane capacitance C, the reversal sources E1 and E2 in series with the
 * two volatile threshold memristors, the memristors' parameters, the alpha synapse's time
 * constant and the read-out threshold. Defaults are the authors' prototype values as collected
 * in shared/design/MIF.md (C 100 µF, E1 −25 mV, E2 +25 mV, Ron 1 kΩ, Roff 100 kΩ, Von 110 mV,
 * Voff 5 mV, k 15 mV, τ = τα = 1 ms, x0 0.0238, spike read-out above 30 mV): the published
 * SPICE netlists were not available to compare with.
 */
public record MifParameters(double capacitance, double e1, double e2, Map<String, Double> memristor,
        double synapseTau, double spikeThreshold) {

    public static MifParameters prototype() {
        return new MifParameters(100e-6, -25e-3, 25e-3, Map.of("ron", 1e3, "roff", 100e3, "von", 0.11,
                "voff", 0.005, "k", 0.015, "tau", 1e-3, "x0", 0.0238), 1e-3, 0.03);
    }

    /** The memristors' .model card parameters, in netlist form. */
    String memristorCard() {
        StringBuilder sb = new StringBuilder("model=threshold");
        new java.util.TreeMap<>(memristor).forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.17g", k, v)));
        return sb.toString();
    }
}
