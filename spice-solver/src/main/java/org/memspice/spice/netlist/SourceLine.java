package org.memspice.spice.netlist;

import java.nio.file.Path;

/**
 * One logical netlist line (continuations joined, comments removed) with where it came from,
 * so that every error can name {@code file:line}.
 */
public record SourceLine(Path file, int line, String text) {
    /** {@code file:line} as used in error messages. */
    public String location() {
        return (file == null ? "<netlist>" : file.toString()) + ":" + line;
    }
}
