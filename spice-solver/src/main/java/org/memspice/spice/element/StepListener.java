package org.memspice.spice.element;

/**
 * An element told about every accepted transient point, for state that changes between points
 * rather than within Newton iterations (a random draw per switching cycle, an event counter).
 */
public interface StepListener {
    /** Called once per accepted point with its solution; {@code ctx.time()} is the point's time. */
    void accepted(LoadContext ctx, double[] x);
}
