package org.memspice.mif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memspice.spice.Netlists;
import org.memspice.spice.output.Waveforms;

/** The bundled MIF netlists, and the neuron's behaviour under a constant input current. */
class MifNetlistTest {
    private final MifParameters p = MifParameters.prototype();

    @ParameterizedTest
    @ValueSource(strings = {"mif_neuron.cir", "mif_dc_input.cir"})
    void bundledNetlistsCarryTheGeneratedSubcircuit(String name) throws IOException {
        String text = Files.readString(Path.of("..", "netlists", name));
        String neuron = MifNetlist.subcircuits(p);
        neuron = neuron.substring(0, neuron.indexOf(".ends") + 5);
        assertTrue(text.contains(neuron), name + " holds MifNetlist.subcircuits(prototype()); regenerate it");
    }

    /** Under a constant current the neuron fires once and settles: it needs pulsed (synaptic) input. */
    @ParameterizedTest
    @ValueSource(doubles = {5e-6, 20e-6, 200e-6, 1e-3})
    void constantInputGivesOneSpikeAndASteadyState(double current) {
        String net = "* dc\n" + MifNetlist.subcircuits(p)
                + String.format(java.util.Locale.ROOT, "Iin 0 v PWL(0 0 1m 0 1.001m %.6g)\n", current)
                + "Xn v mif\n.tran 10u 100m\n.print tran v(v)\n.end\n";
        Waveforms w = Netlists.run(net);
        double[] t = w.scale();
        double[] v = w.vector("v(v)");
        Trace trace = new Trace(t, v, t, t);
        assertEquals(1, trace.upwardCrossings(p.spikeThreshold()).length, "one spike at " + current + " A");
        double late = trace.max(0.07, 0.1) - trace.min(0.07, 0.1);
        assertTrue(late < 1e-6, "steady after 70 ms at " + current + " A: spread " + late + " V");
    }
}
