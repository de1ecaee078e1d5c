package org.memspice.dse.stochastic;

import java.util.Locale;
import java.util.SplittableRandom;
import org.memspice.crossbar.cell.CbramCells;
import org.memspice.devices.programming.DeviceSpread;
import org.memspice.devices.stochastic.StochasticCbram;

/**
 * A bank of binary CBRAM devices ({@link StochasticCbram}, device-models' Poisson switching law)
 * used as stochastic number generators: a value p in [0, 1] becomes a SET pulse whose amplitude
 * the device law gives for probability p at a fixed width, and each bit of a stream is one reset
 * pulse, that SET pulse and a read of one device, held as a one-cell {@link CbramCells} of
 * {@code crossbar} (whose pulses go through the law's {@code applyPulse}).
 *
 * <p>Device-to-device variation: each device's τ0, V0, τ0r and V0r are the nominal ones times
 * factors 1 + σ·N(0, 1) truncated to [0.5, 1.5] ({@code DeviceSpread}), from the bank's seed.
 * Uncalibrated, the generator picks amplitudes from the nominal law and the streams carry each
 * device's bias; {@link #calibrate} measures every device's probability curve by counting
 * switches and fits the law's τ0 and V0 to it, after which amplitudes come from each device's own
 * fit. Amplitudes are capped at {@link Pulses#maxAmplitude} (a value needing more saturates) and
 * p = 0 applies no pulse.
 */
public final class CbramBank {
    /**
     * The pulses: SET width (s), RESET amplitude (V, negative) and width (s), the largest SET
     * amplitude the driver gives (V), and the read (V, s). The defaults reset a device with
     * failure probability below 1e-90 even at the widest spread, so the bits are independent.
     */
    public record Pulses(double width, double resetAmplitude, double resetWidth, double maxAmplitude, double readVoltage,
            double readTime) {
        public static final Pulses DEFAULT = new Pulses(1e-6, -3.5, 1e-4, 4.0, 0.1, 1e-8);

        public Pulses {
            if (!(width > 0) || !(resetAmplitude < 0) || !(resetWidth > 0) || !(maxAmplitude > 0) || !(readVoltage > 0)
                    || !(readTime > 0) || !Double.isFinite(width + resetAmplitude + resetWidth + maxAmplitude + readVoltage + readTime)) {
                throw new IllegalArgumentException("pulse parameters must be finite, widths and the read positive, the reset negative");
            }
        }
    }

    /** Largest reset failure probability accepted: above it a bit would depend on the bit before. */
    static final double MAX_RESET_FAILURE = 1e-12;
    /** Stage 1 of a calibration: amplitudes from 0.5 V to the maximum in 0.1 V steps, 64 pulses each. */
    static final int COARSE_TRIALS = 64;
    /** Stage 2: targets 0.1, 0.2, ..., 0.9 of the coarse fit, {@code trials} pulses each. */
    static final int FINE_POINTS = 9;

    private final StochasticCbram nominal;
    private final StochasticCbram[] devices;
    private final StochasticCbram[] believed;
    private final Pulses pulses;
    private final double variation;
    private final long seed;
    private final double threshold;
    /** Per device: expected energy of the RESET pulse on an on device and on an off one, and of a read of either. */
    private final double[] resetOn;
    private final double[] resetOff;
    private final double[] readOn;
    private final double[] readOff;
    private int calibrationTrials;

