package org.memspice.dse.sweep;

import org.memspice.dse.DesignParameters;
import org.memspice.dse.DesignPoint;

/**
 * The parameters a sweep's points vary, by the configuration's {@code task}: {@link #DESIGN}
 * ({@code dse}: {@link DesignParameters} of a {@link DesignPoint}) or
 * {@link TrainingParameters#SPACE} ({@code train}: a {@link TrainingPoint}). {@link SweepConfig},
 * {@link SweepPoint} and {@link SweepCsv} read and write points only through it, so both kinds of
 * sweep share one grammar, one store and one runner.
 */
public interface ParameterSpace {
    /** The configuration's {@code task} word. */
    String task();

    /** A point with every parameter at its default. */
    Object create();

    /** The parameter's own name ({@code name} with dashes or underscores), or null when there is none. */
    String find(String name);

    /** Sets a parameter from text; a bad name or value throws {@link org.memspice.dse.DseInputException} naming {@code where}. */
    void set(Object point, String name, String value, String where);

    /** A parameter's value as text. */
    String get(Object point, String name);

    /** Checks the combination of values; throws naming {@code where}. */
    void validate(Object point, String where);

    /** Every parameter as name=value lines: what a point's key is computed from and what travels to cluster members. */
    String canonical(Object point);

    /** Whether the point uses the parameter at all. */
    boolean usedAt(String name, Object point);

    /** Why a point that does not use {@code name} ignores it. */
    String whyUnused(String name);

    long seed(Object point);

    void seed(Object point, long seed);

    /** Where the parameters are documented (for errors). */
    String documentation();

    /** The design-space parameters. */
    ParameterSpace DESIGN = new ParameterSpace() {
        @Override
        public String task() {
            return "dse";
        }

        @Override
        public Object create() {
            return new DesignPoint();
        }

        @Override
        public String find(String name) {
            DesignParameters.Parameter p = DesignParameters.find(name);
            return p == null ? null : p.name();
        }

        @Override
        public void set(Object point, String name, String value, String where) {
            DesignParameters.set((DesignPoint) point, name, value, where);
        }

        @Override
        public String get(Object point, String name) {
            return DesignParameters.find(name).get().apply((DesignPoint) point);
        }

        @Override
        public void validate(Object point, String where) {
            DesignParameters.validate((DesignPoint) point, where);
        }

        @Override
        public String canonical(Object point) {
            return DesignParameters.canonical((DesignPoint) point);
        }

        @Override
        public boolean usedAt(String name, Object point) {
            return DesignParameters.usedAt(name, (DesignPoint) point);
        }

        @Override
        public String whyUnused(String name) {
            return DesignParameters.whyUnused(name);
        }

        @Override
        public long seed(Object point) {
            return ((DesignPoint) point).seed;
        }

        @Override
        public void seed(Object point, long seed) {
            ((DesignPoint) point).seed = seed;
        }

        @Override
        public String documentation() {
            return "see rram-dse/README.md";
        }
    };
}
