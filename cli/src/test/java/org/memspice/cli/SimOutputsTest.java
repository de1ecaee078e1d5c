package org.memspice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `sim` writes, and that nothing is lost or half-written when something goes wrong. */
class SimOutputsTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MemspiceCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static Path netlist(Path dir, String text) throws Exception {
        Path p = dir.resolve("n.cir");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void outputsToAMissingFolderOrAFolderAreRefusedBeforeTheRun(@TempDir Path dir) throws Exception {
        Path net = netlist(dir, "rc\nV1 a 0 1\nR1 a b 1k\nC1 b 0 1n\n.tran 10n 1u\n");
        Run missing = run("sim", net.toString(), "-o", dir.resolve("nope").resolve("out.csv").toString());
        assertEquals(ExitCodes.INPUT, missing.code());
        assertTrue(missing.err().contains("cannot write " + dir.resolve("nope").resolve("out.csv") + ": the folder"),
                missing.err());
        Run folder = run("sim", net.toString(), "--raw", dir.toString());
        assertEquals(ExitCodes.INPUT, folder.code());
        assertTrue(folder.err().contains("it is a folder"), folder.err());
    }

    @Test
    void aBadPlotVectorIsRefusedBeforeTheRunNamingWhatIsRecorded(@TempDir Path dir) throws Exception {
        Path net = netlist(dir, "rc\nV1 a 0 1\nR1 a b 1k\nC1 b 0 1n\n.tran 10n 1u\n");
        Run r = run("sim", net.toString(), "--plot", dir.resolve("p.png").toString(), "--vectors", "v(nope)");
        assertEquals(ExitCodes.INPUT, r.code());
        assertTrue(r.err().contains("--vectors: no vector v(nope) (the tran analysis records v(a), v(b), i(v1), time)"),
                r.err());
        assertFalse(Files.exists(dir.resolve("p.png")));
        Run x = run("sim", net.toString(), "--plot", dir.resolve("p.png").toString(), "--x", "v(q)");
        assertEquals(ExitCodes.INPUT, x.code());
        assertTrue(x.err().contains("--x: no vector v(q)"), x.err());
    }

    @Test
    void plotVectorsWithoutAPlotAreRefusedNotIgnored(@TempDir Path dir) throws Exception {
        Path net = netlist(dir, "divider\nV1 a 0 2\nR1 a b 1k\nR2 b 0 1k\n.op\n");
        Run r = run("sim", net.toString(), "-o", dir.resolve("out.csv").toString(), "--vectors", "v(b)");
        assertEquals(ExitCodes.INPUT, r.code());
        assertTrue(r.err().contains("--vectors chooses what --plot draws"), r.err());
        assertFalse(Files.exists(dir.resolve("out.csv")), "refused before the run");
        Run x = run("sim", net.toString(), "--x", "v(a)");
        assertEquals(ExitCodes.INPUT, x.code());
        assertTrue(x.err().contains("--x chooses what --plot draws"), x.err());
        // an operating point's bars: a name it does not record is refused too
        Run op = run("sim", net.toString(), "--plot", dir.resolve("p.png").toString(), "--vectors", "v(zz)");
        assertEquals(ExitCodes.INPUT, op.code());
        assertTrue(op.err().contains("--vectors: no vector v(zz) (the op analysis records"), op.err());
        assertEquals(0, run("sim", net.toString(), "--plot", dir.resolve("p.png").toString(), "--vectors", "v(b)").code());
    }

