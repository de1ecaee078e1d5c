package org.memspice.stdp;

/**
 * The spike-to-electrode waveform: how a MIF neuron's membrane voltage becomes the voltage its
 * driver puts on its crossbar line (an input line for an input neuron, an output line for an output neuron).
 *
 * <p>The driver is a two-slope amplifier of the membrane's excursion from rest, u = v − v_rest:
 * gain {@code gainUp} for u &gt; 0 (the depolarization peak) and {@code gainDown} for u &lt; 0 (the
 * undershoot of the hyperpolarization phase), so that the MIF's own biphasic spike, a 97 mV peak
 * followed by a 9.5 mV undershoot lasting 15 ms, becomes a biphasic electrode pulse whose two
 * lobes both matter to a threshold device. While the shaped value is below {@code switchLevel} in
 * magnitude the driver is disconnected and the line sits at virtual ground (0 V): that is the
 * state in which an output neuron's column is read into its membrane (see
 * {@link #active(double)}).
 */
public record Electrode(double rest, double gainUp, double gainDown, double switchLevel) {
    public Electrode {
        if (!(gainUp > 0) || !(gainDown > 0) || !Double.isFinite(gainUp) || !Double.isFinite(gainDown)) {
            throw new IllegalArgumentException("electrode gains must be finite and > 0, got " + gainUp + ", " + gainDown);
        }
        if (!(switchLevel >= 0) || !Double.isFinite(switchLevel)) {
            throw new IllegalArgumentException("electrode switch level must be finite and >= 0, got " + switchLevel);
        }
    }

    /** The line voltage (V) for membrane voltage v: the shaped excursion, or 0 while it is below the switch level. */
    public double voltage(double v) {
        double u = v - rest;
        double e = u >= 0 ? gainUp * u : gainDown * u;
        return Math.abs(e) < switchLevel ? 0 : e;
    }

    /** Whether the driver is connected (the line carries the spike) at membrane voltage v. */
    public boolean active(double v) {
        return voltage(v) != 0;
    }
}
