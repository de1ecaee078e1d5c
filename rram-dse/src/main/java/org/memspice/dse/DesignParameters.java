package org.memspice.dse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The named parameters of a {@link DesignPoint}: what the command line's options, a sweep
 * configuration's keys and its axes all set, each checked (finite, in range) where it is read,
 * with its default and meaning. Names are snake_case; the command line writes them with dashes.
 */
public final class DesignParameters {
    /** One parameter: its name, meaning, and how to read and write it. */
    public record Parameter(String name, String description, Function<DesignPoint, String> get,
            BiConsumer<DesignPoint, String> set) {
    }

    private static final Map<String, Parameter> BY_NAME = new LinkedHashMap<>();

    /** A parameter that only some points use: when a point uses it, and why another does not. */
    private record Condition(Predicate<DesignPoint> used, String otherwise) {
    }

    private static final Map<String, Condition> CONDITIONS = new LinkedHashMap<>();

    private DesignParameters() {
    }

    private static void add(String name, String description, Function<DesignPoint, String> get,
            BiConsumer<DesignPoint, String> set) {
        BY_NAME.put(name, new Parameter(name, description, get, set));
    }

    static {
        add("tile", "tile rows x columns, 16-512 each (e.g. 128x128, 256x64)", p -> p.tileRows + "x" + p.tileCols, (p, v) -> {
            String[] rc = v.toLowerCase(Locale.ROOT).replace(" ", "").replace("(", "").replace(")", "").split("[x,]");
            if (rc.length != 2) {
                throw new IllegalArgumentException("'" + v + "' is not ROWSxCOLS");
            }
            p.tileRows = whole(rc[0], 16, 512);
            p.tileCols = whole(rc[1], 16, 512);
        });
        add("scheme", "dense (layers tiled whole, zeros of grouped convolutions programmed) or sparse (each group's"
                + " block packed alone)", p -> word(p.scheme), (p, v) -> p.scheme = choice(DesignPoint.Scheme.class, v));
        add("encoding", "differential (a G+/G- column pair per weight) or offset (one column per weight and a reference"
                + " column)", p -> word(p.encoding), (p, v) -> p.encoding = choice(DesignPoint.Encoding.class, v));
        add("cells", "conductance (linear 0T1R), 1t1r (linear: cell in series with the on transistor), MODEL or"
                + " 1t1r:MODEL (nonlinear memristor I-V of a device-models model)", p -> p.cells, (p, v) -> {
                    String c = v.trim().toLowerCase(Locale.ROOT);
                    if (!c.equals("conductance") && !c.equals("1t1r")) {
                        String model = c.startsWith("1t1r:") ? c.substring(5) : c;
                        org.memspice.devices.memristor.MemristorModels.create(model, Map.of());
                    }
                    p.cells = c;
                });
        add("ideal_lines", "true: no wire, driver or sense resistance", p -> Boolean.toString(p.idealLines),
                (p, v) -> p.idealLines = bool(v));
        add("tile_solver", "how linear tiles with line resistance are read: transfer (their exact transfer matrices, default),"
                + " iterative (the crossbar solver, read by read: the straightforward formulation) or lu (each tile's whole"
                + " nodal system factorized once by the sparse LU, a substitution per read: MemTorch's formulation in double"
                + " precision); the last two for cross-checks and benchmarks", p -> word(p.tileSolver),
                (p, v) -> p.tileSolver = choice(DesignPoint.TileSolver.class, v));
        add("wire", "wire resistance per cell segment, rows and columns (ohm)", p -> num(p.wire), (p, v) -> p.wire = range(v, 1e-6, 1e6));
        add("driver", "row driver output resistance (ohm)", p -> num(p.driver), (p, v) -> p.driver = range(v, 1e-6, 1e9));
        add("sense", "column sense (virtual ground) input resistance (ohm)", p -> num(p.sense), (p, v) -> p.sense = range(v, 1e-6, 1e9));
        add("read_voltage", "row voltage of a full-scale input (V)", p -> num(p.readVoltage), (p, v) -> p.readVoltage = range(v, 1e-4, 10));
        add("word_line", "gate voltage of selected 1T1R rows (V)", p -> num(p.wordLine), (p, v) -> p.wordLine = range(v, 0, 10));
        add("g_min", "lowest programmed conductance (S)", p -> num(p.gMin), (p, v) -> p.gMin = range(v, 1e-12, 1));
        add("g_max", "highest programmed conductance (S)", p -> num(p.gMax), (p, v) -> p.gMax = range(v, 1e-12, 1));
        add("levels", "conductance states evenly spaced in [g_min, g_max]; 0 for continuous", p -> Integer.toString(p.levels),
                (p, v) -> {
                    int n = whole(v, 0, 65536);
                    if (n == 1) {
                        throw new IllegalArgumentException("1 state holds no weight; 0 (continuous) or 2-65536");
                    }
                    p.levels = n;
                });
        add("level_list", "explicit conductance states in siemens, comma-separated (overrides levels, g_min, g_max)",
                p -> p.levelList == null ? "" : String.join(";", Arrays.stream(p.levelList).mapToObj(DesignParameters::num).toList()),
                (p, v) -> p.levelList = levelList(v));
        add("weight_bits", "magnitude bits of each weight; 0 for analog weights", p -> Integer.toString(p.weightBits),
                (p, v) -> p.weightBits = whole(v, 0, 16));
        add("bits_per_cell", "weight bits per cell (bit slicing); 0: all in one cell", p -> Integer.toString(p.bitsPerCell),
                (p, v) -> p.bitsPerCell = whole(v, 0, 16));
        add("dac_bits", "input DAC bits (magnitude); 0 for ideal analog inputs", p -> Integer.toString(p.dacBits),
                (p, v) -> p.dacBits = whole(v, 0, 16));
        add("input_bits_per_read", "input bits applied per read (input bit slicing); 0: all in one read",
                p -> Integer.toString(p.inputBitsPerRead), (p, v) -> p.inputBitsPerRead = whole(v, 0, 16));
        add("adc_bits", "per-tile ADC bits; 0 for an ideal ADC", p -> Integer.toString(p.adcBits), (p, v) -> p.adcBits = whole(v, 0, 16));
        add("adc_range", "linear (the tile's full physical scale), minmax or calibrated (on calibration images)",
                p -> word(p.adcRange), (p, v) -> p.adcRange = choice(DesignPoint.AdcRange.class, v));
        add("adc_overflow", "share of calibration conversions a calibrated ADC range lets clip", p -> num(p.adcOverflow),
                (p, v) -> p.adcOverflow = range(v, 0, 0.5));
        add("calibration_images", "training images that set DAC and ADC ranges", p -> Integer.toString(p.calibrationImages),
                (p, v) -> p.calibrationImages = whole(v, 1, 60000));
        add("device_variation", "device-to-device spread: each device's conductance times 1+sigma*N(0,1) (sigma 0-1)",
                p -> num(p.deviceVariation), (p, v) -> p.deviceVariation = range(v, 0, 1));
        add("cycle_variation", "cycle-to-cycle programming noise: sigma*N(0,1) of the window added per write (sigma 0-1)",
                p -> num(p.cycleVariation), (p, v) -> p.cycleVariation = range(v, 0, 1));
        add("stuck_on", "share of devices stuck at g_max", p -> num(p.stuckOn), (p, v) -> p.stuckOn = range(v, 0, 1));
        add("stuck_off", "share of devices stuck at g_min", p -> num(p.stuckOff), (p, v) -> p.stuckOff = range(v, 0, 1));
        add("stuck_at", "share of devices stuck, half at g_max and half at g_min (sets stuck_on and stuck_off)",
                p -> num(p.stuckOn + p.stuckOff), (p, v) -> {
                    double r = range(v, 0, 1);
                    p.stuckOn = r / 2;
                    p.stuckOff = r / 2;
                });
        add("drift_time", "seconds since programming for conductance drift G(t)=G(t0)(t/t0)^-nu; 0: none",
                p -> num(p.driftTime), (p, v) -> p.driftTime = range(v, 0, 1e12));
        add("drift_t0", "time of the programmed reading t0 (s)", p -> num(p.driftT0), (p, v) -> p.driftT0 = range(v, 1e-9, 1e12));
        add("drift_nu", "drift exponent nu", p -> num(p.driftNu), (p, v) -> p.driftNu = range(v, 0, 1));
        add("drift_nu_spread", "relative device-to-device spread of nu: nu*(1+s*N(0,1)) per device (0-1)",
                p -> num(p.driftNuSpread), (p, v) -> p.driftNuSpread = range(v, 0, 1));
        add("retention_time", "seconds of retention: G relaxes to g_min as exp(-(t/tau)^beta); 0: none",
                p -> num(p.retentionTime), (p, v) -> p.retentionTime = range(v, 0, 1e12));
        add("retention_tau", "retention time constant tau (s)", p -> num(p.retentionTau), (p, v) -> p.retentionTau = range(v, 1e-9, 1e15));
        add("retention_beta", "retention stretch exponent beta", p -> num(p.retentionBeta), (p, v) -> p.retentionBeta = range(v, 0.01, 1));
        add("endurance_cycles", "write cycles the devices saw before this programming; 0: fresh",
                p -> num(p.enduranceCycles), (p, v) -> p.enduranceCycles = range(v, 0, 1e15));
        add("endurance_limit", "cycles after which the window closes", p -> num(p.enduranceLimit),
                (p, v) -> p.enduranceLimit = range(v, 1, 1e15));
        add("endurance_loss", "share of the window lost per decade of cycles past the limit", p -> num(p.enduranceLoss),
                (p, v) -> p.enduranceLoss = range(v, 0, 1));
        add("write_verify", "none, or a memristor model (yakopcic, vteam, ...) whose write-and-verify programs every cell:"
                + " pulses until the read conductance is within write_tolerance, at most max_pulses, and at most what the"
                + " device's endurance has left", p -> p.writeVerify, (p, v) -> {
                    String m = v.trim().toLowerCase(Locale.ROOT);
                    if (!m.equals("none")) {
                        org.memspice.devices.memristor.MemristorModels.create(m, Map.of());
                    }
                    p.writeVerify = m;
                });
        add("write_voltage", "amplitude of the write-and-verify SET and RESET pulses (V)", p -> num(p.writeVoltage),
                (p, v) -> p.writeVoltage = range(v, 1e-3, 20));
        add("pulse_width", "width of a write-and-verify pulse (s)", p -> num(p.pulseWidth), (p, v) -> p.pulseWidth = range(v, 1e-12, 1));
        add("write_tolerance", "relative tolerance of the verify read", p -> num(p.writeTolerance),
                (p, v) -> p.writeTolerance = range(v, 1e-6, 0.5));
        add("max_pulses", "pulses a write-and-verify gives a cell before giving up", p -> Integer.toString(p.maxPulses),
                (p, v) -> p.maxPulses = whole(v, 1, 1000000));
        add("endurance_spread", "log-normal spread of each device's endurance around endurance_limit (write_verify)",
                p -> num(p.enduranceSpread), (p, v) -> p.enduranceSpread = range(v, 0, 3));
        add("read_time", "duration of one read (s)", p -> num(p.readTime), (p, v) -> p.readTime = range(v, 1e-12, 1));
        add("adc_fom", "ADC energy per conversion step, Walden figure of merit (J)", p -> num(p.adcFom),
                (p, v) -> p.adcFom = range(v, 0, 1e-9));
        add("adc_clock", "SAR ADC clock, one bit per cycle (Hz)", p -> num(p.adcClock), (p, v) -> p.adcClock = range(v, 1e3, 1e12));
        add("adc_share", "columns sharing one ADC through a multiplexer", p -> Integer.toString(p.adcShare),
                (p, v) -> p.adcShare = whole(v, 1, 512));
        add("dac_energy_per_bit", "DAC energy per bit per conversion (J)", p -> num(p.dacEnergyPerBit),
                (p, v) -> p.dacEnergyPerBit = range(v, 0, 1e-9));
        add("add_energy", "energy of one digital shift-and-add of a partial sum (J)", p -> num(p.addEnergy),
                (p, v) -> p.addEnergy = range(v, 0, 1e-9));
        add("ideal_converter_bits", "bits charged for the energy and time of an ideal (0-bit) converter",
                p -> Integer.toString(p.idealConverterBits), (p, v) -> p.idealConverterBits = whole(v, 1, 16));
        add("seed", "seed of every random draw of the point", p -> Long.toString(p.seed), (p, v) -> {
            try {
                p.seed = Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + v + "' is not a whole number");
            }
        });
    }

    static {
        Condition levels = new Condition(p -> p.levelList == null, "level_list sets the states");
        CONDITIONS.put("levels", levels);
        CONDITIONS.put("g_min", levels);
        CONDITIONS.put("g_max", levels);
        Condition lines = new Condition(p -> !p.idealLines, "ideal_lines has no line resistance");
        CONDITIONS.put("wire", lines);
        CONDITIONS.put("driver", lines);
        CONDITIONS.put("sense", lines);
        CONDITIONS.put("tile_solver", new Condition(p -> p.model() == null && !p.idealLines,
                "it chooses how linear tiles with line resistance are read; nonlinear cells and ideal lines are read one way"));
        CONDITIONS.put("word_line", new Condition(DesignPoint::accessTransistor, "only 1t1r cells have word lines"));
        CONDITIONS.put("adc_range", new Condition(p -> p.adcBits > 0, "ideal ADCs (adc_bits 0) have no range"));
        CONDITIONS.put("adc_overflow", new Condition(p -> p.adcBits > 0 && p.adcRange == DesignPoint.AdcRange.CALIBRATED,
                "only calibrated ADC ranges (adc_range calibrated, adc_bits > 0) clip by design"));
        Condition drift = new Condition(p -> p.driftTime > 0, "there is no drift without drift_time");
        CONDITIONS.put("drift_t0", drift);
        CONDITIONS.put("drift_nu", drift);
        CONDITIONS.put("drift_nu_spread", drift);
        Condition retention = new Condition(p -> p.retentionTime > 0, "there is no retention loss without retention_time");
        CONDITIONS.put("retention_tau", retention);
        CONDITIONS.put("retention_beta", retention);
        CONDITIONS.put("endurance_loss", new Condition(p -> p.writeVerify.equals("none"),
                "write_verify draws each device's endurance from endurance_limit and endurance_spread instead"));
        Condition verify = new Condition(p -> !p.writeVerify.equals("none"), "write_verify is none");
        for (String name : List.of("write_voltage", "pulse_width", "write_tolerance", "max_pulses", "endurance_spread")) {
            CONDITIONS.put(name, verify);
        }
    }

    /** Whether point p uses parameter {@code name} at all (most parameters always matter). */
    public static boolean usedAt(String name, DesignPoint p) {
        Condition c = CONDITIONS.get(find(name).name());
        return c == null || c.used().test(p);
    }

    /** Why a point that does not use {@code name} ignores it. */
    public static String whyUnused(String name) {
        return CONDITIONS.get(find(name).name()).otherwise();
    }

    /**
     * The parameters whose values differ from their defaults but which point p does not use, in
     * documentation order: a command refuses them rather than accept and ignore them.
     */
    public static List<String> unused(DesignPoint p) {
        DesignPoint d = new DesignPoint();
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Condition> e : CONDITIONS.entrySet()) {
            Parameter par = BY_NAME.get(e.getKey());
            if (!e.getValue().used().test(p) && !par.get().apply(p).equals(par.get().apply(d))) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** Every parameter, in documentation order. */
    public static List<Parameter> all() {
        return new ArrayList<>(BY_NAME.values());
    }

    /** The parameter called {@code name} (dashes or underscores), or null. */
    public static Parameter find(String name) {
        return BY_NAME.get(name.trim().toLowerCase(Locale.ROOT).replace('-', '_'));
    }

    /**
     * Sets parameter {@code name} of p from text; a bad name or value throws
     * {@link DseInputException} naming {@code where} (a file:line or an option) and the parameter.
     */
    public static void set(DesignPoint p, String name, String value, String where) {
        Parameter par = find(name);
        if (par == null) {
            throw new DseInputException(where + ": unknown parameter '" + name + "' (known: " + String.join(", ", BY_NAME.keySet()) + ")");
        }
        try {
            par.set().accept(p, value);
        } catch (IllegalArgumentException e) {
            throw new DseInputException(where + ": " + par.name() + ": " + e.getMessage());
        }
    }

    /** Checks the combination of values; throws naming the parameters that conflict. */
    public static void validate(DesignPoint p, String where) {
        if (p.levelList == null && !(p.gMin < p.gMax)) {
            throw new DseInputException(where + ": g_min (" + num(p.gMin) + ") must be below g_max (" + num(p.gMax) + ")");
        }
        if (p.bitsPerCell > 0 && p.weightBits == 0) {
            throw new DseInputException(where + ": bits_per_cell slices quantized weights; set weight_bits too");
        }
        if (p.inputBitsPerRead > 0 && p.dacBits == 0) {
            throw new DseInputException(where + ": input_bits_per_read slices quantized inputs; set dac_bits too");
        }
        if (p.bitsPerCell > 0 && p.bitsPerCell > p.weightBits + (p.encoding == DesignPoint.Encoding.OFFSET ? 1 : 0)) {
            throw new DseInputException(where + ": bits_per_cell (" + p.bitsPerCell + ") exceeds the weight's bits ("
                    + p.weightBits + ")");
        }
        if (p.inputBitsPerRead > p.dacBits) {
            throw new DseInputException(where + ": input_bits_per_read (" + p.inputBitsPerRead + ") exceeds dac_bits ("
                    + p.dacBits + ")");
        }
        if (p.stuckOn + p.stuckOff > 1) {
            throw new DseInputException(where + ": stuck_on + stuck_off exceed 1");
        }
        if (p.driftTime > 0 && p.driftTime < p.driftT0) {
            throw new DseInputException(where + ": drift_time (" + num(p.driftTime) + " s) is before drift_t0 (" + num(p.driftT0) + " s)");
        }
    }

    /** The canonical text of a point: every parameter as name=value, in order. */
    public static String canonical(DesignPoint p) {
        StringBuilder sb = new StringBuilder();
        for (Parameter par : BY_NAME.values()) {
            if (par.name().equals("stuck_at")) {
                continue;
            }
            sb.append(par.name()).append('=').append(par.get().apply(p)).append('\n');
        }
        return sb.toString();
    }

    static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E choice(Class<E> type, String v) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.trim().replace('-', '_'))) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + v + "' is not one of " + String.join(", ",
                Arrays.stream(type.getEnumConstants()).map(DesignParameters::word).toList()));
    }

    /** A number with full precision and no trailing noise. */
    public static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static double range(String v, double lo, double hi) {
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a number");
        }
        if (!Double.isFinite(d) || d < lo || d > hi) {
            throw new IllegalArgumentException(v.trim() + " is out of range [" + num(lo) + ", " + num(hi) + "]");
        }
        return d;
    }

    static int whole(String v, int lo, int hi) {
        double d = range(v, lo, hi);
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException(v.trim() + " is not a whole number");
        }
        return (int) d;
    }

    static boolean bool(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("yes") || s.equals("1")) {
            return true;
        }
        if (s.equals("false") || s.equals("no") || s.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException("'" + v + "' is not true or false");
    }

    static double[] levelList(String v) {
        if (v.isBlank()) {
            return null;
        }
        String[] parts = v.replace("[", "").replace("]", "").split("[,;\\s]+");
        double[] out = new double[parts.length];
        for (int k = 0; k < parts.length; k++) {
            out[k] = range(parts[k], 1e-12, 1);
        }
        Arrays.sort(out);
        if (out.length < 2 || out[0] == out[out.length - 1]) {
            throw new IllegalArgumentException("a level list needs at least two different conductances");
        }
        return out;
    }
}
