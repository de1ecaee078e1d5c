package org.memspice.stdp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memspice.stdp.StdpTable;
import org.memspice.stdp.SynapseSettings;

/**
 * Inside a network the fast path (the table at every spike) and the full waveform simulation
 * (every device integrating its drift under the actual line voltages, the axons stepped MIF
 * neurons) change the synapses alike: same output spikes, same sign of every change, and
 * changes within 2 % of the largest.
 */
class LearningModesTest {
    @Test
    void eventAndWaveformLearningAgreeInANetwork() {
        SynapseSettings s = SynapseSettings.defaults();
        StdpTable table = StdpTable.forNetworks(s);
        PatternTask.Setup d = PatternTask.defaults(s, 2);
        NetworkSettings ns = d.network();
        // inputs 0-8 fire together every 40 ms (the letter T), the rest stay silent; 1e-5 s steps for the waveform path
        NetworkSettings fine = new NetworkSettings(s, 25, 2, 1e-5, ns.readGain(), ns.inhibition(), ns.inhibitionTau(),
                ns.thetaStep(), ns.thetaTau(), ns.axonDelay(), ns.initLow(), ns.initHigh(), NetworkSettings.Learning.EVENT,
                NetworkSettings.Axons.STEPPED);
        double[] intensity = Patterns.intensity(Patterns.pattern(0));
        Schedule in = Schedule.latency(intensity, 4, 40e-3, 0, 0, s.deadTime(), 1e-5, new java.util.SplittableRandom(1));
        StdpNetwork event = new StdpNetwork(fine, table, 9);
        StdpNetwork wave = new StdpNetwork(fine.with(NetworkSettings.Learning.WAVEFORM), table, 9);
        double[] x0 = event.states().clone();
        assertEquals(java.util.Arrays.toString(x0), java.util.Arrays.toString(wave.states()), "same starting devices");
        StdpNetwork.Response re = event.present(in, 0.18);
        StdpNetwork.Response rw = wave.present(in, 0.18);
        System.out.printf("output spikes: event %s, waveform %s%n", java.util.Arrays.toString(re.counts()),
                java.util.Arrays.toString(rw.counts()));
        assertTrue(re.total() > 0, "the pattern makes an output spike");
        assertEquals(java.util.Arrays.toString(re.counts()), java.util.Arrays.toString(rw.counts()));
        double worst = 0;
        double largest = 0;
        for (int k = 0; k < x0.length; k++) {
            double de = event.states()[k] - x0[k];
            double dw = wave.states()[k] - x0[k];
            largest = Math.max(largest, Math.abs(dw));
            worst = Math.max(worst, Math.abs(de - dw));
            if (Math.abs(dw) > 1e-3) {
                assertEquals(Math.signum(dw), Math.signum(de), "sign of synapse " + k + ": event " + de + ", waveform " + dw);
            }
        }
        System.out.printf("largest change %.4f, worst event-waveform difference %.5f%n", largest, worst);
        assertTrue(largest > 0.05, "the synapses learn");
        assertTrue(worst <= 0.02 * largest, "event path within 2 % of the largest change: " + worst + " of " + largest);
    }
}
