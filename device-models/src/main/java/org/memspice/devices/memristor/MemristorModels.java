package org.memspice.devices.memristor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The memristor model registry: every {@link MemristorModelProvider} on the class path, found
 * by {@link ServiceLoader}, by name, alias and LEVEL. The built-in ones: 1 hp (linear ion drift),
 * 2 team (as Xyce), 3 yakopcic (as Xyce), 5 vteam, 6 stanford_pku, 7 threshold (volatile
 * threshold switch), 8 cbram (the binary stochastic CBRAM).
 */
public final class MemristorModels {
    private MemristorModels() {
    }

    /**
     * The continuous models' names, as a compile-time constant for option descriptions (picocli
     * annotations need one); a test keeps it equal to {@link #kinds()} without the stochastic ones.
     */
    public static final String KINDS = "hp, team, yakopcic, vteam, stanford_pku, threshold";

    private static final class Registry {
        static final List<MemristorModelProvider> PROVIDERS;
        static final Map<String, MemristorModelProvider> BY_NAME = new HashMap<>();
        static final Map<Integer, MemristorModelProvider> BY_LEVEL = new HashMap<>();

        static {
            List<MemristorModelProvider> all = new ArrayList<>();
            for (MemristorModelProvider p : ServiceLoader.load(MemristorModelProvider.class,
                    MemristorModels.class.getClassLoader())) {
                all.add(p);
            }
            all.sort((a, b) -> Integer.compare(a.level() == 0 ? Integer.MAX_VALUE : a.level(),
                    b.level() == 0 ? Integer.MAX_VALUE : b.level()));
            for (MemristorModelProvider p : all) {
                register(BY_NAME, p.name(), p);
                for (String alias : p.aliases()) {
                    register(BY_NAME, alias, p);
                }
                if (p.level() != 0 && BY_LEVEL.putIfAbsent(p.level(), p) != null) {
                    throw new IllegalStateException("two memristor models claim LEVEL=" + p.level());
                }
            }
            PROVIDERS = Collections.unmodifiableList(all);
        }

        private static void register(Map<String, MemristorModelProvider> map, String name, MemristorModelProvider p) {
            MemristorModelProvider old = map.putIfAbsent(name.toLowerCase(Locale.ROOT), p);
            if (old != null && old != p) {
                throw new IllegalStateException("two memristor models claim the name '" + name + "'");
            }
        }
    }

    /** Every registered provider, by LEVEL. */
    public static List<MemristorModelProvider> providers() {
        return Registry.PROVIDERS;
    }

    /** The registered model names, by LEVEL, comma separated (for messages). */
    public static String kinds() {
        return Registry.PROVIDERS.stream().map(MemristorModelProvider::name).collect(Collectors.joining(", "));
    }

    /** The LEVELs and their models, as "1 hp, 2 team, ..." (for messages). */
    public static String levels() {
        return Registry.PROVIDERS.stream().filter(p -> p.level() != 0).map(p -> p.level() + " " + p.name())
                .collect(Collectors.joining(", "));
    }

    /** The provider of a model name or alias, or null. */
    public static MemristorModelProvider provider(String kind) {
        return Registry.BY_NAME.get(kind.toLowerCase(Locale.ROOT));
    }

    public static String kindOfLevel(int level) {
        MemristorModelProvider p = Registry.BY_LEVEL.get(level);
        if (p == null) {
            throw new IllegalArgumentException("no memristor LEVEL=" + level + " (" + levels() + ")");
        }
        return p.name();
    }

    /** The model {@code kind} with parameters {@code given} over its defaults. */
    public static MemristorModel create(String kind, Map<String, Double> given) {
        MemristorModelProvider p = provider(kind);
        if (p == null) {
            throw new IllegalArgumentException("unknown memristor model '" + kind + "'; known: " + kinds());
        }
        return p.create(new HashMap<>(given));
    }

    /** The same model with one parameter changed (every other parameter as it is now). */
    public static MemristorModel withParameter(MemristorModel model, String name, double value) {
        Map<String, Double> p = new HashMap<>(model.parameters());
        if (!p.containsKey(name)) {
            throw new IllegalArgumentException("memristor model " + model.kind() + " has no parameter '" + name
                    + "'; known: " + String.join(" ", new java.util.TreeSet<>(p.keySet())));
        }
        p.put(name, value);
        return create(model.kind(), p);
    }
}
