package org.memspice.devices.memristor;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Creates memristor models by name or by LEVEL: 1 hp (linear ion drift), 2 team (as Xyce),
 * 3 yakopcic (as Xyce), 5 vteam, 6 stanford_pku, 7 threshold (volatile threshold switch). The
 * stochastic CBRAM (model=cbram, LEVEL=8) is binary and lives in
 * {@link org.memspice.devices.stochastic.StochasticCbram}.
 */
public final class MemristorModels {
    private MemristorModels() {
    }

    /** Kind names accepted by {@link #create}. */
    public static final String KINDS = "hp, team, yakopcic, vteam, stanford_pku, threshold";

    public static String kindOfLevel(int level) {
        switch (level) {
            case 1: return "hp";
            case 2: return "team";
            case 3: return "yakopcic";
            case 5: return "vteam";
            case 6: return "stanford_pku";
            case 7: return "threshold";
            default:
                throw new IllegalArgumentException("no memristor LEVEL=" + level
                        + " (1 hp, 2 team, 3 yakopcic, 5 vteam, 6 stanford_pku, 7 threshold)");
        }
    }

    /** The model {@code kind} with parameters {@code given} over its defaults. */
    public static MemristorModel create(String kind, Map<String, Double> given) {
        Map<String, Double> p = new HashMap<>(given);
        switch (kind.toLowerCase(Locale.ROOT)) {
            case "hp":
            case "linear_ion_drift":
                return new LinearIonDrift(p);
            case "yakopcic":
                return new Yakopcic(p);
            case "team":
                return ThresholdAdaptive.team(p);
            case "vteam":
                return ThresholdAdaptive.vteam(p);
            case "stanford_pku":
            case "stanford":
                return new StanfordPku(p);
            case "threshold":
                return new VolatileThresholdSwitch(p);
            default:
                throw new IllegalArgumentException("unknown memristor model '" + kind + "'; known: " + KINDS);
        }
    }
}
