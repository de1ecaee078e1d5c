package org.memspice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .sens} cards and {@code sim --sens}: the table, and bad cards named at their line. */
class SimSensTest {
    private static Path netlist(Path dir, String text) throws Exception {
        Path p = dir.resolve("n.cir");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void dividerTableHasValueDerivativeAndNormalizedSensitivity(@TempDir Path dir) throws Exception {
        Path net = netlist(dir, "div\nV1 a 0 10\nR1 a b 1k\nR2 b 0 3k\n.op\n.sens v(b) r1 r2 v1\n");
        Path table = dir.resolve("sens.csv");
        CliRun r = CliRun.of("sim", net.toString(), "--sens", table.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<String> lines = Files.readAllLines(table);
        assertEquals("objective,parameter,value,derivative,normalized", lines.get(0));
        assertTrue(lines.get(1).startsWith("v(b),r1:r,1000.00000000,-0.00187500000000,-0.250000000000"), lines.get(1));
        assertTrue(lines.get(3).startsWith("v(b),v1:dc,10.0000000000,0.750000000000,1.00000000000"), lines.get(3));
    }

    @Test
    void transientObjectiveIsPrintedWithoutAFile(@TempDir Path dir) throws Exception {
        Path net = netlist(dir, "rc\nV1 in 0 PULSE(0 1 0 1n 1n 10 20)\nR1 in out 1k\nC1 out 0 1u\n.tran 10u 2m\n"
                + ".sens {integ(v(out)) + at(v(out), 1m)} r1 c1\n");
        CliRun r = CliRun.of("sim", net.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("Sensitivities:\nobjective,parameter,value,derivative,normalized\n"), r.out());
        assertTrue(r.out().contains("\"integ(v(out)) + at(v(out), 1m)\",r1:r,1000.0"), r.out());
        // the run depends on R and C only through RC: equal normalized sensitivities
        String[] lines = r.out().split("\n");
        String rn = lines[2].substring(lines[2].lastIndexOf(',') + 1);
        String cn = lines[3].substring(lines[3].lastIndexOf(',') + 1);
        assertEquals(Double.parseDouble(rn), Double.parseDouble(cn), 1e-6 * Math.abs(Double.parseDouble(rn)));
    }

    @Test
    void uicRunsStartTheirSensitivitiesFromTheInitialConditions(@TempDir Path dir) throws Exception {
        // an RC discharging from IC=0.7: v(2 ms) = 0.7·exp(−2), dv/dIC = exp(−2)
        Path rc = netlist(dir, "rc\nR1 out 0 1k\nC1 out 0 1u IC=0.7\n.tran 1u 2m uic\n"
                + ".options reltol=1e-7 abstol=1e-15 chgtol=1e-20\n.sens v(out) c1:ic\n");
        Path table = dir.resolve("rc.csv");
        CliRun r = CliRun.of("sim", rc.toString(), "--sens", table.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        String[] row = Files.readAllLines(table).get(1).split(",");
        assertEquals("c1:ic", row[1]);
        assertEquals(Math.exp(-2), Double.parseDouble(row[3]), 1e-3 * Math.exp(-2));
        // a memristor from its x0: the table is the API's gradient
        Path mem = netlist(dir, "m\nV1 a 0 SIN(0 1 1k)\nR1 a b 100\nYMEMRISTOR ym1 b 0 mm x0=0.3\nC1 b 0 10n IC=0.1\n"
                + ".model mm MEMRISTOR (model=hp wt=1 p=1)\n.tran 10u 1m uic\n.sens {integ(v(b)) * 1e3 + x(ym1)} ym1:x0 mm:ron c1:ic\n");
        table = dir.resolve("m.csv");
        r = CliRun.of("sim", mem.toString(), "--sens", table.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<String> lines = Files.readAllLines(table);
        double[] api = org.memspice.spice.sensitivity.Sensitivity.compute(mem, "integ(v(b)) * 1e3 + x(ym1)",
                List.of("ym1:x0", "mm:ron", "c1:ic")).gradient();
        for (int k = 0; k < 3; k++) {
            String[] cells = lines.get(k + 1).split(",");
            assertTrue(api[k] != 0, cells[1]);
            assertEquals(api[k], Double.parseDouble(cells[cells.length - 2]), 1e-10 * Math.abs(api[k]), cells[1]);
        }
    }

    @Test
    void badCardsExitTwoAtTheirLine(@TempDir Path dir) throws Exception {
        String base = "rc\nV1 in 0 1\nR1 in out 1k\nC1 out 0 1u\n.tran 10u 1m\n";
        String[][] cases = {
            {".sens v(nowhere) r1", "n.cir:6", "nowhere"},
            {".sens v(out) r9", "n.cir:6", "no element, model or .param named r9"},
            {".sens v(out) r1:zz", "n.cir:6", "zz"},
            {".sens max(v(out) r1", "n.cir:6", "unbalanced"},
            {".sens i(c1) r1", "n.cir:6", "c1 has no branch current"},
        };
        for (String[] c : cases) {
            Path net = netlist(dir, base + c[0] + "\n");
            CliRun r = CliRun.of("sim", net.toString());
            assertEquals(ExitCodes.INPUT, r.code(), c[0] + ": " + r.err());
            assertTrue(r.err().contains(c[1]) && r.err().contains(c[2]), c[0] + ": " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        Path net = netlist(dir, base);
        CliRun none = CliRun.of("sim", net.toString(), "--sens", dir.resolve("s.csv").toString());
        assertEquals(ExitCodes.INPUT, none.code());
        assertTrue(none.err().contains("has none"), none.err());
    }

    @Test
    void aParameterTheModelCannotDifferentiateIsNamed(@TempDir Path dir) throws Exception {
        Path net = netlist(dir, "m\nV1 a 0 SIN(0 0.5 1k)\nR1 a b 100\nYMEMRISTOR ym1 b 0 mm\n"
                + ".model mm MEMRISTOR (model=hp wt=1)\n.tran 10u 1m\n.sens v(b) mm:wt\n");
        CliRun r = CliRun.of("sim", net.toString());
        assertEquals(ExitCodes.INPUT, r.code(), r.err());
        assertTrue(r.err().contains("n.cir:7") && r.err().contains("wt") && r.err().contains("discrete"), r.err());
    }
}
