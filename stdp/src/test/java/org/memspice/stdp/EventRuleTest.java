package org.memspice.stdp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast path (the table applied spike by spike) against the full waveform simulation of the
 * synapse for random pre- and post-synaptic trains: the read conductance after every spike is
 * within 2 % of the conductance change the full simulation went through.
 */
class EventRuleTest {
    @Test
    void tableReproducesTheWaveformSimulationWithinTwoPercent() {
        SynapseSettings s = SynapseSettings.defaults().withStep(StdpTable.NETWORK_STEP);
        StdpTable table = StdpTable.forNetworks(s);
        WaveformSynapse w = new WaveformSynapse(s);
        var device = s.device();
        double worst = 0;
        for (int seed = 1; seed <= 3; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            double[] pre = EventRule.randomTrain(r, 1e-3, 25, s.deadTime(), 12e-3);
            double[] post = EventRule.randomTrain(r, 1e-3, 25, s.deadTime(), 12e-3);
            for (int k = 0; k < pre.length; k++) {
                pre[k] = Math.round(pre[k] / s.step()) * s.step();
                post[k] = Math.round(post[k] / s.step()) * s.step();
            }
            double end = Math.max(pre[pre.length - 1], post[post.length - 1]) + s.deadTime();
            double[] x0 = {0.15, 0.45, 0.75};
            WaveformSynapse.RecordBuilder rec = new WaveformSynapse.RecordBuilder(100, x0.length);
            double[] full = w.run(pre, post, end, x0, rec);
            WaveformSynapse.Record record = rec.build();
            for (int q = 0; q < x0.length; q++) {
                double travelled = 0;
                double[] xs = record.state()[q];
                for (int k = 1; k < xs.length; k++) {
                    travelled += Math.abs(SynapseSettings.conductance(device, xs[k]) - SynapseSettings.conductance(device, xs[k - 1]));
                }
                double fast = EventRule.run(table, pre, post, x0[q], s.deadTime(), null);
                double err = Math.abs(SynapseSettings.conductance(device, fast) - SynapseSettings.conductance(device, full[q]));
                double rel = err / travelled;
                worst = Math.max(worst, rel);
                System.out.printf("seed %d x0 %.2f: full %.5f, table %.5f, |dG| %.3e S of %.3e S travelled (%.2f %%)%n", seed,
                        x0[q], full[q], fast, err, travelled, 100 * rel);
                assertTrue(travelled > 0, "the trains change the synapse");
                assertTrue(rel <= 0.02, "table within 2 % of the waveform simulation: " + 100 * rel + " %");
            }
        }
        System.out.printf("event rule vs waveform simulation: worst %.2f %% of the conductance travelled%n", 100 * worst);
    }
}
