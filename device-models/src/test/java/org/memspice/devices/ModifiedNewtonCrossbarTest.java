package org.memspice.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.memspice.spice.analysis.ModifiedNewtonTest;
import org.memspice.spice.analysis.Simulator;
import org.memspice.spice.analysis.Statistics;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.netlist.CircuitBuilder;
import org.memspice.spice.output.Waveforms;

/**
 * A crossbar of native YMEMRISTOR (Yakopcic) cells, the netlist bench/gen-memristor-crossbar.sh
 * writes with native cells: modified Newton (the default) and full Newton ({@code .options
 * newton=full}) give the same waveforms, and modified Newton factors the Jacobian fewer times.
 */
class ModifiedNewtonCrossbarTest {
    private static String crossbar(int rows, int cols, String method) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "* %dx%d YMEMRISTOR crossbar%n", rows, cols));
        sb.append(".model ymem memristor (model=yakopcic a1=0.17 a2=0.17 b=0.05 vp=0.16 vn=0.15 ap=4000 an=4000"
                + " xp=0.3 xn=0.5 alphap=1 alphan=5 eta=1)\n");
        ModifiedNewtonTest.appendArray(sb, rows, cols, 3, (i, j, x0) -> String.format(Locale.ROOT,
                "YMEMRISTOR M%d_%d r%d_%d c%d_%d ymem x0=%.4f%n", i, j, i, j, i, j, x0));
        sb.append(".options newton=").append(method).append("\n.tran 5u 10m uic\n.end\n");
        return sb.toString();
    }

    private static Simulator.Result run(String netlist) {
        return Simulator.run(new CircuitBuilder(ElementRegistry.loadDefault()).build(netlist, Path.of("xbar.cir"))).get(0);
    }

    @Test
    void modifiedNewtonAgreesWithFullNewtonWithFewerFactorizations() {
        Simulator.Result full = run(crossbar(6, 6, "full"));
        Simulator.Result modified = run(crossbar(6, 6, "modified"));
        Statistics f = full.statistics();
        Statistics m = modified.statistics();
        long ff = f.fullFactorizations + f.refactorizations;
        long fm = m.fullFactorizations + m.refactorizations;
        assertEquals(0, f.chordIterations);
        assertTrue(m.chordIterations > 0, "chord steps taken: " + m);
        assertTrue(fm < ff, "modified Newton factors less: " + fm + " against " + ff);
        Waveforms wf = full.waveforms();
        Waveforms wm = modified.waveforms();
        for (String v : new String[] {"i(vin0)", "i(vin5)", "x(m0_0)", "x(m5_5)", "x(m3_2)", "v(c5_3)"}) {
            double[] t = wf.scale();
            double[] a = wf.vector(v);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double worst = 0;
            for (int k = 0; k < t.length; k++) {
                lo = Math.min(lo, a[k]);
                hi = Math.max(hi, a[k]);
                worst = Math.max(worst, Math.abs(wm.interpolate(v, t[k]) - a[k]));
            }
            System.out.printf(Locale.ROOT, "YMEMRISTOR crossbar %s: modified vs full Newton %.3g of peak-to-peak;"
                    + " factorizations %d vs %d, iterations %d vs %d%n", v, worst / (hi - lo), fm, ff,
                    m.newtonIterations, f.newtonIterations);
            assertTrue(worst <= 1e-3 * (hi - lo), v + ": differs by " + worst + " (peak-to-peak " + (hi - lo) + ")");
        }
    }
}
