package org.memspice.cluster;

/**
 * A cluster setting the user can fix, in one line naming the address, option or file:line: an
 * unknown host, a port in use, a member that cannot be reached or that refused this one (its
 * cluster name or secret differs), a missing secret. The command line exits with 2.
 */
public final class ClusterInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClusterInputException(String message) {
        super(message);
    }
}
