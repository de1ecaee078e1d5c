package org.memspice.spice.netlist;

/** A netlist error the user can fix; its message starts with {@code file:line[:column]:}. */
public final class NetlistException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NetlistException(SourceLine line, String message) {
        super(line.location() + ": " + message);
    }

    public NetlistException(SourceLine line, int column, String message) {
        super(line.location() + ":" + (column + 1) + ": " + message);
    }

    public NetlistException(String message) {
        super(message);
    }
}
