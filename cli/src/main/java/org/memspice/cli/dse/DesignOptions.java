package org.memspice.cli.dse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.memspice.dse.DesignParameters;
import org.memspice.dse.DesignPoint;
import picocli.CommandLine.Option;

/**
 * The design-point options of {@code memspice dse infer}: the common ones by name, every other
 * parameter of {@link DesignParameters} through {@code --set NAME=VALUE}. Each value is checked
 * where it is read; a bad one exits with 2 naming the option.
 */
public final class DesignOptions {
    @Option(names = "--tile", paramLabel = "RxC", description = "tile rows x columns, 16-512 (default 128x128)")
    String tile;

    @Option(names = "--scheme", description = "dense or sparse (default dense)")
    String scheme;

    @Option(names = "--encoding", description = "differential or offset (default differential)")
    String encoding;

    @Option(names = "--cells", paramLabel = "KIND", description = "conductance, 1t1r (default; both linear), MODEL or"
            + " 1t1r:MODEL (nonlinear: hp, team, yakopcic, vteam, stanford_pku)")
    String cells;

    @Option(names = "--ideal-lines", description = "no wire, driver or sense resistance")
    boolean idealLines;

    @Option(names = "--wire", description = "wire resistance per cell segment, ohm (default 1)")
    String wire;

    @Option(names = "--levels", description = "conductance states (0: continuous; default 0)")
    String levels;

    @Option(names = "--weight-bits", description = "weight magnitude bits (0: analog; default 0)")
    String weightBits;

    @Option(names = "--bits-per-cell", description = "weight bits per cell, bit slicing (0: all in one; default 0)")
    String bitsPerCell;

    @Option(names = "--dac-bits", description = "input DAC bits (0: ideal; default 0)")
    String dacBits;

    @Option(names = "--input-bits-per-read", description = "input bits per read, bit slicing (0: all at once)")
    String inputBitsPerRead;

    @Option(names = "--adc-bits", description = "per-tile ADC bits (0: ideal; default 0)")
    String adcBits;

    @Option(names = "--adc-range", description = "linear, minmax (default) or calibrated")
    String adcRange;

    @Option(names = "--device-variation", paramLabel = "SIGMA", description = "device-to-device spread (0-1)")
    String deviceVariation;

    @Option(names = "--cycle-variation", paramLabel = "SIGMA", description = "cycle-to-cycle programming noise (0-1)")
    String cycleVariation;

    @Option(names = "--stuck-at", paramLabel = "RATE", description = "share of stuck devices, half on, half off (0-1)")
    String stuckAt;

    @Option(names = "--drift-time", paramLabel = "S", description = "seconds of conductance drift after programming")
    String driftTime;

    @Option(names = "--retention-time", paramLabel = "S", description = "seconds of retention loss after programming")
    String retentionTime;

    @Option(names = "--endurance-cycles", description = "write cycles the devices saw before programming")
    String enduranceCycles;

    @Option(names = "--seed", description = "seed of every random draw (default 1)")
    String seed;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "any other design parameter (see rram-dse/README.md)")
    Map<String, String> set = new LinkedHashMap<>();

    /** The point these options describe (defaults elsewhere). */
    DesignPoint point() {
        DesignPoint p = new DesignPoint();
        Map<String, String> given = new LinkedHashMap<>();
        put(given, "tile", tile);
        put(given, "scheme", scheme);
        put(given, "encoding", encoding);
        put(given, "cells", cells);
        put(given, "ideal_lines", idealLines ? "true" : null);
        put(given, "wire", wire);
        put(given, "levels", levels);
        put(given, "weight_bits", weightBits);
        put(given, "bits_per_cell", bitsPerCell);
        put(given, "dac_bits", dacBits);
        put(given, "input_bits_per_read", inputBitsPerRead);
        put(given, "adc_bits", adcBits);
        put(given, "adc_range", adcRange);
        put(given, "device_variation", deviceVariation);
        put(given, "cycle_variation", cycleVariation);
        put(given, "stuck_at", stuckAt);
        put(given, "drift_time", driftTime);
        put(given, "retention_time", retentionTime);
        put(given, "endurance_cycles", enduranceCycles);
        put(given, "seed", seed);
        given.forEach((k, v) -> DesignParameters.set(p, k, v, "--" + k.replace('_', '-')));
        set.forEach((k, v) -> DesignParameters.set(p, k, v, "--set " + k));
        DesignParameters.validate(p, "options");
        java.util.List<String> unused = DesignParameters.unused(p);
        if (!unused.isEmpty()) {
            String name = unused.get(0);
            throw new org.memspice.dse.DseInputException((given.containsKey(name) ? "--" + name.replace('_', '-')
                    : "--set " + name) + ": changes nothing at this design point (" + DesignParameters.whyUnused(name) + ")");
        }
        return p;
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
