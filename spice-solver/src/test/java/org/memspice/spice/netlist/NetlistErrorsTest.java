package org.memspice.spice.netlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.spice.Netlists;

/** Every bad line is reported as file:line[:column]: what was expected. */
class NetlistErrorsTest {
    private static String error(String netlist) {
        return assertThrows(NetlistException.class, () -> Netlists.circuit(netlist)).getMessage();
    }

    @Test
    void badValueNamesFileLineAndColumn() {
        String msg = error("title\nV1 a 0 1\nR1 a 0 abc\n.op\n");
        assertTrue(msg.startsWith("test.cir:3:8: "), msg);
        assertTrue(msg.contains("unknown parameter 'abc'"), msg);
    }

    @Test
    void unknownElementLetterListsKnownOnes() {
        String msg = error("title\nQ1 a b c qmod\n.op\n");
        assertTrue(msg.startsWith("test.cir:2:1: unknown element type 'Q'"), msg);
        assertTrue(msg.contains("R"), msg);
    }

    @Test
    void missingNodeIsExpected() {
        String msg = error("title\nR1 a\n.op\n");
        assertTrue(msg.startsWith("test.cir:2: r1: expected second node"), msg);
    }

    @Test
    void missingModel() {
        String msg = error("title\nD1 a 0 nosuch\nV1 a 0 1\n.op\n");
        assertTrue(msg.contains("test.cir:2:8") && msg.contains("no .model named 'nosuch'"), msg);
    }

    @Test
    void unknownModelParameter() {
        String msg = error("title\nD1 a 0 dm\nV1 a 0 1\n.model dm D(IS=1e-14 XYZ=3)\n.op\n");
        assertTrue(msg.startsWith("test.cir:4: model dm (d) has no parameter 'xyz'"), msg);
    }

    @Test
    void subcircuitPortCountMismatch() {
        String msg = error("title\n.subckt div a b\nR1 a b 1k\n.ends\nX1 n1 div\n.op\n");
        assertTrue(msg.startsWith("test.cir:5: x1: subcircuit div has 2 ports, the instance connects 1"), msg);
    }

    @Test
    void unterminatedSubcircuit() {
        String msg = error("title\n.subckt div a b\nR1 a b 1k\n");
        assertTrue(msg.contains(".subckt div has no matching .ends"), msg);
    }

    @Test
    void expressionSyntaxErrorPointsAtColumn() {
        String msg = error("title\n.param a = 2*(3+\nR1 x 0 1\n.op\n");
        assertTrue(msg.startsWith("test.cir:2:"), msg);
        assertTrue(msg.contains("expression ends"), msg);
    }

    @Test
    void unknownFunction() {
        String msg = error("title\n.param a = foo(2)\n.op\n");
        assertTrue(msg.contains("unknown function 'foo'"), msg);
    }

    @Test
    void badTranCard() {
        String msg = error("title\nR1 a 0 1\n.tran 1u\n");
        assertTrue(msg.startsWith("test.cir:3: expected .tran tstep tstop"), msg);
    }

    @Test
    void duplicateElement() {
        String msg = error("title\nR1 a 0 1\nR1 a 0 2\n.op\n");
        assertTrue(msg.startsWith("test.cir:3: element r1 is defined twice"), msg);
    }

    @Test
    void includedFileErrorsNameTheIncludedFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("part.inc"), "* part\nR2 a 0 1k\nC9 a\n");
        Files.writeString(dir.resolve("top.cir"), "top\nV1 a 0 1\n.include part.inc\n.op\n.end\n");
        NetlistException e = assertThrows(NetlistException.class,
                () -> new CircuitBuilder(org.memspice.spice.element.ElementRegistry.loadDefault()).build(dir.resolve("top.cir")));
        assertTrue(e.getMessage().startsWith(dir.resolve("part.inc") + ":3: c9: expected second node"), e.getMessage());
    }

    @Test
    void includeContinuationCommentsAndCase(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("part.inc"), "R2 OUT 0 1K ; inline comment\n");
        Files.writeString(dir.resolve("top.cir"), "top\n* comment\nv1 IN 0\n+ DC 2 $ trailing\nR1 in out\n+ 1k\n"
                + ".INCLUDE \"part.inc\"\n.OP\n.END\nR9 this line is after end\n");
        var c = new CircuitBuilder(org.memspice.spice.element.ElementRegistry.loadDefault()).build(dir.resolve("top.cir"));
        var w = org.memspice.spice.analysis.Simulator.run(c).get(0).waveforms();
        assertEquals(1.0, w.vector("v(out)")[0], 1e-12);
    }
}
