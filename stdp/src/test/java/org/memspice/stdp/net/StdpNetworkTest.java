package org.memspice.stdp.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memspice.crossbar.Bias;
import org.memspice.crossbar.solve.CrossbarSolution;
import org.memspice.crossbar.solve.CrossbarSolver;
import org.memspice.devices.memristor.MemristorModel;
import org.memspice.stdp.StdpTable;
import org.memspice.stdp.SynapseSettings;

/** The network: its reads are the crossbar's, it learns the four patterns, stays in bounds and repeats itself. */
class StdpNetworkTest {
    private static final SynapseSettings S = SynapseSettings.defaults();
    private static StdpTable table;

    @BeforeAll
    static void buildTable() {
        table = StdpTable.forNetworks(S);
    }

    @Test
    void readsAreThoseOfTheCrossbarWithIdealLines() {
        PatternTask.Setup setup = PatternTask.defaults(S, 4);
        StdpNetwork net = new StdpNetwork(setup.network(), table, 3);
        SplittableRandom r = new SplittableRandom(5);
        double[] x = net.states();
        MemristorModel m = net.cells().model();
        for (int k = 0; k < x.length; k++) {
            x[k] = m.minState() + (m.maxState() - m.minState()) * r.nextDouble();
        }
        net.statesChanged();
        double[] vIn = new double[25];
        for (int i = 0; i < vIn.length; i++) {
            // the electrode's range: peaks near +0.1 V, undershoots near -0.14 V, silent lines at 0
            vIn[i] = i % 3 == 0 ? 0 : -0.14 + 0.24 * r.nextDouble();
        }
        double[] fast = new double[4];
        net.lineCurrents(vIn, fast);
        // crossbar rows are the output lines (held at 0 V), columns the input lines (driven)
        CrossbarSolution sol = new CrossbarSolver(net.crossbar()).solve(new Bias(new double[4], vIn, new double[4]), 1e-12);
        for (int j = 0; j < 4; j++) {
            double solved = 0;
            for (int i = 0; i < 25; i++) {
                solved -= sol.cellCurrent(j, i);
            }
            System.out.printf("output %d: network read %.6e A, crossbar solver %.6e A%n", j, fast[j], solved);
            assertEquals(solved, fast[j], 1e-3 * Math.abs(solved), "output " + j);
            assertTrue(Math.abs(solved) > 1e-5, "a read of mA-scale cells carries current");
        }
    }

    @Test
    void learnsTheFourPatternsWithinTheDeviceBounds() {
        PatternTask.Setup d = PatternTask.defaults(S, 8);
        PatternTask.Setup setup = new PatternTask.Setup(d.network(), 200, 40, 60, d.code(), d.noise(), d.pause());
        StdpNetwork[] trained = new StdpNetwork[1];
        PatternTask.Outcome o = PatternTask.run(setup, table, 11, trained, null);
        System.out.printf("accuracy %.1f %%, labels %s%n", 100 * o.accuracy(), java.util.Arrays.toString(o.labels()));
        boolean[] labelled = new boolean[Patterns.count()];
        for (int l : o.labels()) {
            if (l >= 0) {
                labelled[l] = true;
            }
        }
        for (int p = 0; p < labelled.length; p++) {
            assertTrue(labelled[p], "some neuron answers pattern " + Patterns.NAMES[p]);
        }
        assertTrue(o.accuracy() >= 0.9, "accuracy " + o.accuracy());
        MemristorModel m = trained[0].cells().model();
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (double x : o.states()) {
            assertTrue(x >= m.minState() && x <= m.maxState(), "state " + x + " within the device's bounds");
            lowest = Math.min(lowest, x);
            highest = Math.max(highest, x);
        }
        assertTrue(highest - lowest > 0.5, "learning spreads the states: " + lowest + " to " + highest);
        // every neuron labelled with a pattern holds its strongest synapses on that pattern's pixels
        for (int j = 0; j < 8; j++) {
            int l = o.labels()[j];
            if (l < 0) {
                continue;
            }
            boolean[] on = Patterns.pattern(l);
            double in = 0;
            double out = 0;
            int nIn = 0;
            for (int i = 0; i < 25; i++) {
                double x = o.states()[trained[0].synapse(i, j)];
                if (on[i]) {
                    in += x;
                    nIn++;
                } else {
                    out += x;
                }
            }
            in /= nIn;
            out /= 25 - nIn;
            assertTrue(in > out + 0.2, "neuron " + j + " (" + Patterns.NAMES[l] + "): mean state on its pixels " + in
                    + ", off them " + out);
        }
    }

