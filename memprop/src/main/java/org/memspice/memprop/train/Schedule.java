package org.memspice.memprop.train;


/**
 * Learning rate over training: constant, cosine (from lr down to lr·floor over all updates, with
 * an optional linear warm-up), or step (× gamma every {@code every} epochs).
 */
public record Schedule(Kind kind, double lr, double floor, double gamma, int every, int warmup) {
    public enum Kind {
        CONSTANT, COSINE, STEP;

        public String option() {
            return org.memspice.memprop.Choices.word(this);
        }

        public static Kind parse(String s) {
            return org.memspice.memprop.Choices.parse(Kind.class, s, "schedule");
        }
    }

    public Schedule {
        if (!(lr > 0 && lr <= 10)) {
            throw new IllegalArgumentException("--lr must be in (0, 10], got " + lr);
        }
        if (!(floor >= 0 && floor <= 1)) {
            throw new IllegalArgumentException("the cosine floor must be in [0, 1], got " + floor);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("--lr-gamma must be in (0, 1], got " + gamma);
        }
        if (every < 1) {
            throw new IllegalArgumentException("--lr-every must be at least 1 epoch, got " + every);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be >= 0 updates, got " + warmup);
        }
    }

    /** The learning rate of update u (0-based) of epoch e, with perEpoch updates per epoch and epochs in all. */
    public double at(long u, int e, long perEpoch, int epochs) {
        double base;
        switch (kind) {
            case COSINE: {
                double total = Math.max(1, perEpoch * (long) epochs);
                double f = Math.min(1, u / total);
                base = lr * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * f)));
                break;
            }
            case STEP:
                base = lr * Math.pow(gamma, e / every);
                break;
            default:
                base = lr;
        }
        return warmup > 0 && u < warmup ? base * (u + 1) / warmup : base;
    }
}
