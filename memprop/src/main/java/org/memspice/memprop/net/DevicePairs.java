package org.memspice.memprop.net;

import java.util.SplittableRandom;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.programming.DeviceSpread;
import org.memspice.devices.programming.PulseProgrammer;

/**
 * MEMprop's synapses: every weight (and every bias, a row driven at the read voltage) is a
 * differential pair of memristors on two columns whose currents a current mirror subtracts and
 * scales by the layer's column gain α into the neuron: W = α·(G+ − G−), with G = G(x) the read
 * conductance of a device at state x (its I-V shape enters as the layer's {@link ReadFunction}).
 * Weights are therefore bounded: |W| ≤ α·(Gmax − Gmin).
 *
 * <p>Updates are programmed with identical pulses, as on-chip training does: a wanted change ΔW
 * asks the + device for +ΔW/2 and the − device for −ΔW/2 of conductance; each becomes a number
 * of pulses, ΔG over the change one pulse should make ({@link DeviceConfig.Update}: from this
 * state on a nominal device, or the nominal step of the calibration), rounded stochastically (a
 * seeded draw, so the expected count is the wanted one); {@link PulseProgrammer} then moves the
 * state by what the model does from where the device is: nonlinear, asymmetric, stopped at the
 * bounds. Device-to-device variation scales each device's conductance and its switching speed
 * by seeded factors 1 + σ·N(0,1); cycle-to-cycle noise scales every pulse.
 */
public final class DevicePairs implements WeightStore {
    private final Synapse synapse;
    private final DeviceConfig config;
    private final MemristorModel model;
    private final PulseProgrammer programmer;
    private final double alpha;
    private final double gMin;
    private final double gMax;
    /** G(x) = s(x)·u(Vr)/Vr. */
    private final double conductancePerFactor;
    private final double perPulse;
    private final long seed;
    /** States of the + and − devices: weights first (layout of the synapse), then one pair per bias. */
    public final double[] xPlus;
    public final double[] xMinus;
    final double[] readGainPlus;
    final double[] readGainMinus;
    final double[] pulseGainPlus;
    final double[] pulseGainMinus;
    private long pulses;
    private long blocked;

    /**
     * New pairs programmed (open-loop, from the nominal inverse) to the synapse's present weights,
     * with the column gain chosen so that ±{@code initialBound} uses 1/rangeFactor of the range.
     */
    public DevicePairs(Synapse synapse, DeviceConfig config, double initialBound, long seed) {
        this(synapse, config, seed, columnGain(config, initialBound));
        int nw = synapse.weights().length;
        double mid = 0.5 * (gMin + gMax);
        for (int k = 0; k < xPlus.length; k++) {
            double w = k < nw ? synapse.weights()[k] : synapse.bias()[k - nw] / config.readVoltage();
            xPlus[k] = stateFor(mid + w / (2 * alpha));
            xMinus[k] = stateFor(mid - w / (2 * alpha));
        }
        refresh();
    }

    /** Pairs at given states (a checkpoint), with the given column gain. */
    public DevicePairs(Synapse synapse, DeviceConfig config, long seed, double alpha) {
        this.synapse = synapse;
        this.config = config;
        this.model = config.model();
        this.programmer = new PulseProgrammer(model, config.readVoltage(), config.pulseAmplitude(), config.levels());
        this.alpha = alpha;
        double gA = model.readConductance(model.minState(), config.readVoltage());
        double gB = model.readConductance(model.maxState(), config.readVoltage());
        this.gMin = Math.min(gA, gB);
        this.gMax = Math.max(gA, gB);
        this.conductancePerFactor = model.currentVoltageFactor(config.readVoltage()) / config.readVoltage();
        this.perPulse = 0.96 * (gMax - gMin) / config.levels();
        this.seed = seed;
        int n = synapse.weights().length + synapse.bias().length;
        xPlus = new double[n];
        xMinus = new double[n];
        readGainPlus = new double[n];
        readGainMinus = new double[n];
        pulseGainPlus = new double[n];
        pulseGainMinus = new double[n];
        SplittableRandom r = new SplittableRandom(seed);
        DeviceSpread.factors(config.deviceSigma(), r, readGainPlus);
        DeviceSpread.factors(config.deviceSigma(), r, readGainMinus);
        DeviceSpread.factors(config.deviceSigma(), r, pulseGainPlus);
        DeviceSpread.factors(config.deviceSigma(), r, pulseGainMinus);
    }

