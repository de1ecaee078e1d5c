package org.memspice.spice.element;

/** An element that bounds the next transient step by its own accuracy needs beyond charge LTE. */
public interface TimestepLimiter {
    /** Largest acceptable next step after an accepted point at {@code ctx.time()}. */
    double maxStep(LoadContext ctx);
}
