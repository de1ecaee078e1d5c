package org.memspice.dse.stochastic;

import java.util.List;
import java.util.SplittableRandom;
import org.memspice.dse.net.OuterProduct;
import org.memspice.dse.net.PlainNetwork;
import org.memspice.dse.net.Weighted;

/**
 * The weight gradient δ·xᵀ of every layer computed with CBRAM bit streams instead of
 * floating-point multiplies. Each weighted layer owns K input devices and N error devices of a
 * {@link CbramBank} (one stochastic number generator per operand; a convolution reuses them at
 * every position, one position after another). Per sample and position:
 *
 * <ul>
 * <li>{@link Coding#SIGN_MAGNITUDE} (default): δ and x are scaled by powers of two s_δ, s_x (the
 * smallest at or above their largest magnitudes, so the later rescaling is a shift), each nonzero
 * magnitude |v|/s becomes a unipolar stream of L bits on its device, and each product is the
 * count of an AND gate's ones with the XOR of the two signs: δ_o·x_i ≈ ±count·s_δ·s_x/L. A zero
 * operand applies no pulse, so its stream is all zeros and its products are exactly 0.</li>
 * <li>{@link Coding#BIPOLAR}: v/s in [−1, 1] becomes a stream of probability (1 + v/s)/2 and the
 * product is an XNOR gate's: δ_o·x_i ≈ (2·count − L)·s_δ·s_x/L (every operand, zeros included,
 * needs its stream, and the variance is larger).</li>
 * </ul>
 *
 * The counts of a minibatch are summed by the trainer's gradient (one counter per weight). Random
 * draws are keyed by (seed, epoch, place in the epoch), so results do not depend on threads.
 */
public final class StochasticProduct implements OuterProduct {
    /** How signed values are coded into streams. */
    public enum Coding {
        SIGN_MAGNITUDE, BIPOLAR;

        public static Coding parse(String s) {
            return switch (s) {
                case "sign-magnitude" -> SIGN_MAGNITUDE;
                case "bipolar" -> BIPOLAR;
                default -> throw new IllegalArgumentException("coding must be sign-magnitude or bipolar, got '" + s + "'");
            };
        }

        public String word() {
            return this == SIGN_MAGNITUDE ? "sign-magnitude" : "bipolar";
        }
    }

    /** Stream lengths accepted: 1 to this (memory and time grow with it). */
    public static final int MAX_LENGTH = 65_536;

    private final CbramBank bank;
    private final int length;
    private final Coding coding;
    private final long seed;
    private final int[] inputDevice;
    private final int[] errorDevice;
    private final long[][] xs;
    private final long[][] ds;
    private final int[] xNonzero;
    private final int[] dNonzero;
    private final UpdateStats stats = new UpdateStats();
    private SplittableRandom random;

    /** Devices the network's updates need: K + N per weighted layer. */
    public static int devices(PlainNetwork net) {
        int n = 0;
        for (Weighted w : net.weighted()) {
            n += w.inputs() + w.outputs();
        }
        return n;
    }

    public StochasticProduct(PlainNetwork net, CbramBank bank, int length, Coding coding, long seed) {
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("--stream-length must be 1-" + MAX_LENGTH + ", got " + length);
        }
        if (bank.size() < devices(net)) {
            throw new IllegalArgumentException("the bank has " + bank.size() + " devices; the network needs " + devices(net));
        }
        this.bank = bank;
        this.length = length;
        this.coding = coding;
        this.seed = seed;
        List<Weighted> layers = net.weighted();
        inputDevice = new int[layers.size()];
        errorDevice = new int[layers.size()];
        int next = 0;
        int maxK = 0;
        int maxN = 0;
        for (int k = 0; k < layers.size(); k++) {
            inputDevice[k] = next;
            next += layers.get(k).inputs();
            errorDevice[k] = next;
            next += layers.get(k).outputs();
            maxK = Math.max(maxK, layers.get(k).inputs());
            maxN = Math.max(maxN, layers.get(k).outputs());
        }
        int words = Streams.words(length);
        xs = new long[maxK][words];
        ds = new long[maxN][words];
        xNonzero = new int[maxK];
        dNonzero = new int[maxN];
        random = new SplittableRandom(seed);
    }

    /** Streams, bits, ones and energy this instance generated. */
    public UpdateStats stats() {
        return stats;
    }

    @Override
    public void sample(int epoch, int index) {
        long key = seed * 0x9E3779B97F4A7C15L + ((long) epoch << 32) + index;
        random = new SplittableRandom(key);
        stats.samples++;
    }

    /** The power of two at or above m (m &gt; 0). */
    static double scale(double m) {
        double s = Math.scalb(1.0, Math.getExponent(m));
        return s < m ? 2 * s : s;
    }

    private static double largest(double[] v, int n) {
        double m = 0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, Math.abs(v[i]));
        }
        return m;
    }

    private void generate(int device, double p, long[] out) {
        double v = bank.amplitude(device, p);
        double q = bank.probabilityAt(device, v);
        Streams.bernoulli(q, length, random, out);
        stats.streams++;
        stats.bits += length;
        stats.ones += Streams.count(out, length);
        stats.addEnergy(length * bank.bitEnergyAt(device, v, q));
    }

    @Override
    public void accumulate(int layer, Weighted w, double[] delta, double[] x, double[] gw) {
        int kk = w.inputs();
        int nn = w.outputs();
        double md = largest(delta, nn);
        double mx = largest(x, kk);
        if (md == 0 || mx == 0) {
            return;
        }
        double sd = scale(md);
        double sx = scale(mx);
        double unit = sd * sx / length;
        int kg = w.groupInputs();
        int ng = w.groupOutputs();
        if (coding == Coding.SIGN_MAGNITUDE) {
            int nx = 0;
            for (int i = 0; i < kk; i++) {
                if (x[i] != 0) {
                    generate(inputDevice[layer] + i, Math.abs(x[i]) / sx, xs[i]);
                    xNonzero[nx++] = i;
                }
            }
            int nd = 0;
            for (int o = 0; o < nn; o++) {
                if (delta[o] != 0) {
                    generate(errorDevice[layer] + o, Math.abs(delta[o]) / sd, ds[o]);
                    dNonzero[nd++] = o;
                }
            }
            for (int a = 0; a < nd; a++) {
                int o = dNonzero[a];
                int first = (o / ng) * kg;
                int row = o * kk;
                boolean negative = delta[o] < 0;
                long[] d = ds[o];
                for (int b = 0; b < nx; b++) {
                    int i = xNonzero[b];
                    if (i < first || i >= first + kg) {
                        continue;
                    }
                    int c = Streams.countAnd(d, xs[i], length);
                    stats.products++;
                    if (c != 0) {
                        gw[row + i] += (negative != (x[i] < 0) ? -c : c) * unit;
                    }
                }
            }
        } else {
            for (int i = 0; i < kk; i++) {
                generate(inputDevice[layer] + i, 0.5 * (1 + x[i] / sx), xs[i]);
            }
            for (int o = 0; o < nn; o++) {
                generate(errorDevice[layer] + o, 0.5 * (1 + delta[o] / sd), ds[o]);
            }
            for (int o = 0; o < nn; o++) {
                int first = (o / ng) * kg;
                int row = o * kk;
                for (int i = first; i < first + kg; i++) {
                    int c = Streams.countXnor(ds[o], xs[i], length);
                    stats.products++;
                    gw[row + i] += (2 * c - length) * unit;
                }
            }
        }
    }
}
