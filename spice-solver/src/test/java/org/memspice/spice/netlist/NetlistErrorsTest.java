package org.memspice.spice.netlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.spice.Netlists;
import org.memspice.spice.circuit.Limits;

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
        String msg = error("title\nY1 a b c qmod\n.op\n");
        assertTrue(msg.startsWith("test.cir:2:1: unknown element type 'Y'"), msg);
        assertTrue(msg.contains("R"), msg);
    }

    @Test
    void spiceElementsMemspiceLacksAreNamed() {
        String msg = error("title\nQ1 a b c qmod\n.op\n");
        assertTrue(msg.startsWith("test.cir:2:1: bipolar transistors (Q) are not supported by memspice"), msg);
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

    @Test
    void optionsAreCheckedWhereTheyAreRead() {
        assertTrue(error("t\n.options reltol=-1e-3\nR1 a 0 1\n.op\n").startsWith("test.cir:2:17: option reltol must lie"
                + " between 0 and 1"));
        assertTrue(error("t\n.options gmin=-1\nR1 a 0 1\n.op\n").contains("option gmin must be at least 0"));
        assertTrue(error("t\n.temp -300\nR1 a 0 1\n.op\n").contains("above absolute zero"));
        assertTrue(error("t\n.options itl1=2.5\nR1 a 0 1\n.op\n").contains("whole number"));
        assertTrue(error("t\n.options itl2=0\nR1 a 0 1\n.op\n").contains("option itl2 must be a whole number"));
        assertTrue(error("t\n.options rshunt=1e12\nR1 a 0 1\n.op\n").contains("option rshunt is not supported"));
        // listing options change nothing and are accepted; an unknown one is a warning, not silence
        org.memspice.spice.circuit.Circuit c = Netlists.circuit("t\n.opt list node lvlcod=2 noacct frobnicate=3\n"
                + "V1 a 0 1\nR1 a 0 1\n.op\n");
        assertEquals(1, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).contains("option frobnicate is unknown"), c.warnings().toString());
    }

    @Test
    void numbersBeyondADoubleAndDivisionsByZeroAreRefused() {
        assertTrue(error("t\nV1 a 0 1\nR1 a 0 1e999\n.op\n").contains("beyond the range of a double"));
        assertTrue(error("t\nV1 a 0 1\nR1 a 0 {1/0}\n.op\n").contains("not a finite number"));
        assertTrue(error("t\n.param p={1/0}\nV1 a 0 1\nR1 a 0 1\n.op\n").startsWith("test.cir:2:11: .param p"));
        assertTrue(error("t\nV1 a 0 1\nR1 a 0 1\n.tran 1u 1e999\n").contains("beyond the range of a double"));
    }

    @Test
    void transientArgumentsAreChecked() {
        assertTrue(error("t\nV1 a 0 1\nR1 a 0 1\n.tran 1u 1m 0 -1u\n").contains("tmax must be positive"));
        assertTrue(error("t\nV1 a 0 1\nR1 a 0 1\n.tran 1u 1m 2m\n").contains("tstart must satisfy"));
        assertTrue(error("t\nV1 a 0 1\nR1 a 0 1\n.tran 1f 1e6\n").contains("more than memspice's limit"));
    }

    @Test
    void badOutputVectorAndSweepSourceAreLocatedInputErrors() {
        NetlistException print = assertThrows(NetlistException.class,
                () -> Netlists.run("t\nV1 a 0 1\nR1 a 0 1\n.print tran v(nonode)\n.tran 1u 10u\n"));
        assertTrue(print.getMessage().startsWith("test.cir:4: cannot print v(nonode): no node named nonode"),
                print.getMessage());
        assertTrue(error("t\nV1 a 0 1\nR1 a 0 1\n.dc VNOPE 0 1 0.1\n").startsWith("test.cir:4:5: .dc sweeps a V or I"
                + " source or TEMP, but VNOPE is not in the circuit"));
    }

    @Test
    void sweepPointCountIsBoundedAndAStepThatOverflowsIsRefused() {
        assertTrue(error("t\nV1 a 0 1\nR1 a 0 1\n.dc V1 0 1 1e-9\n").contains("more than memspice's limit"));
        assertTrue(error("t\nV1 a 0 1\nR1 a 0 1\n.dc V1 0 1e300 1e-300\n").contains("more than memspice's limit"));
    }

    @Test
    void recursiveSubcircuitIsNamedAtItsInstance() {
        String msg = error("t\nV1 a 0 1\nX1 a 0 loop\n.subckt loop p n\nR1 p n 1k\nX2 p n loop\n.ends\n.op\n");
        assertTrue(msg.startsWith("test.cir:6: subcircuit loop instantiates itself"), msg);
    }

    @Test
    void exponentialSubcircuitExpansionIsRefusedBeforeBuilding() {
        // each level holds two of the level below: 2^30 resistors
        StringBuilder n = new StringBuilder("t\nV1 a 0 1\nX1 a 0 l0\n.subckt l30 p q\nR1 p q 1k\n.ends\n");
        for (int k = 29; k >= 0; k--) {
            n.append(".subckt l").append(k).append(" p q\nXa p q l").append(k + 1).append("\nXb p q l").append(k + 1)
                    .append("\n.ends\n");
        }
        String msg = error(n.append(".op\n").toString());
        // named at the instance, inside the definitions, whose count first passes the limit
        assertTrue(msg.matches("test\\.cir:\\d+: instance x[ab] of l\\d+ takes the netlist past .*"), msg);
        assertTrue(msg.contains(String.format(java.util.Locale.ROOT, "limit of %,d elements", Limits.MAX_ELEMENTS)), msg);
        assertTrue(msg.contains("MB of Java heap"), msg);
    }

    @Test
    void aCircuitWithOnlyGroundIsALocatedInputError() {
        // every element shorted to ground leaves nothing to solve for; said at the first element
        assertTrue(error("t\nR1 0 0 1k\n.op\n").startsWith("test.cir:2: the circuit has no node besides ground"));
        assertTrue(error("t\n.op\n").startsWith("test.cir:1: the circuit has no node besides ground"));
    }

    @Test
    void invalidUtf8IsReportedByLineAndColumn(@TempDir Path dir) throws Exception {
        Path net = dir.resolve("latin1.cir");
        byte[] latin1 = "t\nV1 a 0 1\nC1 a 0 1\u00b5\n.op\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(net, latin1);
        NetlistException e = assertThrows(NetlistException.class,
                () -> new CircuitBuilder(org.memspice.spice.element.ElementRegistry.loadDefault()).build(net));
        assertTrue(e.getMessage().startsWith(net + ":3:9: invalid UTF-8 byte 0xB5"), e.getMessage());
        assertTrue(e.getMessage().contains("micro sign"), e.getMessage());
    }
}
