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

    /** {@code file:line} as used in error messages. */
    public String location() {
        return (file == null ? "<netlist>" : file.toString()) + ":" + line;
    }
}
