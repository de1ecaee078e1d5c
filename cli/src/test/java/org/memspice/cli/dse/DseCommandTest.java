package org.memspice.cli.dse;

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
 * memspice dse train-reference, infer and run as a script sees them, on a small synthetic data
 * set in MNIST's file format: files written, last lines, and exit 2 naming the option, key or
 * file line of every kind of bad input.
 */
class DseCommandTest {
    @TempDir
    static Path data;
    @TempDir
    static Path nets;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** 100 training and 40 test images of 28x28, each class a bar at its own position; an MLP trained on them. */
    @BeforeAll
    static void prepare() throws IOException {
        CliRun.syntheticMnist(data, 100, 40);
        CliRun t = run("dse", "train-reference", "--data", data.toString(), "--layers", "784,24,10", "--epochs", "3", "--batch", "10",
                "-o", nets.resolve("mlp").toString(), "--quiet");
        assertEquals(ExitCodes.OK, t.code(), t.err());
        assertTrue(t.out().matches("(?s).*test accuracy \\d+\\.\\d\\d % \\(\\d+/40\\)\\s*"), t.out());
    }

    private static CliRun infer(String... more) {
        String[] base = {"dse", "infer", "--network", nets.resolve("mlp").toString(), "--data", data.toString(), "--quiet",
            "--set", "calibration_images=20"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return run(all);
    }

    @Test
    void inferPrintsTheMappingEnergyAndTheAccuracyLine(@TempDir Path out) throws IOException {
        Path trace = out.resolve("trace.csv");
        CliRun r = infer("--tile", "64x64", "--adc-bits", "6", "--dac-bits", "4", "--wire", "2", "--power-trace", trace.toString(),
                "--trace-images", "5");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*software baseline: test accuracy \\d+\\.\\d\\d % \\(\\d+/40\\).*"), r.out());
        assertTrue(r.out().contains("exact transfer matrices"), r.out());
        assertTrue(r.out().contains("energy per inference: array"), r.out());
        String[] lines = r.out().trim().split("\n");
        assertTrue(lines[lines.length - 1].matches("test accuracy \\d+\\.\\d\\d % \\(\\d+/40\\), [\\d.]+ images/s"), lines[lines.length - 1]);
        assertEquals(1 + 5 * (13 + 1), Files.readAllLines(trace).size(), "one row per read: 13 + 1 tiles for each of 5 images");
    }

    @Test
    void theTileSolversGiveTheSameInference() {
        String[] lines = null;
        for (String solver : new String[] {"transfer", "lu"}) {
            CliRun r = infer("--tile", "64x64", "--wire", "2", "--limit", "10", "--set", "tile_solver=" + solver);
            assertEquals(ExitCodes.OK, r.code(), r.err());
            String[] l = r.out().trim().split("\n");
            String accuracy = l[l.length - 1].replaceAll(", [\\d.]+ images/s$", "");
            String energy = java.util.Arrays.stream(l).filter(x -> x.startsWith("energy per inference")).findFirst().orElseThrow();
            if (lines == null) {
                lines = new String[] {accuracy, energy};
            } else {
                assertEquals(lines[0], accuracy, solver);
                assertEquals(lines[1], energy, solver);
            }
        }
    }

    @Test
    void otherNetworksAndSchemesRunToo(@TempDir Path out) {
        CliRun t = run("dse", "train-reference", "--data", data.toString(), "--depthwise", "--epochs", "1", "--batch", "20", "-o",
                out.resolve("dw").toString(), "--quiet");
        assertEquals(ExitCodes.OK, t.code(), t.err());
        CliRun r = run("dse", "infer", "--network", out.resolve("dw").toString(), "--data", data.toString(), "--quiet", "--limit", "10",
                "--scheme", "sparse", "--encoding", "offset", "--tile", "32x32", "--ideal-lines", "--set", "calibration_images=10");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("(10/10), ") || r.out().matches("(?s).*\\(\\d+/10\\), .*"), r.out());
    }

