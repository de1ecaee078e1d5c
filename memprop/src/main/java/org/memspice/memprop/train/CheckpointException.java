package org.memspice.memprop.train;

/** A checkpoint that cannot be used: missing, truncated, corrupted, or made by another kind of run. */
public final class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }
}
