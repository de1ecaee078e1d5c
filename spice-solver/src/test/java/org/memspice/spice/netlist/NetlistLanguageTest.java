package org.memspice.spice.netlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.spice.Netlists;
import org.memspice.spice.analysis.Simulator;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.ElementRegistry;

/** Netlist constructs other simulators' decks use: libraries, nested and global scopes, ngspice spellings. */
class NetlistLanguageTest {
    private static Circuit build(Path file) {
        return new CircuitBuilder(ElementRegistry.loadDefault()).build(file);
    }

    private static double op(Path file, String vector) {
        return Simulator.run(build(file)).get(0).waveforms().vector(vector)[0];
    }

    @Test
    void libIncludesOnlyTheNamedSection(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("parts.lib"), "* two corners of one divider\n.lib fast\n"
                + ".subckt half a b\nR1 a b 1k\n.ends\n.endl fast\n.lib slow\n.subckt half a b\nR1 a b 3k\n.ends\n.endl\n");
        Files.writeString(dir.resolve("top.cir"), "divider\nV1 in 0 4\nX1 in mid half\nR2 mid 0 1k\n"
                + ".lib 'parts.lib' SLOW\n.op\n.end\n");
        assertEquals(1.0, op(dir.resolve("top.cir"), "v(mid)"), 1e-12);
    }

    @Test
    void missingLibrarySectionListsTheSections(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("parts.lib"), ".lib tt\nR9 a 0 1\n.endl\n.lib ff\nR9 a 0 2\n.endl\n");
        Files.writeString(dir.resolve("top.cir"), "t\nV1 a 0 1\n.lib parts.lib ss\n.op\n");
        NetlistException e = assertThrows(NetlistException.class, () -> build(dir.resolve("top.cir")));
        assertTrue(e.getMessage().startsWith(dir.resolve("top.cir") + ":3: no section 'ss'"), e.getMessage());
        assertTrue(e.getMessage().contains("sections: tt, ff"), e.getMessage());
    }

    @Test
    void aSectionDefinedInTheNetlistItselfIsSkippedUnlessReferenced() {
        double v = Netlists.op("t\nV1 a 0 2\nR1 a b 1k\nR2 b 0 1k\n.lib unused\nR3 b 0 1\n.endl\n.op\n", "v(b)");
        assertEquals(1.0, v, 1e-12);
    }

    @Test
    void nestedSubcircuitsAreVisibleOnlyInsideTheirParent() {
        // two parents each define their own "leg"; the instances must use their parent's
        String net = "nest\nI1 0 a 1m\nX1 a p1\nI2 0 b 1m\nX2 b p2\n"
                + ".subckt p1 n\n.subckt leg x\nR1 x 0 2k\n.ends\nXl n leg\n.ends\n"
                + ".subckt p2 n\n.subckt leg x\nR1 x 0 5k\n.ends\nXl n leg\n.ends\n.op\n";
        assertEquals(2.0, Netlists.op(net, "v(a)"), 1e-9);
        assertEquals(5.0, Netlists.op(net, "v(b)"), 1e-9);
        NetlistException e = assertThrows(NetlistException.class, () -> Netlists.circuit(
                "nest\nX1 a leg\n.subckt p n\n.subckt leg x\nR1 x 0 1\n.ends\n.ends\nR1 a 0 1\n.op\n"));
        assertTrue(e.getMessage().contains("no .subckt named 'leg'"), e.getMessage());
    }

    @Test
    void globalNodesAreSharedByEverySubcircuit() {
        // the subcircuit's "vdd" is the top-level vdd, not x1.vdd
        String net = "g\n.global vdd\nVdd vdd 0 3\nX1 out pull\nR2 out 0 1k\n.subckt pull o\nR1 vdd o 2k\n.ends\n.op\n";
        assertEquals(1.0, Netlists.op(net, "v(out)"), 1e-12);
    }

    @Test
    void ngspiceSourceSpellingsAndCsparam() {
        String net = "s\n.csparam vmax=3\nV1 a 0 dc={vmax} ac=1\nR1 a b 1k\nI1 0 b dc=1m\nR2 b 0 1k\n.op\n";
        // v(b) = (3/1k + 1m) / (1/1k + 1/1k)
        assertEquals(2.0, Netlists.op(net, "v(b)"), 1e-12);
    }
}
