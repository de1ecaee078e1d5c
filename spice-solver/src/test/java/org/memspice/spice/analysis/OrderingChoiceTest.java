package org.memspice.spice.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memspice.spice.Netlists;
import org.memspice.spice.circuit.Options;
import org.memspice.spice.linalg.SparseLu;
import org.memspice.spice.netlist.NetlistException;
import org.memspice.spice.output.Waveforms;

/**
 * How `sim` chooses the ordering of the circuit matrix: a lone operating point of a mid-sized
 * grid keeps minimum degree (a dissection would cost more than the one factorization it
 * shortens), a transient of the same grid, which refactors at many points, gets nested
 * dissection, and `.options ordering` forces either with the same waveforms.
 */
class OrderingChoiceTest {
    /** A k x k resistive mesh (1 ohm), every node with 1 pF to ground, driven at a corner through 1 ohm. */
    private static String mesh(int k, String analysis, String options) {
        StringBuilder b = new StringBuilder("* mesh ").append(k).append('x').append(k).append('\n');
        b.append("V1 in 0 PULSE(1 0 0 1n 1n 5n 10n)\nRIN in n0_0 1\n");
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (j + 1 < k) {
                    b.append("RH").append(i).append('_').append(j).append(" n").append(i).append('_').append(j)
                            .append(" n").append(i).append('_').append(j + 1).append(" 1\n");
                }
                if (i + 1 < k) {
                    b.append("RV").append(i).append('_').append(j).append(" n").append(i).append('_').append(j)
                            .append(" n").append(i + 1).append('_').append(j).append(" 1\n");
                }
                b.append("C").append(i).append('_').append(j).append(" n").append(i).append('_').append(j)
                        .append(" 0 1p\n");
            }
        }
        b.append("RL n").append(k - 1).append('_').append(k - 1).append(" 0 1\n");
        return b.append(options).append(analysis).append(".end\n").toString();
    }

    @Test
    void aTransientOfALargeMeshGetsNestedDissectionAndAnOperatingPointDoesNot() {
        int k = 230; // 52,900 unknowns: above SparseLu's smallest size for a dissection
        Simulator.Result op = Netlists.runAll(mesh(k, ".op\n", "")).get(0);
        assertEquals(SparseLu.Ordering.MINIMUM_DEGREE, op.statistics().ordering, op.statistics().toString());
        String tran = ".tran 0.5n 3n\n.save v(n0_0) v(n229_229) v(n115_115)\n";
        Simulator.Result auto = Netlists.runAll(mesh(k, tran, "")).get(0);
        assertEquals(SparseLu.Ordering.NESTED_DISSECTION, auto.statistics().ordering, auto.statistics().toString());
        assertTrue(auto.statistics().toString().contains("(nested dissection"), auto.statistics().toString());
        Simulator.Result amd = Netlists.runAll(mesh(k, tran, ".options ordering=amd\n")).get(0);
        assertEquals(SparseLu.Ordering.MINIMUM_DEGREE, amd.statistics().ordering);
        assertTrue(amd.statistics().factorNonZeros > auto.statistics().factorNonZeros,
                "dissection fills less: " + auto.statistics() + " vs " + amd.statistics());
        Waveforms a = auto.waveforms();
        Waveforms m = amd.waveforms();
        assertEquals(m.scale().length, a.scale().length);
        for (String v : new String[] {"v(n0_0)", "v(n229_229)", "v(n115_115)"}) {
            double[] x = a.vector(v);
            double[] y = m.vector(v);
            for (int t = 0; t < x.length; t++) {
                assertEquals(y[t], x[t], 1e-12 + 1e-9 * Math.abs(y[t]), v + " at point " + t);
            }
        }
    }

    @Test
    void optionNamesTheOrderings() {
        assertEquals(SparseLu.Ordering.AUTO, new Options().ordering);
        assertEquals(SparseLu.Ordering.NESTED_DISSECTION,
                Netlists.circuit("* ok\nR1 a 0 1\nV1 a 0 1\n.options ordering=ND\n.op\n").options().ordering);
        assertEquals(SparseLu.Ordering.MINIMUM_DEGREE,
                Netlists.circuit("* ok\nR1 a 0 1\nV1 a 0 1\n.options ordering=amd\n.op\n").options().ordering);
        NetlistException e = assertThrows(NetlistException.class,
                () -> Netlists.circuit("* bad\nR1 a 0 1\nV1 a 0 1\n.options ordering=metis\n.op\n"));
        assertTrue(e.getMessage().contains("ordering takes auto, amd (minimum degree) or nd"), e.getMessage());
        assertTrue(e.getMessage().contains(":4:"), "names the line and column: " + e.getMessage());
    }

    @Test
    void forcedDissectionSolvesASmallCircuitLikeMinimumDegree() {
        String deck = mesh(12, ".op\n", "");
        double amd = Netlists.op(deck.replace(".op\n", ".options ordering=amd\n.op\n"), "v(n6_6)");
        double nd = Netlists.op(deck.replace(".op\n", ".options ordering=nd\n.op\n"), "v(n6_6)");
        assertEquals(amd, nd, 1e-12 * Math.abs(amd));
        assertTrue(amd > 0 && amd < 1, "a divider's node: " + amd);
    }
}
