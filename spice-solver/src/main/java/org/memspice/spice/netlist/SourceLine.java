package org.memspice.spice.netlist;

import java.nio.file.Path;

/**
 * One logical netlist line (continuations joined, comments removed) with where it came from,
 * so that every error can name {@code file:line}.
 */
public record SourceLine(Path file, int line, String text) {
    /** The first word of the line, lower-cased (the card keyword or element name). */
    public String keyword() {
        int end = 0;
        int n = text.length();
        while (end < n && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return text.substring(0, end).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * True when the line is a dot card ({@code .param}, {@code .tran} ...): its {@link #keyword()}
     * starts with a dot. Cheaper than the keyword, which element lines do not need.
     */
    public boolean isDotCard() {
        return !text.isEmpty() && text.charAt(0) == '.';
    }

    /** True when the line's first word starts with {@code c} (ignoring case; {@code c} lower case). */
    public boolean startsWithLetter(char c) {
        return !text.isEmpty() && Character.toLowerCase(text.charAt(0)) == c;
    }

    /** {@code file:line} as used in error messages. */
    public String location() {
        return (file == null ? "<netlist>" : file.toString()) + ":" + line;
    }
}
