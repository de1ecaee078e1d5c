package org.memspice.devices.solver;

import java.util.SplittableRandom;

/**
 * Cycle-to-cycle variation of a memristor's switching limits (for the Stanford-PKU model, the
 * gap it reaches on SET and on RESET; Guan, Yu and Wong, IEEE EDL 33(10), 2012, model such
 * variation of the gap). A new cycle starts when the device voltage crosses ±{@code switchVoltage}
 * with the opposite sign to the last cycle; the limit that cycle switches toward is then drawn as
 * nominal·(1 + σ·N(0,1)), truncated to [0.5, 1.5]·nominal and to the model's own range. Draws come
 * from a {@link SplittableRandom} seeded per device, so a run repeats exactly.
 */
final class CycleVariation {
    private final double sigma;
    private final double switchVoltage;
    private final SplittableRandom random;
    private int lastSign;

    CycleVariation(double sigma, double switchVoltage, long seed) {
        this.sigma = sigma;
        this.switchVoltage = switchVoltage;
        this.random = new SplittableRandom(seed);
    }

    /** +1 or −1 when a new cycle of that polarity starts at device voltage v, else 0. */
    int newCycle(double v) {
        int sign = v > switchVoltage ? 1 : v < -switchVoltage ? -1 : 0;
        if (sign != 0 && sign != lastSign) {
            lastSign = sign;
            return sign;
        }
        return 0;
    }

    /** A varied value of {@code nominal}, kept within [lo, hi]. */
    double draw(double nominal, double lo, double hi) {
        double factor = Math.max(0.5, Math.min(1.5, 1 + sigma * gaussian()));
        return Math.max(lo, Math.min(hi, nominal * factor));
    }

    private double gaussian() {
        return org.memspice.devices.programming.DeviceSpread.gaussian(random);
    }
}
