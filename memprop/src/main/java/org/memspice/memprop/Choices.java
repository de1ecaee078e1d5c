package org.memspice.memprop;

import java.util.Locale;
import java.util.StringJoiner;

/** Enum constants as command-line words: lower case, hyphens for underscores ({@code CE_SUM} is {@code ce-sum}). */
public final class Choices {
    private Choices() {
    }

    /** The word of a constant. */
    public static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant whose word is {@code s} (any case).
     *
     * @throws IllegalArgumentException naming what was asked for and the words there are
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String s, String what) {
        StringJoiner known = new StringJoiner(", ");
        for (E e : type.getEnumConstants()) {
            if (word(e).equalsIgnoreCase(s == null ? "" : s.trim())) {
                return e;
            }
            known.add(word(e));
        }
        throw new IllegalArgumentException("unknown " + what + " '" + s + "' (" + known + ")");
    }
}