    /** {@code count} devices of the {@code nominal} law with spread {@code variation} (0-1) from {@code seed}. */
    public CbramBank(StochasticCbram nominal, int count, double variation, long seed, Pulses pulses) {
        if (!(variation >= 0 && variation <= 1)) {
            throw new IllegalArgumentException("--variation must be in [0, 1], got " + variation);
        }
        if (count < 1) {
            throw new IllegalArgumentException("a bank needs at least one device");
        }
        this.nominal = nominal;
        this.pulses = pulses;
        this.variation = variation;
        this.seed = seed;
        this.devices = new StochasticCbram[count];
        this.believed = new StochasticCbram[count];
        SplittableRandom r = new SplittableRandom(seed);
        double[][] f = new double[4][count];
        for (double[] factors : f) {
            DeviceSpread.factors(variation, r, factors);
        }
        for (int d = 0; d < count; d++) {
            devices[d] = nominal.scaled(f[0][d], f[1][d], f[2][d], f[3][d]);
            believed[d] = nominal;
            double failure = 1 - devices[d].switchingProbability(true, pulses.resetAmplitude(), pulses.resetWidth());
            if (failure > MAX_RESET_FAILURE) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "device %d fails to reset with probability %.3g"
                        + " under %.3g V for %.3g s: use a stronger reset pulse", d, failure, pulses.resetAmplitude(),
                        pulses.resetWidth()));
            }
        }
        this.threshold = Math.sqrt(nominal.conductance(true) * nominal.conductance(false));
        resetOn = new double[count];
        resetOff = new double[count];
        readOn = new double[count];
        readOff = new double[count];
        double read = pulses.readVoltage() * pulses.readVoltage() * pulses.readTime();
        for (int d = 0; d < count; d++) {
            resetOn[d] = devices[d].expectedPulseEnergy(true, pulses.resetAmplitude(), pulses.resetWidth());
            resetOff[d] = devices[d].expectedPulseEnergy(false, pulses.resetAmplitude(), pulses.resetWidth());
            readOn[d] = read * devices[d].conductance(true);
            readOff[d] = read * devices[d].conductance(false);
        }
    }

    public int size() {
        return devices.length;
    }

    public Pulses pulses() {
        return pulses;
    }

    public StochasticCbram nominal() {
        return nominal;
    }

    public double variation() {
        return variation;
    }

    public long seed() {
        return seed;
    }

    /** The device's true law (with its variation). */
    public StochasticCbram device(int d) {
        return devices[d];
    }

    /** The law amplitudes are chosen from: the nominal one, or the device's fit once calibrated. */
    public StochasticCbram believed(int d) {
        return believed[d];
    }

    /** Pulses per calibration point of the last {@link #calibrate} (0: not calibrated). */
    public int calibrationTrials() {
        return calibrationTrials;
    }

    /** The SET amplitude chosen for probability p (0 for p ≤ 0: no pulse). */
    public double amplitude(int d, double p) {
        if (!(p > 0)) {
            return 0;
        }
        if (p >= 1) {
            return pulses.maxAmplitude();
        }
        double v = believed[d].amplitudeForProbability(p, pulses.width());
        return Math.max(0, Math.min(pulses.maxAmplitude(), v));
    }

    /** The true probability that device d gives a 1 for the value p (its law at the chosen amplitude). */
    public double probability(int d, double p) {
        return probabilityAt(d, amplitude(d, p));
    }

    /** The true probability that a SET pulse of amplitude v (0: none) sets device d. */
    public double probabilityAt(int d, double v) {
        return v > 0 ? devices[d].switchingProbability(false, v, pulses.width()) : 0;
    }

    /**
     * A stream of {@code length} bits for value p from device d: each bit is 1 with the device's
     * true probability (the reset before every bit makes the bits independent; see
     * {@link #bitByBit} for the same stream pulse by pulse). Returns the ones.
     */
    public int stream(int d, double p, int length, SplittableRandom random, long[] out) {
        Streams.bernoulli(probability(d, p), length, random, out);
        return Streams.count(out, length);
    }

    /**
     * The same stream simulated pulse by pulse on the device: a RESET pulse, the SET pulse, and a
     * read against the geometric mean of the on and off conductances, per bit, each pulse through
     * {@link StochasticCbram#applyPulse}. Returns the switching events (SETs and RESETs).
     */
    public int bitByBit(int d, double p, int length, SplittableRandom random, long[] out) {
        return pulseTrain(devices[d], amplitude(d, p), length, random, out);
    }

    /** Pulses one device, held as a binary CBRAM cell of {@code crossbar} ({@link CbramCells}), starting off. */
    private int pulseTrain(StochasticCbram dev, double amplitude, int length, SplittableRandom random, long[] out) {
        java.util.Arrays.fill(out, 0, Streams.words(length), 0L);
        CbramCells cell = new CbramCells(1, dev);
        double[] reset = {pulses.resetAmplitude()};
        double[] set = {amplitude};
        int events = 0;
        for (int b = 0; b < length; b++) {
            events += cell.applyPulse(reset, pulses.resetWidth(), random);
            if (amplitude > 0) {
                events += cell.applyPulse(set, pulses.width(), random);
            }
            if (cell.conductance(0) > threshold) {
                out[b >>> 6] |= 1L << (b & 63);
            }
        }
        return events;
    }

    /**
     * Expected energy of one bit for value p on device d (from the device law): the RESET pulse
     * on a device that is on with the bit before's probability, the SET pulse, and the read.
     */
    public double bitEnergy(int d, double p) {
        double v = amplitude(d, p);
        return bitEnergyAt(d, v, probabilityAt(d, v));
    }

    /** {@link #bitEnergy} for a SET amplitude v (0: none) whose probability q is known. */
    public double bitEnergyAt(int d, double v, double q) {
        double set = v > 0 ? devices[d].expectedPulseEnergy(false, v, pulses.width()) : 0;
        return set + q * (resetOn[d] + readOn[d]) + (1 - q) * (resetOff[d] + readOff[d]);
    }

    /**
     * Measures every device's probability curve and fits the law to it: {@value #COARSE_TRIALS}
     * pulses at each amplitude from 0.5 V to the maximum in 0.1 V steps, a first fit, then
     * {@code trials} pulses at the amplitudes that fit gives for 0.1, 0.2, ..., 0.9 and the final
     * fit on those. Every pulse is simulated as in {@link #bitByBit}; draws from {@code seed}.
     * Costs about (33·64 + 9·trials) pulse triples per device.
     */
    public void calibrate(int trials, long calibrationSeed) {
        if (trials < 16 || trials > 1_000_000) {
            throw new IllegalArgumentException("calibration trials must be 16-1000000, got " + trials);
        }
        int coarse = (int) Math.floor((pulses.maxAmplitude() - 0.5) / 0.1 + 1e-9) + 1;
        double[] va = new double[Math.max(coarse, 2)];
        for (int k = 0; k < va.length; k++) {
            va[k] = Math.min(pulses.maxAmplitude(), 0.5 + 0.1 * k);
        }
        long[] bits = new long[Streams.words(Math.max(trials, COARSE_TRIALS))];
        for (int d = 0; d < devices.length; d++) {
            SplittableRandom r = new SplittableRandom(calibrationSeed * 0x9E3779B97F4A7C15L + d);
            int[] counts = new int[va.length];
            for (int k = 0; k < va.length; k++) {
                pulseTrain(devices[d], va[k], COARSE_TRIALS, r, bits);
                counts[k] = Streams.count(bits, COARSE_TRIALS);
            }
            StochasticCbram first;
            try {
                first = nominal.fitSet(va, pulses.width(), counts, COARSE_TRIALS);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("device " + d + " cannot be calibrated below " + pulses.maxAmplitude() + " V: "
                        + e.getMessage());
            }
            double[] vf = new double[FINE_POINTS];
            int[] cf = new int[FINE_POINTS];
            for (int k = 0; k < FINE_POINTS; k++) {
                vf[k] = Math.max(0.05, Math.min(pulses.maxAmplitude(), first.amplitudeForProbability((k + 1) / 10.0, pulses.width())));
                pulseTrain(devices[d], vf[k], trials, r, bits);
                cf[k] = Streams.count(bits, trials);
            }
            StochasticCbram fit;
            try {
                fit = nominal.fitSet(vf, pulses.width(), cf, trials);
            } catch (IllegalArgumentException e) {
                fit = first;
            }
            believed[d] = fit;
        }
        calibrationTrials = trials;
    }
}
