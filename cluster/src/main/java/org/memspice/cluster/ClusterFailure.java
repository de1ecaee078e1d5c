package org.memspice.cluster;

/**
 * A sweep the cluster could not finish: this member was shut out of the cluster, or a point took
 * every member that ran it down with it. The points finished until then are stored; the command
 * line exits with 3.
 */
public final class ClusterFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClusterFailure(String message) {
        super(message);
    }
}
