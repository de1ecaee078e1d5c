package org.memspice.spice.analysis;

/** Told how far a long analysis has come. */
public interface Progress {
    /** No reporting. */
    Progress NONE = (analysis, fraction) -> { };

    /** {@code fraction} in [0, 1] of {@code analysis} ("tran", "dc") is done. */
    void update(String analysis, double fraction);
}