    private static void assertInputError(CliRun r, String... expected) {
        assertEquals(ExitCodes.INPUT, r.code(), r.out() + r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), "'" + e + "' in: " + r.err());
        }
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void badInputExitsWithTwoNamingIt(@TempDir Path bad) throws IOException {
        assertInputError(infer("--adc-bits", "40"), "--adc-bits", "out of range");
        assertInputError(infer("--tile", "8x8"), "--tile", "8 is out of range [16, 512]");
        assertInputError(infer("--set", "adc_bitz=4"), "unknown parameter 'adc_bitz'");
        assertInputError(infer("--cells", "memristor9"), "--cells", "unknown memristor model");
        assertInputError(infer("--stuck-at", "NaN"), "--stuck-at");
        assertInputError(infer("--set", "bits_per_cell=2"), "bits_per_cell slices quantized weights");
        assertInputError(infer("--set", "drift_nu=0.1"), "--set drift_nu: changes nothing", "drift_time");
        assertInputError(infer("--adc-range", "calibrated"), "--adc-range: changes nothing", "adc_bits");
        assertInputError(infer("--ideal-lines", "--wire", "2"), "--wire: changes nothing", "ideal_lines");
        assertInputError(infer("--ideal-lines", "--set", "tile_solver=lu"), "--set tile_solver: changes nothing");
        Files.writeString(bad.resolve("network.txt"), "memspice-network 1\ninput 1 28 28\ndense 10 weights=w.csv bias=b.csv\n"
                + "dense 10 weights=w.csv bias=b.csv\n");
        Files.writeString(bad.resolve("w.csv"), ("0," .repeat(783) + "0\n").repeat(10));
        Files.writeString(bad.resolve("b.csv"), "0,0,0,0,0,0,0,0,0,0\n");
        assertInputError(run("dse", "infer", "--network", bad.toString(), "--data", data.toString()), "network.txt:4",
                "where each row holds 10");
        assertInputError(run("dse", "train-reference", "--data", data.toString(), "--layers", "700,10", "-o", bad.resolve("x").toString()),
                "--layers", "784");
    }

    @Test
    void runWritesTableFiguresAndReportAndResumes(@TempDir Path out) throws IOException {
        Path config = Files.writeString(out.resolve("sweep.yaml"), "network: " + nets.resolve("mlp") + "\ndataset: mnist\ndata: "
                + data + "\nimages: 20\nseeds: [1, 2]\nbase:\n  calibration_images: 20\n  adc_bits: 6\ngrid:\n  tile: [32x32, 64x64]\n"
                + "each:\n  stuck_at: [0.1]\n");
        CliRun r = run("dse", "run", "--config", config.toString(), "--quiet");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        Path dir = out.resolve("sweep-out");
        assertEquals(1 + 2 * 2 * 2, Files.readAllLines(dir.resolve("results.csv")).size());
        for (String f : new String[] {"accuracy-vs-tile.png", "accuracy-vs-stuck_at.png", "energy-vs-accuracy.png"}) {
            assertTrue(Files.size(dir.resolve(f)) > 1000, f);
        }
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("data:image/png;base64,") && html.contains("Software baseline"), "self-contained report");
        String before = Files.readString(dir.resolve("results.csv"));
        CliRun again = run("dse", "run", "--config", config.toString(), "--quiet");
        assertEquals(ExitCodes.OK, again.code(), again.err());
        assertTrue(again.out().contains("0 points computed now, 8 found finished"), again.out());
        assertEquals(before, Files.readString(dir.resolve("results.csv")));
        Files.writeString(config, Files.readString(config).replace("stuck_at: [0.1]", "stuck_at: [1.1]"));
        assertInputError(run("dse", "run", "--config", config.toString()), "sweep.yaml:12:", "stuck_at: 1.1 is out of range");
        Files.writeString(config, Files.readString(config).replace("stuck_at: [1.1]", "stuck_at: [0.1"));
        assertInputError(run("dse", "run", "--config", config.toString()), "sweep.yaml:");
    }
}