    /** α such that the initial bound uses 1/rangeFactor of α·(Gmax − Gmin). */
    public static double columnGain(DeviceConfig config, double initialBound) {
        MemristorModel m = config.model();
        double gA = m.readConductance(m.minState(), config.readVoltage());
        double gB = m.readConductance(m.maxState(), config.readVoltage());
        return config.rangeFactor() * initialBound / Math.abs(gB - gA);
    }

    public double columnGain() {
        return alpha;
    }

    public DeviceConfig config() {
        return config;
    }

    /** Smallest and largest read conductance of a nominal device (S). */
    public double minConductance() {
        return gMin;
    }

    public double maxConductance() {
        return gMax;
    }

    /** The seed of the devices' variation and programming noise. */
    public long seed() {
        return seed;
    }

    /** Sets the pulse counters (a checkpoint being read). */
    public void setCounters(long pulses, long blocked) {
        this.pulses = pulses;
        this.blocked = blocked;
    }

    /** Programming pulses applied so far, and wanted pulses that a bound stopped. */
    public long pulses() {
        return pulses;
    }

    public long blockedPulses() {
        return blocked;
    }

    private double stateFor(double g) {
        return model.stateForReadConductance(Math.max(gMin, Math.min(gMax, g)), config.readVoltage());
    }

    /** Read conductance of device k of the + (plus) or − pair side, variation included. */
    public double conductance(int k, boolean plus) {
        double x = plus ? xPlus[k] : xMinus[k];
        return (plus ? readGainPlus[k] : readGainMinus[k]) * conductancePerFactor * model.currentStateFactor(x);
    }

    /** The weights the pairs hold now (the synapse's own array). */
    public double[] weights() {
        return synapse.weights();
    }

    /** Recomputes the synapse's weights and biases from the device states. */
    public void refresh() {
        double[] w = synapse.weights();
        double[] b = synapse.bias();
        int nw = w.length;
        for (int k = 0; k < xPlus.length; k++) {
            double v = alpha * (conductance(k, true) - conductance(k, false));
            if (k < nw) {
                w[k] = v;
            } else {
                b[k - nw] = v * config.readVoltage();
            }
        }
    }

    @Override
    public void apply(double[] dW, double[] dB, long update) {
        SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (update + 1)));
        int nw = dW.length;
        double cycle = config.cycleSigma();
        for (int k = 0; k < xPlus.length; k++) {
            double d = k < nw ? dW[k] : dB[k - nw] / config.readVoltage();
            if (d == 0) {
                continue;
            }
            double half = d / (2 * alpha);
            xPlus[k] = program(xPlus[k], half, pulseGainPlus[k], cycle, r);
            xMinus[k] = program(xMinus[k], -half, pulseGainMinus[k], cycle, r);
        }
        refresh();
    }

    private double program(double x, double wanted, double gain, double cycle, SplittableRandom r) {
        double step = perPulse;
        if (config.update() == DeviceConfig.Update.STATE_AWARE) {
            // what one pulse does from this state on a nominal device
            double next = programmer.afterPulse(x, wanted > 0);
            step = Math.abs(conductancePerFactor * (model.currentStateFactor(next) - model.currentStateFactor(x)));
            if (step == 0) { // at the bound it is pushed against
                blocked += Math.max(1, Math.round(Math.abs(wanted) / perPulse));
                return x;
            }
        }
        double ratio = wanted / step;
        double floor = Math.floor(ratio);
        int n = (int) Math.max(-config.levels(), Math.min(config.levels(), floor + (r.nextDouble() < ratio - floor ? 1 : 0)));
        if (n == 0) {
            return x;
        }
        double after = programmer.apply(x, n, gain, cycle, r);
        pulses += Math.abs(n);
        if (after == x) {
            blocked += Math.abs(n);
        }
        return after;
    }
}
