package org.memspice.memprop.net;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.devices.memristor.MemristorModels;

/**
 * MEMprop's synapse devices: a {@code device-models} memristor model (kind and parameters); the
 * row drivers' output limit (readLimit, V: rows never exceed it, so reads never move a device's
 * state, see {@link #resolve}) and full-scale input (rowFullScale, V: a row is driven at
 * readLimit·tanh(V/rowFullScale) for a presynaptic membrane or pixel voltage V); the read
 * voltage at which conductances are quoted and bias rows are driven; the programming pulses
 * (amplitude, and the number of pulses that cross the conductance range); device-to-device and
 * cycle-to-cycle variation (relative σ); and how much of the range the initial weights use (a
 * layer's weights reach ±rangeFactor × its initial bound).
 */
public record DeviceConfig(String kind, Map<String, Double> parameters, double readVoltage, double readLimit,
        double rowFullScale, double pulseAmplitude, int levels, Update update, double deviceSigma, double cycleSigma,
        double rangeFactor) {

    /**
     * How a wanted conductance change becomes a number of identical pulses. {@code STATE_AWARE}:
     * the device is read first and the count is the change over what one pulse does from that
     * state on a nominal device (the controller knows the model's response curve, not this
     * device's variation), so nonlinearity and up/down asymmetry are compensated on average.
     * {@code OPEN_LOOP}: the count is the change over the nominal step of the calibration (range
     * over levels), so the device's raw response applies: for Yakopcic at mid-range one pulse up
     * does 2.6 times the nominal step and one down 8.8 times, and weights drift.
     */
    public enum Update {
        STATE_AWARE, OPEN_LOOP;

        public String option() {
            return org.memspice.memprop.Choices.word(this);
        }

        public static Update parse(String s) {
            return org.memspice.memprop.Choices.parse(Update.class, s, "update scheme");
        }
    }

    /** Largest drift of a state during one read (one sample's run), as a fraction of its range, that counts as no drift. */
    public static final double READ_TOLERANCE = 1e-4;

    /**
     * The configuration with the read limit set 10 % inside the model's quiet window for a read
     * lasting {@code readDuration} ({@link org.memspice.devices.programming.ReadDisturb}: its
     * threshold, or where drift reaches 1e-4 of the range) and the read voltage given or, when
     * null, equal to that limit.
     *
     * @throws IllegalArgumentException when the device is volatile or the read voltage would disturb it
     */
    public static DeviceConfig resolve(String kind, Map<String, Double> parameters, Double readVoltage, double rowFullScale,
            double pulseAmplitude, int levels, Update update, double deviceSigma, double cycleSigma, double rangeFactor,
            double readDuration) {
        MemristorModel m = MemristorModels.create(kind, parameters);
        if (!m.hasSeparableCurrent()) {
            throw new IllegalArgumentException(kind + ": its current does not factor as s(x)·u(V), which memprop's arrays need");
        }
        double quiet = Math.min(org.memspice.devices.programming.ReadDisturb.quietVoltage(m, 1, readDuration, READ_TOLERANCE),
                org.memspice.devices.programming.ReadDisturb.quietVoltage(m, -1, readDuration, READ_TOLERANCE));
        if (quiet <= 0) {
            throw new IllegalArgumentException(kind + " devices are volatile (their state moves even at 1 uV): they cannot hold"
                    + " a weight; choose hp, team, yakopcic, vteam or stanford_pku");
        }
        double limit = 0.9 * quiet;
        double vr = readVoltage == null ? limit : readVoltage;
        if (vr > limit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--read-voltage %.4g V would move %s devices' states"
                    + " during a read (they keep still only below %.4g V over %.3g ms); use at most %.4g V", vr, kind, quiet,
                    readDuration * 1e3, limit));
        }
        return new DeviceConfig(kind, parameters, vr, limit, rowFullScale, pulseAmplitude, levels, update, deviceSigma,
                cycleSigma, rangeFactor);
    }

    public DeviceConfig {
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters)); // sorted: printed the same in every JVM
        if (!(readLimit > 0 && readLimit <= 10)) {
            throw new IllegalArgumentException("read limit must be in (0, 10] V, got " + readLimit);
        }
        if (!(readVoltage > 0 && readVoltage <= readLimit)) {
            throw new IllegalArgumentException("--read-voltage must be in (0, " + readLimit + "] V (the read limit), got " + readVoltage);
        }
        if (!(rowFullScale > 0 && rowFullScale <= 100)) {
            throw new IllegalArgumentException("--row-full-scale must be in (0, 100] V, got " + rowFullScale);
        }
        if (!(pulseAmplitude > 0 && pulseAmplitude <= 20)) {
            throw new IllegalArgumentException("--pulse-amplitude must be in (0, 20] V, got " + pulseAmplitude);
        }
        if (update == null) {
            throw new IllegalArgumentException("an update scheme is needed (state-aware or open-loop)");
        }
        if (levels < 2 || levels > 1_000_000) {
            throw new IllegalArgumentException("--levels must be in [2, 1000000], got " + levels);
        }
        if (!(deviceSigma >= 0 && deviceSigma <= 0.5)) {
            throw new IllegalArgumentException("--device-variation must be in [0, 0.5], got " + deviceSigma);
        }
        if (!(cycleSigma >= 0 && cycleSigma <= 1)) {
            throw new IllegalArgumentException("--cycle-noise must be in [0, 1], got " + cycleSigma);
        }
        if (!(rangeFactor >= 1 && rangeFactor <= 1000)) {
            throw new IllegalArgumentException("--range-factor must be in [1, 1000], got " + rangeFactor);
        }
    }

    public MemristorModel model() {
        return MemristorModels.create(kind, parameters);
    }

    /** Model kind with its parameters, as on the command line: {@code yakopcic} or {@code vteam:voff=0.3,von=-0.3}. */
    public String deviceText() {
        StringBuilder sb = new StringBuilder(kind);
        String sep = ":";
        for (Map.Entry<String, Double> e : new TreeMap<>(parameters).entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(String.format(Locale.ROOT, "%.17g", e.getValue()));
            sep = ",";
        }
        return sb.toString();
    }

    /** Parses {@code kind[:name=value,...]}. */
    public static Map.Entry<String, Map<String, Double>> parseDevice(String text) {
        String t = text.trim();
        int colon = t.indexOf(':');
        String kind = (colon < 0 ? t : t.substring(0, colon)).toLowerCase(Locale.ROOT);
        Map<String, Double> params = new TreeMap<>();
        if (colon >= 0) {
            for (String part : t.substring(colon + 1).split(",")) {
                String[] kv = part.split("=", 2);
                if (kv.length != 2 || kv[0].isBlank()) {
                    throw new IllegalArgumentException("device parameter '" + part + "' is not name=value");
                }
                double v;
                try {
                    v = Double.parseDouble(kv[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("device parameter " + kv[0].trim() + ": '" + kv[1].trim() + "' is not a number");
                }
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("device parameter " + kv[0].trim() + " must be finite, got " + kv[1].trim());
                }
                params.put(kv[0].trim().toLowerCase(Locale.ROOT), v);
            }
        }
        return Map.entry(kind, params);
    }
}
