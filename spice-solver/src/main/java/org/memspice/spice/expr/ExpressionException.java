package org.memspice.spice.expr;

/** A syntax error or unknown name in an expression; {@code column} is 0-based within the expression text. */
public final class ExpressionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int column;

    public ExpressionException(String message, int column) {
        super(message);
        this.column = column;
    }

    public int column() {
        return column;
    }
}
