package org.memspice.spice.linalg;

/** The matrix has no usable pivot in one column; {@code unknown} is that column (0-based). */
public final class SingularMatrixException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int unknown;

    public SingularMatrixException(int unknown) {
        super("singular matrix at unknown " + unknown);
        this.unknown = unknown;
    }

    /** 0-based matrix column that had no pivot. */
    public int unknown() {
        return unknown;
    }
}
