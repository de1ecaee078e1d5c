package org.memspice.devices.programming;

import java.util.SplittableRandom;

/**
 * Device-to-device spread of a device property: per-device factors 1 + σ·N(0, 1), truncated to
 * [0.5, 1.5] (as the cycle-to-cycle variation of the solver's memristors is), from a seeded source
 * so that the same seed gives the same devices.
 */
public final class DeviceSpread {
    private DeviceSpread() {
    }

    /** Fills {@code out} with factors of relative spread sigma (all 1 when sigma is 0). */
    public static void factors(double sigma, SplittableRandom random, double[] out) {
        if (!(sigma >= 0) || sigma > 1) {
            throw new IllegalArgumentException("device spread sigma must be in [0, 1], got " + sigma);
        }
        for (int k = 0; k < out.length; k++) {
            out[k] = sigma == 0 ? 1 : Math.max(0.5, Math.min(1.5, 1 + sigma * gaussian(random)));
        }
    }

    /** A standard normal draw (Box-Muller) from the seeded source. */
    public static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double w = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }
}
