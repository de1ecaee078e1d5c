package org.memspice.stdp.net;

import java.util.SplittableRandom;
import org.memspice.stdp.StdpTable;
import org.memspice.stdp.SynapseSettings;

/**
 * The 4-pattern recognition task: unsupervised training on noisy presentations of the four
 * patterns in random order, labelling of each output neuron by the pattern it responds to most
 * (noisy presentations, devices frozen), then testing: a presentation is recognized when the
 * pattern whose labelled neurons spiked most is the one shown.
 */
public final class PatternTask {
    /** Task parameters. */
    public record Setup(NetworkSettings network, int trainPresentations, int labelPresentations, int testPresentations,
            InputCode code, double noise, double pause) {
        /** Presents image p with noise, drawing from r. */
        StdpNetwork.Response present(StdpNetwork net, int p, SplittableRandom r) {
            double[] intensity = Patterns.intensity(Patterns.noisy(p, noise, r));
            Schedule in = code.encode(intensity, network.synapse().deadTime(), network.step(), r);
            return net.present(in, code.duration() + pause);
        }
    }

    /**
     * The documented task (stdp/README.md gives the evidence for each value): 25 inputs (the 5x5
     * pixels), 8 output neurons, 0.1 ms network steps, read gain 0.002, lateral inhibition 10 µA
     * decaying in 20 ms, homeostatic step 0.05 µA decaying in 10 s, 6 ms axonal delay, devices
     * starting uniformly in 20-60 % of their range, the device-derived table applied event by
     * event; 500 training, 40 labelling and 100 test presentations; latency coding in 6 volleys
     * 40 ms apart with up to 3 ms jitter; 5 % of pixels flipped in every presentation; 20 ms of
     * silence after each.
     */
    public static Setup defaults(SynapseSettings synapse, int neurons) {
        NetworkSettings ns = new NetworkSettings(synapse, Patterns.pixels(), neurons, 1e-4, 0.002, 10e-6, 20e-3, 0.05e-6, 10,
                6e-3, 0.2, 0.6, NetworkSettings.Learning.EVENT, NetworkSettings.Axons.REPLAY);
        return new Setup(ns, 500, 40, 100, new InputCode.Latency(6, 40e-3, 0, 3e-3), 0.05, 0.02);
    }

    /** One seed's outcome. */
    public record Outcome(long seed, double accuracy, int correct, int tested, int[] labels, double[] states,
            int[][] confusion, long seconds) {
    }

    private PatternTask() {
    }

    /** A seed for stream (a, b) of {@code seed} (SplitMix64 finalizer of a linear mix). */
    public static long mix(long seed, long a, long b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Trains a network from seed, labels and tests it. */
    public static Outcome run(Setup s, StdpTable table, long seed) {
        return run(s, table, seed, null, null);
    }

    /**
     * As {@link #run(Setup, StdpTable, long)}, returning the trained network in {@code trained[0]}
     * when given and calling {@code tick} (when not null) after every presentation.
     */
    public static Outcome run(Setup s, StdpTable table, long seed, StdpNetwork[] trained, Runnable tick) {
        long start = System.nanoTime();
        StdpNetwork net = new StdpNetwork(s.network(), table, mix(seed, 0, 0));
        int np = Patterns.count();
        SplittableRandom order = new SplittableRandom(mix(seed, 1, 0));
        for (int k = 0; k < s.trainPresentations(); k++) {
            int p = order.nextInt(np);
            SplittableRandom r = new SplittableRandom(mix(seed, 2, k));
            s.present(net, p, r);
            tick(tick);
        }
        StdpNetwork frozen = net.copyFrozen();
        int nOut = s.network().outputs();
        double[][] response = new double[nOut][np];
        for (int k = 0; k < s.labelPresentations(); k++) {
            int p = k % np;
            SplittableRandom r = new SplittableRandom(mix(seed, 3, k));
            StdpNetwork.Response resp = s.present(frozen, p, r);
            tick(tick);
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
            StdpNetwork.Response resp = s.present(frozen, p, r);
            tick(tick);
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

    private static void tick(Runnable tick) {
        if (tick != null) {
            tick.run();
        }
    }

    /**
     * The class whose labelled neurons spiked most on average (Diehl and Cook's read-out: a class
     * with more neurons does not win by their number), −1 when none spiked.
     */
    public static int classify(int[] counts, int[] labels, int classes) {
        double[] sum = new double[classes];
        int[] members = new int[classes];
        boolean any = false;
        for (int j = 0; j < counts.length; j++) {
            if (labels[j] >= 0) {
                members[labels[j]]++;
                sum[labels[j]] += counts[j];
                any |= counts[j] > 0;
            }
        }
        if (!any) {
            return -1;
        }
        int best = -1;
        for (int c = 0; c < classes; c++) {
            if (members[c] > 0 && (best < 0 || sum[c] / members[c] > sum[best] / members[best])) {
                best = c;
            }
        }
        return best;
    }
}
