package org.memspice.devices.programming;

import java.util.Locale;
import java.util.SplittableRandom;
import org.memspice.devices.memristor.MemristorModel;

/**
 * Open-loop pulse programming of a device used as an analog weight, as on-chip training applies
 * it: n identical potentiating (read conductance up) or depressing pulses for a wanted change,
 * each moving the state by what the model's own dynamics give from the present state. The change
 * per pulse therefore depends on the state (nonlinear) and differs up and down (asymmetric), as
 * it does in real devices; nothing here assumes a linear device.
 *
 * <p>Calibration: the pulse amplitude |V| is given; the polarity that raises the read conductance
 * is read off the model; each direction's width is chosen so that {@code levels} pulses take a
 * device from 2 % to 98 % of its read-conductance range (from the low end up, or from the high
 * end down). One pulse's effect is tabulated once over the state range at 4,097 states
 * ({@link PulseIntegrator}) and interpolated linearly.
 *
 * <p>Variation: {@link #apply} takes a per-device gain on the change a pulse makes
 * (device-to-device spread of the switching speed, see {@link DeviceSpread}) and a relative
 * Gaussian cycle-to-cycle noise on every pulse, from the caller's seeded source. Immutable after
 * construction, so one programmer serves many threads.
 */
public final class PulseProgrammer {
    private static final int TABLE = 4097;
    private final MemristorModel model;
    private final double readVoltage;
    private final double amplitude;
    private final int levels;
    /** +1 when a positive pulse raises the read conductance, −1 when a negative one does. */
    private final int upPolarity;
    private final double widthUp;
    private final double widthDown;
    private final double lo;
    private final double hi;
    private final double[] afterUp = new double[TABLE];
    private final double[] afterDown = new double[TABLE];

    /**
     * @param readVoltage voltage at which conductances are read (V, non-zero)
     * @param amplitude magnitude of the programming pulses (V, > 0)
     * @param levels pulses that take a device across its conductance range (≥ 2)
     * @throws IllegalArgumentException when a pulse of that amplitude cannot move the device across
     *     its range in either direction (below its threshold, for example)
     */
    public PulseProgrammer(MemristorModel model, double readVoltage, double amplitude, int levels) {
        if (!(amplitude > 0) || !Double.isFinite(amplitude)) {
            throw new IllegalArgumentException("pulse amplitude must be a finite voltage > 0, got " + amplitude);
        }
        if (levels < 2 || levels > 1_000_000) {
            throw new IllegalArgumentException("levels must be in [2, 1000000], got " + levels);
        }
        this.model = model;
        this.readVoltage = readVoltage;
        this.amplitude = amplitude;
        this.levels = levels;
        this.lo = model.minState();
        this.hi = model.maxState();
        double gLo = model.readConductance(lo, readVoltage);
        double gHi = model.readConductance(hi, readVoltage);
        double gMin = Math.min(gLo, gHi);
        double gMax = Math.max(gLo, gHi);
        double xLow = model.stateForReadConductance(gMin + 0.02 * (gMax - gMin), readVoltage);
        double xHigh = model.stateForReadConductance(gMin + 0.98 * (gMax - gMin), readVoltage);
        PulseIntegrator integrator = new PulseIntegrator(model);
        double mid = 0.5 * (xLow + xHigh);
        double probe = integrator.apply(mid, amplitude, 1e-9) - mid;
        double probeNeg = integrator.apply(mid, -amplitude, 1e-9) - mid;
        boolean stateUpRaisesG = gHi > gLo;
        int polarity;
        if (probe != 0 && (probe > 0) == stateUpRaisesG) {
            polarity = 1;
        } else if (probeNeg != 0 && (probeNeg > 0) == stateUpRaisesG) {
            polarity = -1;
        } else {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: a %.3g V pulse of either polarity does not raise the read conductance (is it below the"
                    + " switching threshold?); choose a larger amplitude", model.kind(), amplitude));
        }
        this.upPolarity = polarity;
        this.widthUp = traverse(integrator, xLow, xHigh, polarity * amplitude) / levels;
        this.widthDown = traverse(integrator, xHigh, xLow, -polarity * amplitude) / levels;
        for (int k = 0; k < TABLE; k++) {
            double x = lo + (hi - lo) * k / (TABLE - 1);
            afterUp[k] = integrator.apply(x, polarity * amplitude, widthUp);
            afterDown[k] = integrator.apply(x, -polarity * amplitude, widthDown);
        }
    }

    /** The time a constant voltage v takes to move the state from {@code from} past {@code to}. */
    private double traverse(PulseIntegrator integrator, double from, double to, double v) {
        boolean rising = to > from;
        double t = 1e-15;
        while (t < 1e9 && (integrator.apply(from, v, t) < to) == rising) {
            t *= 4;
        }
        if (t >= 1e9) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: a %.3g V pulse does not move the device across its conductance range (even in 1e9 s);"
                    + " choose a larger amplitude", model.kind(), v));
        }
        double a = t / 4;
        double b = t;
        for (int it = 0; it < 60 && b - a > 1e-9 * b; it++) {
            double m = 0.5 * (a + b);
            if ((integrator.apply(from, v, m) < to) == rising) {
                a = m;
            } else {
                b = m;
            }
        }
        return b;
    }

    public MemristorModel model() {
        return model;
    }

    public double readVoltage() {
        return readVoltage;
    }

    public double amplitude() {
        return amplitude;
    }

    public int levels() {
        return levels;
    }

    /** The signed voltage of a pulse that raises (up) or lowers the read conductance. */
    public double pulseVoltage(boolean up) {
        return (up ? upPolarity : -upPolarity) * amplitude;
    }

    /** The width of a pulse that raises (up) or lowers the read conductance (s). */
    public double pulseWidth(boolean up) {
        return up ? widthUp : widthDown;
    }

    /** The state after one nominal pulse from x (no variation). */
    public double afterPulse(double x, boolean up) {
        double[] table = up ? afterUp : afterDown;
        double f = (Math.max(lo, Math.min(hi, x)) - lo) / (hi - lo) * (TABLE - 1);
        int k = Math.min(TABLE - 2, (int) f);
        double w = f - k;
        double tableX = lo + (hi - lo) * k / (TABLE - 1);
        double tableNext = lo + (hi - lo) * (k + 1) / (TABLE - 1);
        // interpolate the change, not the end state, so a device between grid points moves as its neighbours do
        double change = (1 - w) * (table[k] - tableX) + w * (table[k + 1] - tableNext);
        return Math.max(lo, Math.min(hi, x + change));
    }

    /**
     * The state after |pulses| pulses from x, raising the read conductance when pulses > 0 and
     * lowering it when pulses < 0; each pulse's change is scaled by {@code gain} (the device's
     * own switching speed relative to nominal) and by 1 + cycleSigma·N(0, 1) drawn from
     * {@code random} (cycle-to-cycle noise; not drawn when cycleSigma is 0).
     */
    public double apply(double x, int pulses, double gain, double cycleSigma, SplittableRandom random) {
        boolean up = pulses > 0;
        int count = Math.abs(pulses);
        for (int p = 0; p < count; p++) {
            double change = afterPulse(x, up) - x;
            double factor = gain;
            if (cycleSigma > 0) {
                factor *= 1 + cycleSigma * DeviceSpread.gaussian(random);
            }
            x = Math.max(lo, Math.min(hi, x + factor * change));
        }
        return x;
    }
}
