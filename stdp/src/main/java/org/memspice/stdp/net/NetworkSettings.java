package org.memspice.stdp.net;

import org.memspice.stdp.SynapseSettings;

/**
 * A network of {@code inputs} input neurons and {@code outputs} MIF output neurons joined by an
 * inputs × outputs crossbar of synapse devices:
 *
 * <ul>
 * <li>an input neuron is a MIF neuron that a spike generator kicks ({@link SynapseSettings#kick()});
 * its membrane drives its input line through the electrode driver;</li>
 * <li>an output neuron is a MIF neuron (the soma) that integrates the current of its output line
 * while that line is at virtual ground, mirrored with gain {@code readGain} by a one-quadrant mirror
 * (only current into the neuron passes), less a homeostatic current θ; when the soma crosses the
 * read-out threshold it kicks a second MIF neuron (its axon), whose membrane then drives the output line
 * through the electrode driver for the duration of its spike (the line is disconnected from the
 * soma meanwhile), and it adds {@code inhibition} to an inhibitory current drawn from every other
 * soma, which decays with time constant {@code inhibitionTau} (lateral inhibition through an RC
 * filter, winner-take-all) and raises its own θ by {@code thetaStep}, which
 * decays with time constant {@code thetaTau} (adaptive threshold);</li>
 * <li>each synapse device sees V_output − V_input and learns by its own drift ({@link Learning}).</li>
 * </ul>
 *
 * @param step network time step (s)
 * @param axonDelay time from a soma's threshold crossing to its axon's kick (s): the axonal delay that puts the
 *     post-synaptic spike's peak into the undershoot of the pre-synaptic pulses that caused it
 * @param initLow lowest initial device state, as a fraction of the state range
 * @param initHigh highest initial device state, as a fraction of the state range
 */
public record NetworkSettings(SynapseSettings synapse, int inputs, int outputs, double step, double readGain,
        double inhibition, double inhibitionTau, double thetaStep, double thetaTau, double axonDelay, double initLow, double initHigh,
        Learning learning, Axons axons) {
    /** How devices learn. */
    public enum Learning {
        /** They do not move (testing, labelling). */
        OFF,
        /** The device-derived table applied at every spike (the fast path). */
        EVENT,
        /** Every device integrates its drift under the actual line voltages at every step (the full waveform simulation). */
        WAVEFORM
    }

    /** How the spiking (axon) neurons that drive the lines are simulated. */
    public enum Axons {
        /** Each is a MIF neuron of the stepped model, stepped with the network. */
        STEPPED,
        /**
         * Each replays the electrode waveform of one MIF spike from rest, recorded once with the
         * stepped model at the network's step (exact while spikes of a neuron are a dead time apart,
         * by which time the MIF is back at rest to within 0.1 mV).
         */
        REPLAY
    }

    public NetworkSettings {
        if (inputs < 1 || outputs < 1 || (long) inputs * outputs > 50_000_000L) {
            throw new IllegalArgumentException("need 1..50,000,000 synapses, got " + inputs + " x " + outputs);
        }
        if (!(step > 0) || step > 2e-4) {
            throw new IllegalArgumentException("network step must be in (0, 0.2 ms], got " + step);
        }
        if (!(readGain > 0) || !Double.isFinite(readGain)) {
            throw new IllegalArgumentException("read gain must be finite and > 0, got " + readGain);
        }
        if (!(inhibition >= 0) || !Double.isFinite(inhibition) || !(thetaStep >= 0) || !Double.isFinite(thetaStep)
                || !(thetaTau > 0) || !(inhibitionTau > 0)) {
            throw new IllegalArgumentException("inhibition and theta step must be finite and >= 0, their time constants > 0");
        }
        if (!(axonDelay >= 0) || axonDelay > 0.1) {
            throw new IllegalArgumentException("axon delay must be in [0, 0.1] s, got " + axonDelay);
        }
        if (!(initLow >= 0 && initHigh <= 1 && initLow <= initHigh)) {
            throw new IllegalArgumentException("initial states must satisfy 0 <= low <= high <= 1, got " + initLow + ", " + initHigh);
        }
    }

    public NetworkSettings with(Learning l) {
        return new NetworkSettings(synapse, inputs, outputs, step, readGain, inhibition, inhibitionTau, thetaStep, thetaTau, axonDelay, initLow,
                initHigh, l, axons);
    }

    public NetworkSettings with(Axons a) {
        return new NetworkSettings(synapse, inputs, outputs, step, readGain, inhibition, inhibitionTau, thetaStep, thetaTau, axonDelay, initLow,
                initHigh, learning, a);
    }
}
