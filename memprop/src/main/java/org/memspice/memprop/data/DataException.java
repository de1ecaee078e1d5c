package org.memspice.memprop.data;

/** A data file that is missing, truncated or not what it claims to be; the message names the file. */
public final class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
