package org.memspice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.spice.output.WaveformReader;
import org.memspice.spice.output.Waveforms;

/** The command line as a script sees it: files written, messages, exit codes. */
class MemspiceCommandTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MemspiceCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static Path bundled(String name) {
        // tests run in cli/; the bundled netlists live one level up
        Path p = Path.of("..", "netlists", name);
        assertTrue(Files.exists(p), "bundled netlist " + p);
        return p;
    }

    @Test
    void simulatesTheBundledFilterIntoCsvRawAndPng(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("out.csv");
        Path raw = dir.resolve("out.raw");
        Path png = dir.resolve("out.png");
        Run r = run("sim", bundled("rc_filter.cir").toString(), "-o", csv.toString(), "--raw", raw.toString(),
                "--plot", png.toString(), "--stats");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.err().contains("in-process total"), r.err());
        assertTrue(r.err().matches("(?s).*expression tapes compiled \\d+, interpreted \\d+ .*, compile time [0-9.]+ ms.*"), r.err());
        // --stats: the phases with their CPU time, and peak memory both ways
        assertTrue(r.err().matches("(?s).*phases \\(wall s / main-thread cpu s / MB allocated\\): JVM start and command"
                + " line [0-9.]+, read [0-9.]+ / [0-9.]+ / \\d+, build .*, set-up .*, analyses .*, write .*; process cpu"
                + " .*; garbage collection .*"), r.err());
        assertTrue(r.err().contains("memory: peak resident set ") && r.err().contains("Java heap peak"), r.err());
        Waveforms fromCsv = WaveformReader.read(csv);
        Waveforms fromRaw = WaveformReader.read(raw);
        assertEquals(List.of("v(in)", "v(out)", "i(v1)"), fromCsv.names());
        assertEquals("time", fromCsv.scaleName());
        assertEquals(fromCsv.rows(), fromRaw.rows());
        assertEquals(fromCsv.vector("v(out)")[fromCsv.rows() - 1], fromRaw.vector("v(out)")[fromRaw.rows() - 1], 0);
        // RC with tau = 100 us driven by a 50 % square wave settles around 0.5 V
        double last = fromCsv.vector("v(out)")[fromCsv.rows() - 1];
        assertTrue(last > 0.3 && last < 0.7, "v(out) at 500 us: " + last);
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() >= 800 && img.getHeight() >= 400);
    }

    @Test
    void plotsAnEarlierResult(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("a.csv");
        assertEquals(0, run("sim", bundled("rc_filter.cir").toString(), "-o", csv.toString()).code());
        Path png = dir.resolve("p.png");
        Run r = run("plot", csv.toString(), "-o", png.toString(), "--vectors", "v(out)");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(Files.size(png) > 1000);
        Run bad = run("plot", csv.toString(), "-o", png.toString(), "--vectors", "v(nope)");
        assertEquals(ExitCodes.INPUT, bad.code());
        assertTrue(bad.err().contains("no vector v(nope) to plot"), bad.err());
    }

    @Test
    void badNetlistLineExitsWithTwoAndNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path net = dir.resolve("bad.cir");
        Files.writeString(net, "bad\nV1 a 0 1\nR1 a 0 1x2\n.op\n");
        Run r = run("sim", net.toString());
        assertEquals(ExitCodes.INPUT, r.code());
        assertTrue(r.err().startsWith("error: " + net + ":3:"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace for a user error: " + r.err());
    }

    @Test
    void nonConvergenceExitsWithThree(@TempDir Path dir) throws Exception {
        Path net = dir.resolve("hard.cir");
        Files.writeString(net, "hard\n.options itl4=1\nV1 a 0 SIN(0 5 1k)\nR1 a d 100\nD1 d 0 dm\n"
                + ".model dm D(IS=1e-14)\n.tran 1u 1m\n");
        Run r = run("sim", net.toString());
        assertEquals(ExitCodes.SIMULATION, r.code());
        assertTrue(r.err().contains("failed to converge at t ="), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void floatingNodeExitsWithTwo(@TempDir Path dir) throws Exception {
        Path net = dir.resolve("float.cir");
        Files.writeString(net, "float\nV1 a 0 1\nR1 a 0 1k\nC1 a b 1n\n.op\n");
        Run r = run("sim", net.toString());
        // a floating node is bad input, found by the topology check before solving
        assertEquals(ExitCodes.INPUT, r.code());
        assertTrue(r.err().startsWith("error: " + net + ":4: node b has no DC path to ground"), r.err());
    }

    @Test
    void missingFileAndUnknownOption() {
        assertEquals(ExitCodes.INPUT, run("sim", "no/such/file.cir").code());
        assertEquals(ExitCodes.INPUT, run("sim", "--frobnicate").code());
        assertEquals(ExitCodes.INPUT, run().code());
    }

    @Test
    void operatingPointIsPrinted(@TempDir Path dir) throws Exception {
        Path net = dir.resolve("op.cir");
        Files.writeString(net, "op\nV1 a 0 3\nR1 a b 1k\nR2 b 0 2k\n.op\n");
        Run r = run("sim", net.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("v(b)") && r.out().contains("2.0"), r.out());
    }

    @Test
    void everySimOptionReachesTheCommand(@TempDir Path dir) throws Exception {
        // the sim command's model is built by hand (SimCommand.spec): each option must land in its field
        Path net = dir.resolve("m.cir");
        Files.writeString(net, "m\nV1 a 0 PULSE(0 1 0 1u 1u 5u 10u)\nR1 a b 1k\nC1 b 0 1n\n.tran 100n 20u\n"
                + ".meas tran vmax MAX v(b)\n.end\n");
        Path csv = dir.resolve("w.csv");
        Path raw = dir.resolve("w.raw");
        Path meas = dir.resolve("here-meas.csv");
        Path png = dir.resolve("w.png");
        Run r = run("sim", net.toString(), "--output", csv.toString(), "--raw", raw.toString(), "--meas", meas.toString(),
                "--plot", png.toString(), "--vectors", "v(b),v(a)", "--repeat", "2", "--quiet", "--stats");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(csv).startsWith("time,"), "CSV at --output");
        assertTrue(Files.readString(raw).startsWith("Title:"), "raw file at --raw");
        byte[] magic = Files.readAllBytes(png);
        assertTrue(magic.length > 8 && magic[1] == 'P' && magic[2] == 'N' && magic[3] == 'G', "PNG at --plot");
        assertTrue(Files.readString(meas).contains("vmax"), "--meas names the file the measures go to");
        assertFalse(Files.exists(dir.resolve("w-meas.csv")), "not beside -o when --meas names one");
        assertTrue(r.err().contains("run 1: parse"), "--repeat 2 with --stats times the runs before the last: " + r.err());
        Run x = run("sim", net.toString(), "--plot", dir.resolve("x.png").toString(), "--x", "v(a)", "--vectors", "v(b)");
        assertEquals(0, x.code(), x.err());
        Run bad = run("sim", net.toString(), "--x", "v(a)");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--x chooses what --plot draws"), bad.err());
    }

    @Test
    void severalAnalysesGetOneFileEach(@TempDir Path dir) throws Exception {
        Path net = dir.resolve("two.cir");
        Files.writeString(net, "two\nV1 a 0 1\nR1 a b 1k\nC1 b 0 1n\n.dc V1 0 1 0.5\n.tran 10n 2u\n");
        Path csv = dir.resolve("r.csv");
        assertEquals(0, run("sim", net.toString(), "-o", csv.toString()).code());
        // as README says: the first analysis writes the file named, the later ones add their kind and number
        assertTrue(Files.exists(dir.resolve("r.csv")) && Files.exists(dir.resolve("r-tran2.csv")));
        assertEquals("v-sweep", Files.readAllLines(dir.resolve("r.csv")).get(0).split(",")[0]);
        assertFalse(Files.exists(dir.resolve("r-dc1.csv")));
    }

    @Test
    void memristorExampleDrawsEveryModelsLoopSideBySide(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("iv.png");
        Path csv = dir.resolve("iv.csv");
        Run r = run("sim", bundled("memristor_iv.cir").toString(), "--plot", png.toString(), "-o", csv.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(3 * 520, img.getWidth(), "three panels a row");
        assertEquals(3 * 420, img.getHeight(), "three rows for seven models");
        Waveforms w = WaveformReader.read(csv);
        for (String m : new String[] {"mhp", "myak", "mteam", "mvteam", "mrram", "mth", "mcb"}) {
            double[] i = w.vector("i(" + m + ")");
            double[] x = w.vector("x(" + m + ")");
            double imax = 0;
            double xmin = Double.POSITIVE_INFINITY;
            double xmax = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < i.length; k++) {
                imax = Math.max(imax, Math.abs(i[k]));
                xmin = Math.min(xmin, x[k]);
                xmax = Math.max(xmax, x[k]);
            }
            assertTrue(imax > 0 && xmax > xmin, m + " conducts and switches");
        }
    }

    @Test
    void plotAgainstAnotherVector(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("a.csv");
        assertEquals(0, run("sim", bundled("rc_filter.cir").toString(), "-o", csv.toString()).code());
        Path png = dir.resolve("xy.png");
        Run r = run("plot", csv.toString(), "-o", png.toString(), "--x", "v(in)", "--vectors", "v(out),i(v1)");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(2 * 520, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void versionIsPrintedWithoutBuildingTheSubcommands() {
        for (String flag : new String[] {"--version", "-V"}) {
            Run r = run(flag);
            assertEquals(ExitCodes.OK, r.code(), r.err());
            assertEquals("memspice 0.1.0", r.out().trim());
            assertEquals("", r.err());
        }
        assertTrue(MemspiceCommand.commandLine("--version").getSubcommands().isEmpty());
        assertEquals(List.of("sim"), List.copyOf(MemspiceCommand.commandLine("sim").getSubcommands().keySet()));
        assertEquals(11, MemspiceCommand.commandLine("--help").getSubcommands().size());
    }

    @Test
    void repeatedRunsReportEachTime() {
        Run r = run("sim", bundled("rc_filter.cir").toString(), "--stats", "--repeat", "3");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.err().contains("run 1: parse") && r.err().contains("run 2: parse"), r.err());
        assertEquals(ExitCodes.INPUT, run("sim", bundled("rc_filter.cir").toString(), "--repeat", "0").code());
    }

    @Test
    void everyBundledNetlistRuns(@TempDir Path dir) throws Exception {
        try (var files = Files.list(Path.of("..", "netlists"))) {
            List<Path> netlists = files.filter(f -> f.toString().endsWith(".cir")).sorted().toList();
            assertTrue(netlists.size() >= 4, "bundled netlists: " + netlists);
            for (Path n : netlists) {
                Run r = run("sim", n.toString(), "-o", dir.resolve(n.getFileName() + ".csv").toString(), "--quiet");
                assertEquals(ExitCodes.OK, r.code(), n + ": " + r.err());
                assertTrue(WaveformReader.read(dir.resolve(n.getFileName() + ".csv")).rows() > 10, n.toString());
            }
        }
    }
}
