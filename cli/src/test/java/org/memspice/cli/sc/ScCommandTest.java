package org.memspice.cli.sc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.cli.CliRun;
import org.memspice.cli.ExitCodes;

/**
 * memspice sc train, sweep and streams as a script sees them, on a small synthetic data set in
 * MNIST's format: the last line, the files, the section spliced into a DSE report, and exit 2
 * naming the option for every kind of bad input.
 */
class ScCommandTest {
    @TempDir
    static Path data;

    @BeforeAll
    static void prepare() throws IOException {
        CliRun.syntheticMnist(data, 200, 40);
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void trainPrintsTheAccuracyLineLastAndWritesItsFiles(@TempDir Path out) throws IOException {
        CliRun r = run("sc", "train", "--data", data.toString(), "--stream-length", "16", "--variation", "0.1", "--hidden", "16",
                "--epochs", "2", "--batch", "10", "--calibration-pulses", "100", "-o", out.toString(), "--quiet");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        String[] lines = r.out().trim().split("\n");
        assertTrue(lines[lines.length - 1].matches("test accuracy \\d+\\.\\d\\d % \\(\\d+/40\\)"), lines[lines.length - 1]);
        assertTrue(r.out().contains("CBRAM stream generators, calibrated"), r.out());
        assertTrue(r.out().contains("cost model per sample's update"), r.out());
        for (String f : new String[] {"network.txt", "log.csv", "cost.csv"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals(3, Files.readAllLines(out.resolve("log.csv")).size(), "header and two epochs");
        CliRun f = run("sc", "train", "--data", data.toString(), "--float", "--model", "cnn", "--epochs", "1", "--batch", "10", "-o",
                out.resolve("f").toString(), "--quiet");
        assertEquals(ExitCodes.OK, f.code(), f.err());
        assertTrue(f.out().trim().matches("(?s).*test accuracy \\d+\\.\\d\\d % \\(\\d+/40\\)"), f.out());
    }

    @Test
    void sweepWritesCsvFiguresAndItsSectionIntoADseReport(@TempDir Path out, @TempDir Path dse) throws IOException {
        Files.writeString(dse.resolve("report.html"), "<html><body><h1>DSE</h1>\n<h2>Configuration</h2>\n<pre>x</pre></body></html>\n");
        CliRun r = run("sc", "sweep", "--data", data.toString(), "--lengths", "4,32", "--variations", "0,0.1", "--hidden", "16",
                "--epochs", "1", "--batch", "10", "--calibration-pulses", "100", "-o", out.toString(), "--report", dse.toString(),
                "--quiet");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(1 + 1 + 4, Files.readAllLines(out.resolve("sweep.csv")).size(), "header, float, 2 lengths x 2 variations");
        for (String f : new String[] {"accuracy-vs-length.png", "energy-vs-length.png", "report.html", "sections/stochastic-computing.html"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        String page = Files.readString(dse.resolve("report.html"));
        assertTrue(page.contains("Stochastic computing: CBRAM bit streams"), page);
        assertTrue(page.indexOf("Stochastic computing") < page.indexOf("<h2>Configuration</h2>"), "before the configuration");
        CliRun again = run("sc", "sweep", "--data", data.toString(), "--lengths", "4", "--variations", "0", "--hidden", "16",
                "--epochs", "1", "--batch", "10", "-o", out.toString(), "--report", dse.toString(), "--quiet");
        assertEquals(ExitCodes.OK, again.code(), again.err());
        String twice = Files.readString(dse.resolve("report.html"));
        assertEquals(1, twice.split("begin section stochastic-computing.html", -1).length - 1, "replaced, not added twice");
    }

    @Test
    void streamsReportsBiasAndScc(@TempDir Path out) throws IOException {
        CliRun r = run("sc", "streams", "--p", "0.2,0.8", "--devices", "8", "--repeats", "4", "--stream-length", "128",
                "--calibration-pulses", "200", "-o", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(1 + 2 * 2 * 3, Files.readAllLines(out.resolve("streams.csv")).size());
        assertTrue(r.out().contains("same stream reused"), r.out());
    }

    @Test
    void aDseReportIncludesTheFragmentsBesideIt(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sections"));
        Files.writeString(dir.resolve("sections/b.html"), "<p>second</p>\n");
        Files.writeString(dir.resolve("sections/a.html"), "<p>first</p>\n");
        String all = org.memspice.cli.dse.ReportSections.collect(dir);
        assertTrue(all.indexOf("<p>first</p>") < all.indexOf("<p>second</p>") && all.contains("begin section a.html"), all);
        assertEquals("", org.memspice.cli.dse.ReportSections.collect(dir.resolve("none")));
    }

    private static void assertInputError(CliRun r, String... expected) {
        assertEquals(ExitCodes.INPUT, r.code(), r.out() + r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), "'" + e + "' in: " + r.err());
        }
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void badInputExitsWith2NamingTheOption(@TempDir Path out) {
        String o = out.toString();
        String d = data.toString();
        assertInputError(run("sc", "train", "--data", d, "--stream-length", "0", "-o", o), "--stream-length");
        assertInputError(run("sc", "train", "--data", d, "--stream-length", "70000", "-o", o), "--stream-length", "65536");
        assertInputError(run("sc", "train", "--data", d, "--stream-length", "x", "-o", o), "--stream-length");
        assertInputError(run("sc", "train", "--data", d, "--stream-length", "8", "--variation", "NaN", "-o", o), "--variation");
        assertInputError(run("sc", "train", "--data", d, "--stream-length", "8", "--variation", "Infinity", "-o", o), "--variation");
        assertInputError(run("sc", "train", "--data", d, "--stream-length", "8", "--variation", "-0.1", "-o", o), "--variation");
        assertInputError(run("sc", "train", "--data", d, "-o", o), "--stream-length");
        assertInputError(run("sc", "train", "--data", d, "--stream-length", "8", "--model", "rnn", "-o", o), "--model");
        assertInputError(run("sc", "train", "--data", d, "--stream-length", "8", "--coding", "thermometer", "-o", o), "--coding");
        assertInputError(run("sc", "train", "--data", d, "--float", "--variation", "0.1", "-o", o), "--variation");
        assertInputError(run("sc", "train", "--data", d, "--stream-length", "8", "--model", "cnn", "--hidden", "50", "-o", o), "--hidden");
        assertInputError(run("sc", "train", "--data", d, "--float", "--coding", "bipolar", "-o", o), "--coding");
        assertInputError(run("sc", "train", "--data", d, "--stream-length", "8", "--no-calibration", "--calibration-pulses", "50", "-o", o),
                "--calibration-pulses");
        assertInputError(run("sc", "sweep", "--data", d, "--lengths", "8,0", "-o", o), "--lengths");
        assertInputError(run("sc", "sweep", "--data", d, "--variations", "0,NaN", "-o", o), "--variations");
        assertInputError(run("sc", "streams", "--p", "0.5,1.5", "-o", o), "--p");
        assertInputError(run("sc", "streams", "--p", "-0.1", "-o", o), "--p");
        assertInputError(run("sc", "streams", "--stream-length", "0", "-o", o), "--stream-length");
        assertInputError(run("sc", "streams", "--variation", "NaN", "-o", o), "--variation");
    }
}
