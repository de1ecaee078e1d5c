package org.memspice.stdp.net;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.memspice.stdp.StdpTable;

/**
 * The 4-pattern recognition task: unsupervised training on noisy presentations of the four
 * patterns in random order, labelling of each output neuron by the pattern it responds to most
 * (noisy presentations, devices frozen), then testing: a presentation is recognized when the
 * pattern whose labelled neurons spiked most is the one shown.
 */
public final class PatternTask {
    /** Task parameters. */
    public record Setup(NetworkSettings network, int trainPresentations, int labelPresentations, int testPresentations,
            double rate, double noise, double duration, double pause) {
    }

    /** One seed's outcome. */
    public record Outcome(long seed, double accuracy, int correct, int tested, int[] labels, double[] states,
            int[][] confusion, long seconds) {
    }

    private PatternTask() {
    }

    static long mix(long seed, long a, long b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Trains a network from seed, labels and tests it. */
    public static Outcome run(Setup s, StdpTable table, long seed) {
        return run(s, table, seed, null);
    }

    /** As {@link #run(Setup, StdpTable, long)}, returning the trained network in {@code trained[0]} when given. */
    public static Outcome run(Setup s, StdpTable table, long seed, StdpNetwork[] trained) {
        long start = System.nanoTime();
        StdpNetwork net = new StdpNetwork(s.network(), table, mix(seed, 0, 0));
        int np = Patterns.count();
        SplittableRandom order = new SplittableRandom(mix(seed, 1, 0));
        for (int k = 0; k < s.trainPresentations(); k++) {
            int p = order.nextInt(np);
            SplittableRandom r = new SplittableRandom(mix(seed, 2, k));
            net.present(Patterns.rates(Patterns.noisy(p, s.noise(), r), s.rate()), s.duration(), s.pause(), r);
        }
        StdpNetwork frozen = net.copyFrozen();
        int nOut = s.network().outputs();
        double[][] response = new double[nOut][np];
        for (int k = 0; k < s.labelPresentations(); k++) {
            int p = k % np;
            SplittableRandom r = new SplittableRandom(mix(seed, 3, k));
            StdpNetwork.Response resp = frozen.present(Patterns.rates(Patterns.noisy(p, s.noise(), r), s.rate()),
                    s.duration(), s.pause(), r);
            for (int j = 0; j < nOut; j++) {
                response[j][p] += resp.counts()[j];
            }
        }
        int[] labels = new int[nOut];
        for (int j = 0; j < nOut; j++) {
            int best = -1;
            double most = 0;
            for (int p = 0; p < np; p++) {
                if (response[j][p] > most) {
                    most = response[j][p];
                    best = p;
                }
            }
            labels[j] = best;
        }
        int correct = 0;
        int[][] confusion = new int[np][np + 1];
        for (int k = 0; k < s.testPresentations(); k++) {
            int p = k % np;
            SplittableRandom r = new SplittableRandom(mix(seed, 4, k));
            StdpNetwork.Response resp = frozen.present(Patterns.rates(Patterns.noisy(p, s.noise(), r), s.rate()),
                    s.duration(), s.pause(), r);
            int guess = classify(resp.counts(), labels, np);
            confusion[p][guess < 0 ? np : guess]++;
            if (guess == p) {
                correct++;
            }
        }
        if (trained != null) {
            trained[0] = net;
        }
        return new Outcome(seed, (double) correct / s.testPresentations(), correct, s.testPresentations(), labels,
                net.states().clone(), confusion, Math.round((System.nanoTime() - start) / 1e9));
    }

    /** The class whose labelled neurons spiked most in total (−1 when none spiked). */
    public static int classify(int[] counts, int[] labels, int classes) {
        double[] sum = new double[classes];
        boolean any = false;
        for (int j = 0; j < counts.length; j++) {
            if (labels[j] >= 0 && counts[j] > 0) {
                sum[labels[j]] += counts[j];
                any = true;
            }
        }
        if (!any) {
            return -1;
        }
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (sum[c] > sum[best]) {
                best = c;
            }
        }
        return best;
    }

    static String describe(int[] labels) {
        return Arrays.toString(labels);
    }
}
