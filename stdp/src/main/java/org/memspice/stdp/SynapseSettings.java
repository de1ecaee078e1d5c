package org.memspice.stdp;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModels;
import org.memspice.mif.MifDynamics;
import org.memspice.mif.MifParameters;

/**
 * Everything that decides what one synapse learns from a pair of spikes: the MIF neuron (the
 * prototype of mif-neuron, unchanged), the input that makes a neuron emit its spike (an alpha
 * synaptic pulse of peak {@code kick}), the spike-to-electrode driver ({@link Electrode}), the
 * synapse device (a device-models model and its parameters) and the time step of the waveform
 * simulation.
 *
 * <p>The device sits with its + terminal on the output line (the post-synaptic electrode) and its
 * − terminal on the input line (the pre-synaptic electrode), so it sees v = V_post(t) − V_pre(t).
 * Its conductance is read as a read of the output line sees it, input line at +{@link #READ_VOLTAGE}
 * and output line at 0 V: at v = −{@link #READ_VOLTAGE}.
 *
 * <p>{@link #defaults()} documents the chosen values (see stdp/README.md for the measurements
 * behind them).
 */
public record SynapseSettings(MifParameters neuron, double kick, double gainUp, double gainDown, double switchLevel,
        String model, Map<String, Double> parameters, double step, double deadTime) {
    /** Magnitude of the read voltage at which a synapse's conductance is reported (V). */
    public static final double READ_VOLTAGE = 0.1;

    /**
     * Yakopcic device parameters chosen for the MIF's electrode pulses: thresholds vp 0.18 V (SET,
     * conductance up, v &gt; 0) and vn 0.12 V (RESET), so that no lobe of one spike crosses either
     * threshold alone except the post-synaptic undershoot, which crosses vn
     * (by 37 mV with the default undershoot gain: heterosynaptic depression of the synapses whose input
     * was silent); a rectifying I-V
     * (a1 = 0.017 for v &gt; 0, a2 = 0.17 for v &lt; 0), so that the read current of an input pulse
     * flows mostly from its peak, not its undershoot; switching rates ap 2000 /s, an 100 /s.
     */
    public static final Map<String, Double> YAKOPCIC = Map.ofEntries(Map.entry("a1", 0.017), Map.entry("a2", 0.17),
            Map.entry("b", 0.05), Map.entry("vp", 0.18), Map.entry("vn", 0.12), Map.entry("ap", 2000.0),
            Map.entry("an", 100.0), Map.entry("xp", 0.3), Map.entry("xn", 0.5), Map.entry("alphap", 1.0),
            Map.entry("alphan", 5.0), Map.entry("eta", 1.0), Map.entry("x0", 0.3));

    public SynapseSettings {
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters)); // sorted: toString fingerprints checkpoints
        if (!(kick > 0) || !Double.isFinite(kick)) {
            throw new IllegalArgumentException("spike kick must be a finite current > 0, got " + kick);
        }
        if (!(step > 0) || step > 1e-4) {
            throw new IllegalArgumentException("waveform step must be in (0, 1e-4] s, got " + step);
        }
        if (!(deadTime >= 5e-3) || deadTime > 1) {
            throw new IllegalArgumentException("dead time must be in [5 ms, 1 s], got " + deadTime);
        }
        MemristorModels.create(model, parameters); // refuses unknown models and parameters
    }

    /** The defaults: MIF prototype, 20 µA kick, gains 1.03 and 16.5, 1 mV switch, Yakopcic as above, 2 µs steps, 25 ms dead time. */
    public static SynapseSettings defaults() {
        return new SynapseSettings(MifParameters.prototype(), 20e-6, 1.03, 16.5, 1e-3, "yakopcic", YAKOPCIC, 2e-6, 25e-3);
    }

    /** The same with another device model (its parameters: the defaults above for yakopcic, else the model's own). */
    public SynapseSettings withModel(String kind, Map<String, Double> given) {
        return new SynapseSettings(neuron, kick, gainUp, gainDown, switchLevel, kind.toLowerCase(Locale.ROOT), given, step,
                deadTime);
    }

    public SynapseSettings withGains(double up, double down) {
        return new SynapseSettings(neuron, kick, up, down, switchLevel, model, parameters, step, deadTime);
    }

    public SynapseSettings withStep(double h) {
        return new SynapseSettings(neuron, kick, gainUp, gainDown, switchLevel, model, parameters, h, deadTime);
    }

    public MemristorModel device() {
        return MemristorModels.create(model, parameters);
    }

    public Electrode electrode() {
        return new Electrode(new MifDynamics(neuron).restState()[0], gainUp, gainDown, switchLevel);
    }

    /** The read conductance (S) of a device at state x. */
    public static double conductance(MemristorModel m, double x) {
        return m.readConductance(x, -READ_VOLTAGE);
    }
}
