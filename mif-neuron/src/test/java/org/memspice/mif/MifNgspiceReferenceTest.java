package org.memspice.mif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.spice.Netlists;
import org.memspice.spice.output.WaveformReader;
import org.memspice.spice.output.Waveforms;
import org.memspice.spice.reference.ReferenceCase;

/**
 * The MIF neuron against ngspice 39: reference/mif_behavioural.cir is the neuron of
 * {@link MifNetlist#behavioural} (memristors as B sources, which ngspice runs) under four inputs
 * (2 µA below threshold, 20 µA, and a 20 µA + 40 µA pair 3 ms apart); its committed waveform was
 * computed by ngspice ({@code ngspice -b} with {@code wrdata ... v(v)}, ten digits). memspice's
 * native neuron ({@code YMEMRISTOR}) and memspice's run of the same behavioural netlist must
 * both reproduce it; where ngspice is installed it is also rerun live.
 */
class MifNgspiceReferenceTest {
    private static final String NAME = "mif_behavioural";
    private static final InputTrain INPUT = new InputTrain(new double[] {2e-3, 22e-3, 42e-3, 45e-3},
            new double[] {2e-6, 20e-6, 20e-6, 40e-6});
    private final MifParameters p = MifParameters.prototype();

    @Test
    void committedNetlistIsTheGeneratedOne() throws Exception {
        String text = Files.readString(ReferenceCase.resource(NAME + ".cir"));
        assertTrue(text.contains(MifNetlist.behavioural(p)), "the reference's neuron is MifNetlist.behavioural(prototype());"
                + " if the parameters changed, regenerate the netlist and rerun ngspice on it");
        assertTrue(text.contains(MifNetlist.inputSource("Vin", "in", INPUT)), "the reference's input train");
    }

    @Test
    void nativeNeuronReproducesNgspice() throws Exception {
        Waveforms ref = ReferenceCase.ngspice(NAME);
        Waveforms ours = Netlists.run(MifNetlist.driven(p, INPUT, 70e-3, 10e-6));
        assertAgrees(ref, ours, "YMEMRISTOR neuron");
    }

    @Test
    void behaviouralNetlistReproducesNgspice() throws Exception {
        assertAgrees(ReferenceCase.ngspice(NAME), ReferenceCase.memspice(NAME), "behavioural neuron");
    }

    @Test
    void liveNgspiceStillAgrees(@TempDir Path dir) throws Exception {
        assumeTrue(ReferenceCase.ngspiceAvailable(), "ngspice is not on the PATH (apt-get install -y ngspice); live MIF cross-check"
                + " skipped, the committed ngspice waveform still runs");
        Path cir = dir.resolve("mif.cir");
        Path out = dir.resolve("out.txt");
        Files.writeString(cir, Files.readString(ReferenceCase.resource(NAME + ".cir"))
                + ".control\nset wr_singlescale\nset wr_vecnames\noption numdgt=10\nrun\nwrdata " + out + " v(v)\n.endc\n.end\n");
        Process proc = new ProcessBuilder("ngspice", "-b", cir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile()).start();
        assertTrue(proc.waitFor(120, TimeUnit.SECONDS) && Files.exists(out), "ngspice ran");
        assertAgrees(WaveformReader.read(out), Netlists.run(MifNetlist.driven(p, INPUT, 70e-3, 10e-6)), "live");
    }

    private void assertAgrees(Waveforms ref, Waveforms ours, String label) {
        double err = ReferenceCase.relativeError(ref, ours, "v(v)");
        double[] tr = ref.scale();
        double[] to = ours.scale();
        Trace a = new Trace(tr, ref.vector("v(v)"), tr, tr);
        Trace b = new Trace(to, ours.vector("v(v)"), to, to);
        double[] sa = a.upwardCrossings(p.spikeThreshold());
        double[] sb = b.upwardCrossings(p.spikeThreshold());
        assertEquals(3, sa.length, "ngspice: the 2 µA input stays below threshold, the other three spike");
        assertEquals(sa.length, sb.length, label + ": same spikes");
        double worst = 0;
        double[] inputs = {22e-3, 42e-3, 45e-3};
        for (int k = 0; k < sa.length; k++) {
            worst = Math.max(worst, Math.abs(sa[k] - sb[k]) / (sa[k] - inputs[k]));
        }
        System.out.printf("MIF %s vs ngspice 39: worst difference %.4f %% of peak-to-peak, spike times within %.4f %%"
                + " of the latency%n", label, 100 * err, 100 * worst);
        assertTrue(err < 0.01, label + ": waveform within 1 % of peak-to-peak: " + err);
        assertTrue(worst < 0.01, label + ": spike times within 1 % of the latency: " + worst);
        assertEquals(ref.vector("v(v)")[0], ours.vector("v(v)")[0], 1e-9, label + ": the same resting state");
    }
}