    @Test
    void aFailedRunLeavesTheEarlierOutputUntouched(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.csv");
        Files.writeString(out, "earlier results\n");
        Path net = netlist(dir, "hard\n.options itl4=1\nV1 a 0 SIN(0 5 1k)\nR1 a d 100\nD1 d 0 dm\n"
                + ".model dm D(IS=1e-14)\n.tran 1u 1m\n");
        assertEquals(ExitCodes.SIMULATION, run("sim", net.toString(), "-o", out.toString()).code());
        assertEquals("earlier results\n", Files.readString(out));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left beside the output");
        }
    }

    /**
     * The CSV of each analysis is written while it runs (the transient's block by block), by the
     * last of repeated runs: the files hold the bytes the writer gives the same analyses' results.
     */
    @Test
    void theCsvFilesWrittenDuringTheRunAreThoseOfTheResults(@TempDir Path dir) throws Exception {
        Path net = netlist(dir, "m\nV1 a 0 DC 0.5 SIN(0.5 1 1k)\nR1 a b 1k\nC1 b 0 100n\n.op\n.tran 0.5u 3m\n"
                + ".dc V1 0 1 0.25\n");
        Path out = dir.resolve("out.csv");
        assertEquals(ExitCodes.OK, run("sim", net.toString(), "-o", out.toString(), "--repeat", "2").code());
        List<org.memspice.spice.analysis.Simulator.Result> results = org.memspice.spice.analysis.Simulator.run(
                new org.memspice.spice.netlist.CircuitBuilder(org.memspice.spice.element.ElementRegistry.loadDefault())
                        .build(net));
        String[] files = {"out.csv", "out-tran2.csv", "out-dc3.csv"};
        for (int i = 0; i < files.length; i++) {
            Path expected = dir.resolve("expected-" + files[i]);
            org.memspice.spice.output.CsvWriter.write(results.get(i).waveforms(), expected);
            assertEquals(Files.readString(expected), Files.readString(dir.resolve(files[i])), files[i]);
        }
        assertTrue(Files.readAllLines(dir.resolve("out-tran2.csv")).size() > 4096, "the transient filled blocks");
        try (var listed = Files.list(dir)) {
            assertEquals(1 + 2 * files.length, listed.count(), "no temporary file left beside the outputs");
        }
    }

    @Test
    void differentialVectorsAreQuotedInTheCsvHeader(@TempDir Path dir) throws Exception {
        Path net = netlist(dir, "d\nV1 a 0 2\nR1 a b 1k\nR2 b 0 1k\n.print dc v(a,b) i(v1)\n.dc V1 0 2 1\n");
        Path csv = dir.resolve("d.csv");
        assertEquals(0, run("sim", net.toString(), "-o", csv.toString()).code());
        assertEquals("v-sweep,\"v(a,b)\",i(v1)", Files.readAllLines(csv).get(0));
    }

    @Test
    void measurementsArePrintedAndWrittenBesideTheWaveforms(@TempDir Path dir) throws Exception {
        Path net = netlist(dir, "m\nV1 a 0 SIN(0 1 1k)\nR1 a 0 1k\n.tran 5u 2.5m\n"
                + ".measure tran period TRIG v(a) VAL=0 RISE=1 TARG v(a) VAL=0 RISE=2\n.meas tran never WHEN v(a)=5\n");
        Path csv = dir.resolve("w.csv");
        Run r = run("sim", net.toString(), "-o", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("period") && r.out().contains("= 0.00100000"), r.out());
        assertTrue(r.out().contains("never") && r.out().contains("failed (WHEN: v(a) never crosses 5.0)"), r.out());
        List<String> lines = Files.readAllLines(dir.resolve("w-meas.csv"));
        assertEquals("analysis,name,value,detail", lines.get(0));
        assertTrue(lines.get(1).matches("tran,period,0\\.00(1|09999\\d*),\"targ 0\\.00200000, trig 0\\.00100000\""), lines.get(1));
        assertEquals("tran,never,,failed: WHEN: v(a) never crosses 5.0", lines.get(2));
    }

    @Test
    void aTitleOutsideAsciiIsEscapedInTheRawFile(@TempDir Path dir) throws Exception {
        Path net = netlist(dir, "1 µm cell\nV1 a 0 1\nR1 a 0 1k\n.op\n");
        Path raw = dir.resolve("o.raw");
        assertEquals(0, run("sim", net.toString(), "--raw", raw.toString()).code());
        assertEquals("Title: 1 \\u00b5m cell", Files.readAllLines(raw).get(0));
    }

    @Test
    void aPlotOfACsvHoldingInfinityIsALocatedInputError(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("inf.csv");
        Files.writeString(csv, "time,v(a)\n0,0\n1e-6,Infinity\n");
        Run r = run("plot", csv.toString(), "-o", dir.resolve("p.png").toString());
        assertEquals(ExitCodes.INPUT, r.code());
        assertTrue(r.err().contains("inf.csv:3: column 2: Infinity is not a finite value"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
