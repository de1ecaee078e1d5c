package org.memspice.dse.sweep;

import org.memspice.dse.DesignPoint;

/**
 * One point of a sweep: its place in the sweep's order, its key (a digest of everything that
 * determines its result: every parameter, the seed, the network's files or the training data, the
 * data set and the images), the {@code each} axis it varies (empty when none), and its values: a
 * {@link DesignPoint} (a design-space sweep) or a {@link TrainingPoint} (a training sweep).
 * {@link #canonical} and {@link #restore} carry a point to another machine as the same text its
 * key is computed from.
 */
public record SweepPoint(int index, String key, String varied, Object values) {
    public SweepPoint {
        if (!(values instanceof DesignPoint) && !(values instanceof TrainingPoint)) {
            throw new IllegalArgumentException("a sweep point is a DesignPoint or a TrainingPoint");
        }
    }

    /** The parameters the point's values are made of. */
    public ParameterSpace space() {
        return values instanceof TrainingPoint ? TrainingParameters.SPACE : ParameterSpace.DESIGN;
    }

    /** The design point of a design-space sweep's point. */
    public DesignPoint point() {
        if (values instanceof DesignPoint p) {
            return p;
        }
        throw new IllegalStateException("point " + key + " is a training run, not a design point");
    }

    /** The training run of a training sweep's point. */
    public TrainingPoint training() {
        if (values instanceof TrainingPoint p) {
            return p;
        }
        throw new IllegalStateException("point " + key + " is a design point, not a training run");
    }

    /** A parameter's value as text. */
    public String value(String parameter) {
        return space().get(values, parameter);
    }

    public long seed() {
        return space().seed(values);
    }

    /** Every parameter of the point as name=value lines ({@link ParameterSpace#canonical}). */
    public String canonical() {
        return space().canonical(values);
    }

    /**
     * The point {@link #canonical} described. Throws {@link IllegalArgumentException} when the text
     * does not give back the same point (a memspice with other parameters wrote it).
     */
    public static SweepPoint restore(int index, String key, String varied, String canonical) {
        ParameterSpace space = canonical.startsWith(TrainingParameters.HEADER) ? TrainingParameters.SPACE : ParameterSpace.DESIGN;
        Object p;
        if (space == TrainingParameters.SPACE) {
            p = TrainingParameters.restore(canonical, "point " + key);
        } else {
            p = space.create();
            for (String line : canonical.split("\n")) {
                int eq = line.indexOf('=');
                if (line.isEmpty()) {
                    continue;
                }
                if (eq < 0) {
                    throw new IllegalArgumentException("point " + key + ": '" + line + "' is not name=value");
                }
                space.set(p, line.substring(0, eq), line.substring(eq + 1), "point " + key);
            }
        }
        if (!space.canonical(p).equals(canonical)) {
            throw new IllegalArgumentException("point " + key + " does not read back as written (different memspice versions?)");
        }
        return new SweepPoint(index, key, varied, p);
    }
}
