package org.memspice.stdp.net;

import java.util.SplittableRandom;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.stdp.StdpTable;

/**
 * Associative retrieval after unsupervised learning: the network of the 4-pattern task is
 * trained and labelled ({@link PatternTask}), then shown cues, a stored pattern with a fraction of
 * its on pixels removed (turned off, chosen at random). The network's answer is read two ways:
 * retrieval, whether the pattern whose labelled neurons spike most is the stored one, and the
 * recalled image, the learned synapses of the neurons that spiked averaged with their spike
 * counts as weights, thresholded at half the device's state range, compared pixel by pixel with
 * the stored pattern.
 *
 * @param removed fractions of the on pixels removed
 * @param retrieved fraction of cues retrieving the stored pattern, per removed fraction
 * @param pixels fraction of recalled pixels equal to the stored pattern's (cues with no spike count as all off)
 * @param silent fraction of cues that made no output neuron spike
 * @param trained the outcome of training
 */
public record RecallTask(double[] removed, double[] retrieved, double[] pixels, double[] silent, PatternTask.Outcome trained) {

    /** Trains from {@code seed}, then presents {@code trials} cues per pattern at each removed fraction. */
    public static RecallTask run(PatternTask.Setup setup, StdpTable table, long seed, double[] removed, int trials,
            Runnable tick) {
        StdpNetwork[] net = new StdpNetwork[1];
        PatternTask.Outcome o = PatternTask.run(setup, table, seed, net, tick);
        StdpNetwork frozen = net[0].copyFrozen();
        MemristorModel m = frozen.cells().model();
        double half = 0.5 * (m.minState() + m.maxState());
        int nIn = Patterns.pixels();
        int nOut = setup.network().outputs();
        int np = Patterns.count();
        double[] retrieved = new double[removed.length];
        double[] pixels = new double[removed.length];
        double[] silent = new double[removed.length];
        double[] x = frozen.states();
        for (int f = 0; f < removed.length; f++) {
            if (!(removed[f] >= 0 && removed[f] <= 1)) {
                throw new IllegalArgumentException("removed fraction " + removed[f] + " outside [0, 1]");
            }
            for (int p = 0; p < np; p++) {
                boolean[] stored = Patterns.pattern(p);
                for (int t = 0; t < trials; t++) {
                    SplittableRandom r = new SplittableRandom(PatternTask.mix(seed, 5 + f, (long) p * trials + t));
                    boolean[] cue = cue(stored, removed[f], r);
                    Schedule in = setup.code().encode(Patterns.intensity(cue), setup.network().synapse().deadTime(),
                            setup.network().step(), r);
                    StdpNetwork.Response resp = frozen.present(in, setup.code().duration() + setup.pause());
                    tick(tick);
                    if (PatternTask.classify(resp.counts(), o.labels(), np) == p) {
                        retrieved[f]++;
                    }
                    int total = resp.total();
                    if (total == 0) {
                        silent[f]++;
                    }
                    int same = 0;
                    for (int i = 0; i < nIn; i++) {
                        double mean = 0;
                        for (int j = 0; j < nOut; j++) {
                            mean += resp.counts()[j] * x[frozen.synapse(i, j)];
                        }
                        boolean on = total > 0 && mean / total > half;
                        if (on == stored[i]) {
                            same++;
                        }
                    }
                    pixels[f] += (double) same / nIn;
                }
            }
            retrieved[f] /= np * trials;
            pixels[f] /= np * trials;
            silent[f] /= np * trials;
        }
        return new RecallTask(removed.clone(), retrieved, pixels, silent, o);
    }

    /** The stored pattern with round(fraction × on pixels) of its on pixels turned off, chosen from r. */
    static boolean[] cue(boolean[] stored, double fraction, SplittableRandom r) {
        boolean[] c = stored.clone();
        int on = 0;
        for (boolean b : stored) {
            on += b ? 1 : 0;
        }
        int[] idx = new int[on];
        int n = 0;
        for (int i = 0; i < stored.length; i++) {
            if (stored[i]) {
                idx[n++] = i;
            }
        }
        int remove = (int) Math.round(fraction * on);
        for (int k = 0; k < remove; k++) { // partial Fisher-Yates: the first `remove` of a random order
            int q = k + r.nextInt(on - k);
            int tmp = idx[k];
            idx[k] = idx[q];
            idx[q] = tmp;
            c[idx[k]] = false;
        }
        return c;
    }

    private static void tick(Runnable tick) {
        if (tick != null) {
            tick.run();
        }
    }
}
