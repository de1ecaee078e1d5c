package org.memspice.crossbar;

/**
 * Which end(s) of a line are connected to its driver or sense circuit: for rows NEAR is column 0
 * (the left end) and FAR column N−1; for columns NEAR is row M−1 (the bottom, where the
 * reference crossbar reads) and FAR row 0.
 */
public enum Ends {
    NEAR, FAR, BOTH;

    boolean near() {
        return this != FAR;
    }

    boolean far() {
        return this != NEAR;
    }
}
