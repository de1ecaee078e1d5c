package org.memspice.spice.element;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/** All element factories on the class path, by netlist letter and keyword. */
public final class ElementRegistry {
    private final Map<String, ElementFactory> byLetter = new HashMap<>();
    private final Map<String, ElementFactory> byKeyword = new HashMap<>();
    /** byLetter for the ASCII letters, by lower-case character. */
    private final ElementFactory[] byAsciiLetter = new ElementFactory[128];
    /** byKeyword's entries as arrays, in the same order, for {@link #byKeyword}. */
    private String[] keywords = {};
    private ElementFactory[] keywordFactories = {};

    /** The factories found by {@link ServiceLoader} on the class path. */
    public static ElementRegistry loadDefault() {
        ElementRegistry r = new ElementRegistry();
        for (ElementFactory f : ServiceLoader.load(ElementFactory.class, ElementRegistry.class.getClassLoader())) {
            r.register(f);
        }
        return r;
    }

    public void register(ElementFactory factory) {
        for (String p : factory.prefixes()) {
            String key = p.toLowerCase(Locale.ROOT);
            Map<String, ElementFactory> target = key.length() == 1 ? byLetter : byKeyword;
            ElementFactory old = target.putIfAbsent(key, factory);
            if (old != null && old != factory) {
                throw new IllegalStateException("two factories claim netlist prefix '" + p + "': "
                        + old.getClass().getName() + " and " + factory.getClass().getName());
            }
            if (key.length() == 1 && key.charAt(0) < 128) {
                byAsciiLetter[key.charAt(0)] = factory;
            }
            if (key.length() > 1 && old == null) {
                keywords = java.util.Arrays.copyOf(keywords, keywords.length + 1);
                keywordFactories = java.util.Arrays.copyOf(keywordFactories, keywords.length);
                keywords[keywords.length - 1] = key;
                keywordFactories[keywords.length - 1] = factory;
            }
        }
    }

    /** Factory for a keyword such as {@code ymemristor}, or null. */
    public ElementFactory byKeyword(String firstWord) {
        return byKeyword(firstWord, 0, firstWord.length());
    }

    /** {@link #byKeyword(String)} of the word {@code text[start, end)}. */
    public ElementFactory byKeyword(String text, int start, int end) {
        // called for every element line: compare in place, without a lower-case copy or an
        // iterator (there are few keywords); regionMatches ignoring case is what equalsIgnoreCase does
        int n = end - start;
        for (int i = 0; i < keywords.length; i++) {
            if (keywords[i].length() == n && keywords[i].regionMatches(true, 0, text, start, n)) {
                return keywordFactories[i];
            }
        }
        return null;
    }

    /** Factory for an instance name by its first letter, or null. */
    public ElementFactory byLetter(String instanceName) {
        return byLetter(instanceName, 0);
    }

    /** {@link #byLetter(String)} of the name starting at {@code text[start]}. */
    public ElementFactory byLetter(String text, int start) {
        char c = text.charAt(start);
        if (c < 128) {
            return byAsciiLetter[Character.toLowerCase(c)];
        }
        return byLetter.get(text.substring(start, start + 1).toLowerCase(Locale.ROOT));
    }

    /** Letters and keywords known, for error messages. */
    public String known() {
        java.util.TreeSet<String> all = new java.util.TreeSet<>();
        byLetter.keySet().forEach(k -> all.add(k.toUpperCase(Locale.ROOT)));
        byKeyword.keySet().forEach(k -> all.add(k.toUpperCase(Locale.ROOT)));
        return String.join(" ", all);
    }
}