    @Test
    void quietStretchesInLongStepsSaveSomaStepsAndKeepTheDynamics() {
        // the same 30 noisy letters through two copies of one network: every step 0.1 ms, or quiet stretches in steps up to
        // 2 ms. The soma's relaxation is integrated differently, so a borderline crossing can go the other way (as with any
        // other step) and the two learn apart from there; before that the spikes are the same, and the totals stay close.
        PatternTask.Setup d = PatternTask.defaults(S, 8);
        StdpNetwork fixed = new StdpNetwork(d.network(), table, 6);
        StdpNetwork relaxed = new StdpNetwork(d.network(), table, 6);
        int same = -1;
        int spikesFixed = 0;
        int spikesRelaxed = 0;
        for (int k = 0; k < 30; k++) {
            SplittableRandom r = new SplittableRandom(100 + k);
            double[] in = Patterns.intensity(Patterns.noisy(k % 4, d.noise(), r));
            Schedule s = d.code().encode(in, S.deadTime(), d.network().step(), r);
            StdpNetwork.Response a = fixed.present(s, d.code().duration() + d.pause());
            StdpNetwork.Response b = relaxed.present(s, d.code().duration() + d.pause(), 2e-3);
            if (same == k - 1 && java.util.Arrays.equals(a.counts(), b.counts())) {
                same = k;
            }
            spikesFixed += a.total();
            spikesRelaxed += b.total();
        }
        long[] f = fixed.stepCounts();
        long[] q = relaxed.stepCounts();
        System.out.printf("soma steps: %d fixed, %d with quiet stretches (%d network steps); the same spikes in presentations"
                + " 0-%d; %d and %d output spikes in all%n", f[0], q[0], q[1], same, spikesFixed, spikesRelaxed);
        assertEquals(f[1], q[1], "the same time covered");
        assertTrue(q[0] < 0.3 * f[0], "quiet stretches save soma steps: " + q[0] + " of " + f[0]);
        assertTrue(same >= 5, "the same spikes at first: presentations 0-" + same);
        assertEquals(spikesFixed, spikesRelaxed, 0.15 * spikesFixed, "as many output spikes");
    }

    @Test
    void normalisationScalesEachNeuronsStatesToTheTarget() {
        PatternTask.Setup d = PatternTask.defaults(S, 3);
        StdpNetwork net = new StdpNetwork(d.network(), table, 8);
        net.states()[net.synapse(4, 1)] = 1;
        net.statesChanged();
        net.normalise(7);
        for (int j = 0; j < 3; j++) {
            double sum = 0;
            for (int i = 0; i < 25; i++) {
                double x = net.states()[net.synapse(i, j)];
                assertTrue(x >= 0 && x <= 1, "within bounds: " + x);
                sum += x;
            }
            assertEquals(7, sum, 1e-9, "neuron " + j);
        }
        double[] v = new double[25];
        java.util.Arrays.fill(v, 0.1);
        double[] read = new double[3];
        net.lineCurrents(v, read);
        net.statesChanged();
        double[] fresh = new double[3];
        net.lineCurrents(v, fresh);
        assertArrayEquals(fresh, read, 0, "reads see the normalised devices");
    }

    @Test
    void theSameSeedGivesTheSameNetwork() {
        PatternTask.Setup d = PatternTask.defaults(S, 4);
        PatternTask.Setup setup = new PatternTask.Setup(d.network(), 20, 8, 8, d.code(), d.noise(), d.pause());
        PatternTask.Outcome a = PatternTask.run(setup, table, 4);
        PatternTask.Outcome b = PatternTask.run(setup, table, 4);
        PatternTask.Outcome c = PatternTask.run(setup, table, 5);
        assertArrayEquals(a.states(), b.states(), 0);
        assertArrayEquals(a.labels(), b.labels());
        assertTrue(!java.util.Arrays.equals(a.states(), c.states()), "another seed, another network");
    }
}
