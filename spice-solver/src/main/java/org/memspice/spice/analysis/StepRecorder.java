package org.memspice.spice.analysis;

/**
 * Observes a transient run's accepted steps: what a sensitivity analysis records to replay the
 * run (the same step sizes, orders and formula) and to run its adjoint backward over it.
 */
public interface StepRecorder {
    /**
     * One accepted step: the time its Newton solve used ({@code solvedAt} = previous time +
     * {@code step}), the accepted time ({@code time}, equal to solvedAt but for a landing on a
     * breakpoint), the step, the step before it (what variable-step Gear-2 reads), the order
     * (1 backward Euler; 2 the run's method), and whether it was the first step (no predictor).
     */
    record Step(double solvedAt, double time, double step, double previousStep, int order, boolean first) {
    }

    StepRecorder NONE = new StepRecorder() {
        @Override
        public void start(double[] x) {
        }

        @Override
        public void accepted(Step step, double[] x) {
        }
    };

    /** The initial point (operating point or UIC values), after the states at t = 0 were recorded. */
    void start(double[] x);

    /** An accepted step and its solution (the array is the engine's: copy what you keep). */
    void accepted(Step step, double[] x);
}
