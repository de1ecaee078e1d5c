package org.memspice.dse.sweep;

import org.memspice.dse.DesignParameters;
import org.memspice.dse.DesignPoint;

/**
 * One point of a sweep: its place in the sweep's order, its key (a digest of everything that
 * determines its result: every parameter, the seed, the network's files, the data set and the
 * images), the {@code each} axis it varies (empty when none), and the design point itself.
 * {@link #canonical} and {@link #restore} carry a point to another machine as the same text its
 * key is computed from.
 */
public record SweepPoint(int index, String key, String varied, DesignPoint point) {

    /** Every parameter of the point as name=value lines ({@link DesignParameters#canonical}). */
    public String canonical() {
        return DesignParameters.canonical(point);
    }

    /**
     * The point {@link #canonical} described. Throws {@link IllegalArgumentException} when the text
     * does not give back the same point (a memspice with other parameters wrote it).
     */
    public static SweepPoint restore(int index, String key, String varied, String canonical) {
        DesignPoint p = new DesignPoint();
        for (String line : canonical.split("\n")) {
            int eq = line.indexOf('=');
            if (line.isEmpty()) {
                continue;
            }
            if (eq < 0) {
                throw new IllegalArgumentException("point " + key + ": '" + line + "' is not name=value");
            }
            DesignParameters.set(p, line.substring(0, eq), line.substring(eq + 1), "point " + key);
        }
        if (!DesignParameters.canonical(p).equals(canonical)) {
            throw new IllegalArgumentException("point " + key + " does not read back as written (different memspice versions?)");
        }
        return new SweepPoint(index, key, varied, p);
    }
}
