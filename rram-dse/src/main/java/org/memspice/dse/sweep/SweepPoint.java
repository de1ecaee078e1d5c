package org.memspice.dse.sweep;

import org.memspice.dse.DesignPoint;

/**
 * One point of a sweep: its place in the sweep's order, its key (a digest of everything that
 * determines its result: every parameter, the seed, the network's files, the data set and the
 * images), the {@code each} axis it varies (empty when none), and the design point itself.
 */
public record SweepPoint(int index, String key, String varied, DesignPoint point) {
}
