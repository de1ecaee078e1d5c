package org.memspice.crossbar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.output.Waveforms;
import org.memspice.spice.reference.ReferenceCase;

/** The structured solver against the general engine on the same netlist, and against ngspice. */
class PassiveArraySolverTest {
    private static PassiveArray random(int rows, int cols, long seed) {
        Random r = new Random(seed);
        PassiveArray a = new PassiveArray(rows, cols, 2.5, 3.0, 10, 5);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a.setConductance(i, j, 1 / (10e3 + 50e3 * r.nextDouble()));
            }
        }
        return a;
    }

    @Test
    void agreesWithTheGeneralEngineOnEveryNode() {
        PassiveArray a = random(9, 7, 1);
        double[] in = new double[9];
        Random r = new Random(2);
        for (int i = 0; i < in.length; i++) {
            in[i] = 0.1 + 0.2 * r.nextDouble();
        }
        ReadResult fast = new PassiveArraySolver(a).read(in, 1e-13);
        Waveforms engine = Netlists.run(a.netlist(in));
        double scale = 0;
        for (double v : in) {
            scale = Math.max(scale, v);
        }
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 7; j++) {
                double er = engine.vector("v(r" + i + "_" + j + ")")[0];
                double ec = engine.vector("v(c" + i + "_" + j + ")")[0];
                assertEquals(er, fast.rowNode(i, j), 1e-6 * Math.abs(er) + 1e-12 * scale, "row node " + i + "," + j);
                assertEquals(ec, fast.columnNode(i, j), 1e-6 * Math.abs(ec) + 1e-12 * scale, "column node " + i + "," + j);
            }
        }
    }

    @Test
    void reproducesTheNgspiceReferenceCrossbar() throws Exception {
        Path cir = ReferenceCase.resource("xbar_passive_64.cir");
        List<String> lines = Files.readAllLines(cir);
        PassiveArray a = new PassiveArray(64, 64, 2.5, 2.5, 2.5, 2.5);
        double[] in = new double[64];
        for (String l : lines) {
            String[] f = l.trim().split("\\s+");
            if (f[0].startsWith("VIN")) {
                in[Integer.parseInt(f[0].substring(3))] = Double.parseDouble(f[4]);
            } else if (f[0].startsWith("RM")) {
                String[] ij = f[0].substring(2).split("_");
                a.setConductance(Integer.parseInt(ij[0]), Integer.parseInt(ij[1]), 1 / Double.parseDouble(f[3]));
            }
        }
        ReadResult fast = new PassiveArraySolver(a).read(in, 1e-12);
        Waveforms ref = ReferenceCase.ngspice("xbar_passive_64");
        for (int j : new int[] {0, 1, 32, 63}) {
            double expected = ref.vector("v(c63_" + j + ")")[0];
            assertEquals(expected, fast.columnNode(63, j), 1e-3 * Math.abs(expected), "v(c63_" + j + ")");
        }
        assertTrue(fast.iterations() < 200, "preconditioned CG converges quickly: " + fast.iterations());
    }

    @Test
    void powerBalancesAndWireResistanceLowersTheProduct() {
        PassiveArray a = random(32, 24, 3);
        double[] in = new double[32];
        java.util.Arrays.fill(in, 0.2);
        ReadResult read = new PassiveArraySolver(a).read(in, 1e-13);
        assertEquals(read.sourcePower(), read.dissipatedPower(), 1e-9 * read.sourcePower(), "energy is conserved");
        for (int j = 0; j < 24; j++) {
            assertTrue(read.columnCurrent(j) < read.idealColumnCurrent(j), "IR drop reduces column " + j);
            assertTrue(read.columnCurrent(j) > 0.9 * read.idealColumnCurrent(j), "but only by a few percent");
        }
    }
}
