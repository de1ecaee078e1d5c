package org.memspice.stdp.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.stdp.StdpTable;
import org.memspice.stdp.SynapseSettings;
import org.memspice.stdp.net.InputCode;
import org.memspice.stdp.net.PatternTask;

/**
 * The circuit check of issue 13: the 25 x 4 pattern network, learning, as a netlist in the
 * general engine (YMEMRISTOR synapses of the same Yakopcic model, MIF subcircuits, behavioural
 * read-out, hillock, inhibition and θ) against the fast network (the device-derived table, event
 * by event) from the same devices and input spikes: the same winner in every presentation, the
 * same sign of every synapse's change.
 */
class CircuitCheckTest {
    private static final SynapseSettings S = SynapseSettings.defaults();
    private static StdpTable table;

    @BeforeAll
    static void buildTable() {
        table = StdpTable.forNetworks(S);
    }

    private static CircuitCheck.Setup setup(int presentations, int volleys) {
        PatternTask.Setup d = PatternTask.defaults(S, 4);
        PatternTask.Setup task = new PatternTask.Setup(d.network(), 0, 0, 0, new InputCode.Latency(volleys, 40e-3, 0, 3e-3), d.noise(),
                0.1);
        return new CircuitCheck.Setup(task, presentations, 1e-4);
    }

    private static void report(String what, CircuitCheck.Outcome o) {
        for (int k = 0; k < o.fast().winner().length; k++) {
            System.out.printf(Locale.ROOT, "%s presentation %d: fast %s winner %d, circuit %s winner %d%n", what, k,
                    Arrays.toString(o.fast().counts()[k]), o.fast().winner()[k], Arrays.toString(o.circuit().counts()[k]),
                    o.circuit().winner()[k]);
        }
        int[] s = o.sameSigns(CircuitCheck.MOVED);
        double[] d = o.differences();
        System.out.printf(Locale.ROOT, "%s: same winner %d/%d, same sign %d/%d, largest difference %.5f (largest change %.4f),"
                + " %.1f s%n", what, o.sameWinners(), o.fast().winner().length, s[0], s[1], d[0], d[1], o.circuit().seconds());
    }

    @Test
    void theCircuitLearnsAsTheFastNetworkDoes() {
        CircuitCheck.Outcome o = CircuitCheck.run(setup(8, 6), table, 1, null);
        report("memspice", o);
        String netlist = o.fast().netlist(CircuitNetlist.Flavour.NATIVE);
        assertTrue(netlist.contains(".model syn memristor (model=yakopcic") && netlist.contains("ymemristor s3_24 out3 in24 syn"),
                "synapses are YMEMRISTOR devices of the synapse model");
        assertTrue(netlist.contains(".subckt mif v") && netlist.contains("Xso3 vs3 mif") && netlist.contains("Xin24 vi24 mif")
                && netlist.contains("Xax3 va3 mif"), "somas, input neurons and axons are MIF subcircuits");
        int spikes = 0;
        for (int[] c : o.circuit().counts()) {
            spikes += Arrays.stream(c).sum();
        }
        assertTrue(spikes >= 20, "the outputs spike: " + spikes);
        assertEquals(8, o.sameWinners(), "the same neuron wins every presentation");
        int[] signs = o.sameSigns(CircuitCheck.MOVED);
        assertTrue(signs[1] >= 40, "learning moves many synapses: " + signs[1]);
        assertEquals(signs[1], signs[0], "every moved synapse changes with the same sign");
        double[] d = o.differences();
        assertTrue(d[0] <= 0.05 * d[1], "changes agree within 5 % of the largest: " + d[0] + " of " + d[1]);
        for (int k = 0; k < 8; k++) {
            assertArrayEquals(o.fast().counts()[k], o.circuit().counts()[k], "spikes of presentation " + k);
        }
    }

    @Test
    void theBehaviouralNetlistRunsInMemspiceAndUnchangedInNgspice(@TempDir Path dir) throws Exception {
        CircuitCheck.Fast f = CircuitCheck.fast(setup(1, 2), table, 2);
        CircuitCheck.Outcome ours = new CircuitCheck.Outcome(f, CircuitCheck.memspice(f, CircuitNetlist.Flavour.BEHAVIOURAL, null));
        report("memspice, behavioural", ours);
        assertEquals(1, ours.sameWinners());
        int[] s = ours.sameSigns(CircuitCheck.MOVED);
        assertEquals(s[1], s[0]);
        assumeTrue(CircuitCheck.ngspiceAvailable(), "ngspice is not on the PATH (apt-get install -y ngspice); live check skipped");
        CircuitCheck.Outcome ng = new CircuitCheck.Outcome(f, CircuitCheck.ngspice(f, dir.resolve("circuit-ngspice.cir"), 600));
        report("ngspice", ng);
        assertEquals(1, ng.sameWinners());
        int[] t = ng.sameSigns(CircuitCheck.MOVED);
        assertTrue(t[1] >= 10 && t[0] == t[1], "ngspice: same sign " + t[0] + " of " + t[1]);
        assertArrayEquals(f.counts()[0], ng.circuit().counts()[0]);
    }
}
