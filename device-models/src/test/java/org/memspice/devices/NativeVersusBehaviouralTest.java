package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.memspice.spice.analysis.Simulator;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.netlist.CircuitBuilder;
import org.memspice.spice.output.Waveforms;
import org.memspice.spice.reference.ReferenceCase;

/**
 * The native YMEMRISTOR devices reproduce ngspice 39's waveforms of the behavioural (B source and
 * state capacitor) netlists in shared/reference within that README's 1 %: the state x and i(V1).
 */
class NativeVersusBehaviouralTest {
    private static Waveforms runResource(String name) throws Exception {
        Path dir = Files.createTempDirectory("native");
        Path p = dir.resolve(name);
        try (InputStream in = NativeVersusBehaviouralTest.class.getResourceAsStream("/" + name)) {
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
        }
        return Simulator.run(new CircuitBuilder(ElementRegistry.loadDefault()).build(p)).get(0).waveforms();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"memristor_hp_joglekar, hp_native.cir", "memristor_yakopcic, yakopcic_native.cir"})
    void nativeDeviceMatchesNgspiceBehaviouralModel(String reference, String netlist) throws Exception {
        Waveforms ref = ReferenceCase.ngspice(reference);
        Waveforms ours = runResource(netlist);
        double[] t = ref.scale();
        double[] rx = ref.vector("v(x)");
        double[] ri = ref.vector("i(v1)");
        double ex = 0;
        double ei = 0;
        double[] rangeX = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] rangeI = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int k = 0; k < t.length; k++) {
            ex = Math.max(ex, Math.abs(ours.interpolate("x(mem)", t[k]) - rx[k]));
            ei = Math.max(ei, Math.abs(ours.interpolate("i(v1)", t[k]) - ri[k]));
            rangeX[0] = Math.min(rangeX[0], rx[k]);
            rangeX[1] = Math.max(rangeX[1], rx[k]);
            rangeI[0] = Math.min(rangeI[0], ri[k]);
            rangeI[1] = Math.max(rangeI[1], ri[k]);
        }
        System.out.printf(java.util.Locale.ROOT, "native vs %s: state %.5f %%, current %.5f %% of peak-to-peak%n", reference,
                100 * ex / (rangeX[1] - rangeX[0]), 100 * ei / (rangeI[1] - rangeI[0]));
        assertTrue(ex <= 0.01 * (rangeX[1] - rangeX[0]), reference + ": state error " + ex);
        assertTrue(ei <= 0.01 * (rangeI[1] - rangeI[0]), reference + ": current error " + ei);
    }
}
