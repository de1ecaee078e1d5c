package org.memspice.dse.hw;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.memspice.dse.DesignPoint;
import org.memspice.devices.programming.DeviceSpread;

/**
 * The non-idealities of programmed devices as seeded transforms of a tile's conductances,
 * composed in the order things happen to a device: programming (write-and-verify through a device
 * model within each device's endurance, {@link WriteVerify}, or else the window an endurance-worn
 * device still has), cycle-to-cycle programming noise, device-to-device spread, stuck-at faults,
 * then drift and retention loss over time. Each transform draws from its own stream, seeded by
 * (seed, layer, tile, transform), so enabling one never changes another's draws and results do
 * not depend on the order tiles are built in. Only formed cells are touched.
 */
public final class Transforms {
    /** One transform of the formed cells of a tile. */
    public interface Transform {
        String name();

        void apply(TileConductances t, SplittableRandom random);
    }

    private Transforms() {
    }

    /** The transforms a design point enables, in order. */
    public static List<Transform> of(DesignPoint p) {
        List<Transform> out = new ArrayList<>();
        double lo = p.lowConductance();
        double hi = p.highConductance();
        if (!p.writeVerify.equals("none")) {
            WriteVerify wv = new WriteVerify(p);
            out.add(transform("write_verify", (t, r) -> wv.program(t, lo, hi, r)));
        } else if (p.enduranceCycles > p.enduranceLimit && p.enduranceLoss > 0) {
            double lost = Math.min(1, p.enduranceLoss * Math.log10(p.enduranceCycles / p.enduranceLimit));
            double low = lo + 0.5 * lost * (hi - lo);
            double high = hi - 0.5 * lost * (hi - lo);
            out.add(transform("endurance", (t, r) -> {
                for (int k = 0; k < t.g.length; k++) {
                    if (t.formed[k]) {
                        t.g[k] = Math.max(low, Math.min(high, t.g[k]));
                    }
                }
            }));
        }
        if (p.cycleVariation > 0) {
            double sigma = p.cycleVariation * (hi - lo);
            out.add(transform("cycle_variation", (t, r) -> {
                for (int k = 0; k < t.g.length; k++) {
                    if (t.formed[k]) {
                        t.g[k] = Math.max(0, t.g[k] + sigma * DeviceSpread.gaussian(r));
                    }
                }
            }));
        }
        if (p.deviceVariation > 0) {
            out.add(transform("device_variation", (t, r) -> {
                double[] f = new double[t.g.length];
                DeviceSpread.factors(p.deviceVariation, r, f);
                for (int k = 0; k < t.g.length; k++) {
                    if (t.formed[k]) {
                        t.g[k] *= f[k];
                    }
                }
            }));
        }
        if (p.stuckOn > 0 || p.stuckOff > 0) {
            out.add(transform("stuck_at", (t, r) -> {
                for (int k = 0; k < t.g.length; k++) {
                    double u = r.nextDouble();
                    if (t.formed[k]) {
                        if (u < p.stuckOn) {
                            t.g[k] = hi;
                        } else if (u < p.stuckOn + p.stuckOff) {
                            t.g[k] = lo;
                        }
                    }
                }
            }));
        }
        if (p.driftTime > 0 && p.driftNu > 0) {
            double logRatio = Math.log(p.driftTime / p.driftT0);
            out.add(transform("drift", (t, r) -> {
                double[] nu = new double[t.g.length];
                DeviceSpread.factors(p.driftNuSpread, r, nu);
                for (int k = 0; k < t.g.length; k++) {
                    if (t.formed[k]) {
                        t.g[k] *= Math.exp(-p.driftNu * nu[k] * logRatio);
                    }
                }
            }));
        }
        if (p.retentionTime > 0) {
            double keep = Math.exp(-Math.pow(p.retentionTime / p.retentionTau, p.retentionBeta));
            out.add(transform("retention", (t, r) -> {
                for (int k = 0; k < t.g.length; k++) {
                    if (t.formed[k]) {
                        t.g[k] = lo + (t.g[k] - lo) * keep;
                    }
                }
            }));
        }
        return out;
    }

    /** Applies every transform to tile {@code tile} of layer {@code layer}. */
    public static void apply(List<Transform> transforms, TileConductances t, long seed, int layer, int tile) {
        for (int k = 0; k < transforms.size(); k++) {
            transforms.get(k).apply(t, new SplittableRandom(mix(seed, layer, tile, k)));
        }
    }

    /** A well-spread stream seed from the point's seed and the indices. */
    static long mix(long seed, int layer, int tile, int transform) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h ^= (layer + 1) * 0xC2B2AE3D27D4EB4FL;
        h = Long.rotateLeft(h, 31) * 0x165667B19E3779F9L;
        h ^= (tile + 1) * 0x27D4EB2F165667C5L;
        h = Long.rotateLeft(h, 27) * 0x9E3779B97F4A7C15L;
        h ^= (transform + 1) * 0x94D049BB133111EBL;
        return h ^ (h >>> 29);
    }

    private static Transform transform(String name, java.util.function.BiConsumer<TileConductances, SplittableRandom> body) {
        return new Transform() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void apply(TileConductances t, SplittableRandom random) {
                body.accept(t, random);
            }
        };
    }
}
