package org.memspice.cli.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.cli.ExitCodes;
import org.memspice.cli.MemspiceCommand;

/** memspice stdp, as a script sees it. */
class StdpCommandTest {
    private static int run(StringWriter out, StringWriter err, String... args) {
        return MemspiceCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static String lastLine(StringWriter out) {
        String[] lines = out.toString().trim().split("\\R");
        return lines[lines.length - 1];
    }

    @Test
    void windowTabulatesAndPlotsTheDeviceWindow(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, run(out, err, "stdp", "window", "-o", dir.toString(), "--points", "5", "--span", "14e-3",
                "--states", "1", "--step", "1e-5"), err.toString());
        List<String> rows = Files.readAllLines(dir.resolve("window.csv"));
        assertEquals(6, rows.size(), rows.toString());
        // dt = -7, 0, +7 ms are rows 2, 3, 4: depression, nothing, potentiation
        double at7before = Double.parseDouble(rows.get(2).split(",")[4]);
        double at0 = Double.parseDouble(rows.get(3).split(",")[4]);
        double at7after = Double.parseDouble(rows.get(4).split(",")[4]);
        assertTrue(at7before < 0 && at7after > 0 && Math.abs(at0) < 0.1 * at7after, rows.toString());
        for (String f : List.of("window.png", "window_vs_g.png")) {
            assertTrue(ImageIO.read(dir.resolve(f).toFile()).getWidth() >= 800, f);
        }
        assertTrue(lastLine(out).startsWith("yakopcic window from G0 = "), out.toString());
    }

    @Test
    void badOptionsExitTwoNamingTheOption(@TempDir Path dir) {
        String[][] cases = {
            {"--model", "nosuch"},
            {"--param", "vp=-1e999"},
            {"--param", "nosuch=1"},
            {"--span", "0"},
            {"--points", "2"},
            {"--step", "1"},
        };
        for (String[] c : cases) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            String[] args = {"stdp", "window", "-o", dir.toString(), c[0], c[1]};
            assertEquals(ExitCodes.INPUT, run(out, err, args), String.join(" ", c) + ": " + err);
            assertTrue(err.toString().contains(c[0]), "message names " + c[0] + ": " + err);
        }
    }

    @Test
    void patternsPrintsTheAccuracyOverSeedsAndDrawsTheWeights(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, run(out, err, "stdp", "patterns", "-o", dir.toString(), "--seeds", "2", "--train", "40",
                "--test", "8", "--neurons", "4", "--quiet"), err.toString());
        assertTrue(lastLine(out).matches("accuracy mean \\d+\\.\\d % sd \\d+\\.\\d % over 2 seeds"), out.toString());
        List<String> rows = Files.readAllLines(dir.resolve("patterns.csv"));
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("1,") && rows.get(2).startsWith("2,"), rows.toString());
        List<String> confusion = Files.readAllLines(dir.resolve("confusion.csv"));
        int shown = 0;
        for (String line : confusion.subList(1, confusion.size())) {
            String[] f = line.split(",");
            for (int k = 1; k < f.length; k++) {
                shown += Integer.parseInt(f[k]);
            }
        }
        assertEquals(16, shown, "8 test presentations per seed");
        for (String f : List.of("accuracy.png", "weights.png")) {
            assertTrue(ImageIO.read(dir.resolve(f).toFile()).getWidth() >= 400, f);
        }
        // the same seeds again: the same table
        StringWriter again = new StringWriter();
        Path dir2 = dir.resolve("again");
        assertEquals(ExitCodes.OK, run(again, new StringWriter(), "stdp", "patterns", "-o", dir2.toString(), "--seeds", "2",
                "--train", "40", "--test", "8", "--neurons", "4", "--quiet"));
        assertEquals(rows, Files.readAllLines(dir2.resolve("patterns.csv")), "deterministic under --seed");
    }

    @Test
    void recallWritesTheCurve(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, run(out, err, "stdp", "recall", "-o", dir.toString(), "--neurons", "4", "--trials", "2",
                "--points", "3", "--quiet"), err.toString());
        List<String> rows = Files.readAllLines(dir.resolve("recall.csv"));
        assertEquals(4, rows.size(), rows.toString());
        double full = Double.parseDouble(rows.get(1).split(",")[1]);
        double none = Double.parseDouble(rows.get(3).split(",")[1]);
        double silentWhenEmpty = Double.parseDouble(rows.get(3).split(",")[3]);
        assertEquals(1.0, silentWhenEmpty, 0, "a cue with every pixel removed makes no spike: " + rows);
        assertEquals(0.0, none, 0, rows.toString());
        assertTrue(full >= 0.75, "a whole cue is retrieved: " + rows);
        assertTrue(ImageIO.read(dir.resolve("recall.png").toFile()).getWidth() >= 800);
        assertTrue(lastLine(out).startsWith("recall: "), out.toString());
    }

    private static void idx(Path p, int[] dims, byte[] bytes) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(0x0800 | dims.length);
        for (int x : dims) {
            d.writeInt(x);
        }
        d.write(bytes);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
            o.write(b.toByteArray());
        }
    }

    @Test
    void mnistTrainsLabelsAndTestsOnIdxFiles(@TempDir Path dir) throws Exception {
        // 40 training and 20 test images of 28x28: class c a bright bar in columns 2c+2 and 2c+3
        Path data = dir.resolve("data");
        Path m = Files.createDirectories(data.resolve("mnist"));
        SplittableRandom r = new SplittableRandom(4);
        for (String split : new String[] {"train", "t10k"}) {
            int n = split.equals("train") ? 40 : 20;
            byte[] px = new byte[n * 784];
            byte[] lb = new byte[n];
            for (int k = 0; k < n; k++) {
                lb[k] = (byte) (k % 10);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        boolean bar = x >= 2 + 2 * lb[k] && x < 4 + 2 * lb[k];
                        px[k * 784 + y * 28 + x] = (byte) (bar ? 200 + r.nextInt(50) : 0);
                    }
                }
            }
            idx(m.resolve(split + "-images-idx3-ubyte.gz"), new int[] {n, 28, 28}, px);
            idx(m.resolve(split + "-labels-idx1-ubyte.gz"), new int[] {n}, lb);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path o = dir.resolve("out");
        assertEquals(ExitCodes.OK, run(out, err, "stdp", "mnist", "--data", data.toString(), "-o", o.toString(), "--neurons",
                "10", "--train", "40", "--label-images", "20", "--test", "20", "--quiet"), err.toString());
        assertTrue(lastLine(out).matches("test accuracy \\d+\\.\\d\\d % \\(\\d+/20\\)"), out.toString());
        // MNIST's own device over the Yakopcic set, and calibrated line gains, unless the options say otherwise
        assertTrue(out.toString().contains("yakopcic eta 0.1, line gains NORM"), out.toString());
        assertEquals(11, Files.readAllLines(o.resolve("mnist.csv")).size());
        assertTrue(ImageIO.read(o.resolve("weights.png").toFile()).getWidth() >= 400);
        // training ended with a checkpoint: the same run goes on from it (nothing left to train) to the same result
        assertTrue(Files.exists(o.resolve("checkpoint.bin")));
        StringWriter again = new StringWriter();
        assertEquals(ExitCodes.OK, run(again, new StringWriter(), "stdp", "mnist", "--data", data.toString(), "-o", o.toString(),
                "--neurons", "10", "--train", "40", "--label-images", "20", "--test", "20", "--quiet"));
        assertTrue(again.toString().contains("going on from " + o.resolve("checkpoint.bin") + ": 40 of 40 images"), again.toString());
        assertEquals(lastLine(out), lastLine(again));
        // the thresholds to test with are not a training setting: the same checkpoint is tested again with equal ones
        StringWriter mean = new StringWriter();
        assertEquals(ExitCodes.OK, run(mean, new StringWriter(), "stdp", "mnist", "--data", data.toString(), "-o", o.toString(),
                "--neurons", "10", "--train", "40", "--label-images", "20", "--test", "20", "--quiet", "--inference-theta", "MEAN"));
        assertTrue(mean.toString().contains("going on from " + o.resolve("checkpoint.bin") + ": 40 of 40 images")
                && mean.toString().contains("tested with thresholds MEAN"), mean.toString());
        // line gains are a training setting: a run with equal gains does not continue one with calibrated gains
        StringWriter otherGains = new StringWriter();
        assertEquals(ExitCodes.INPUT, run(new StringWriter(), otherGains, "stdp", "mnist", "--data", data.toString(), "-o",
                o.toString(), "--neurons", "10", "--train", "40", "--label-images", "20", "--test", "20", "--quiet", "--line-gains",
                "EQUAL"));
        assertTrue(otherGains.toString().contains("--restart"), otherGains.toString());
        // so is the device: the Yakopcic set's own rate is another run
        StringWriter otherDevice = new StringWriter();
        assertEquals(ExitCodes.INPUT, run(new StringWriter(), otherDevice, "stdp", "mnist", "--data", data.toString(), "-o",
                o.toString(), "--neurons", "10", "--train", "40", "--label-images", "20", "--test", "20", "--quiet", "--param",
                "eta=1"));
        assertTrue(otherDevice.toString().contains("--restart"), otherDevice.toString());
        // and the defaults written out are the same run as the defaults
        StringWriter spelled = new StringWriter();
        assertEquals(ExitCodes.OK, run(spelled, new StringWriter(), "stdp", "mnist", "--data", data.toString(), "-o",
                o.toString(), "--neurons", "10", "--train", "40", "--label-images", "20", "--test", "20", "--quiet", "--param",
                "eta=0.1", "--param", "an=300", "--line-gains", "NORM"));
        assertEquals(lastLine(out), lastLine(spelled));
        StringWriter badTheta = new StringWriter();
        assertEquals(ExitCodes.INPUT, run(new StringWriter(), badTheta, "stdp", "mnist", "--data", data.toString(), "-o",
                o.toString(), "--inference-theta", "median"));
        assertTrue(badTheta.toString().contains("--inference-theta"), badTheta.toString());
        // another run's checkpoint is refused by name, unless --restart
        StringWriter refused = new StringWriter();
        assertEquals(ExitCodes.INPUT, run(new StringWriter(), refused, "stdp", "mnist", "--data", data.toString(), "-o",
                o.toString(), "--neurons", "12", "--train", "40", "--label-images", "20", "--test", "20", "--quiet"));
        assertTrue(refused.toString().contains("checkpoint.bin") && refused.toString().contains("--restart"), refused.toString());
        assertEquals(ExitCodes.OK, run(new StringWriter(), new StringWriter(), "stdp", "mnist", "--data", data.toString(), "-o",
                o.toString(), "--neurons", "12", "--train", "40", "--label-images", "20", "--test", "20", "--quiet", "--restart"));
        StringWriter badMinutes = new StringWriter();
        assertEquals(ExitCodes.INPUT, run(new StringWriter(), badMinutes, "stdp", "mnist", "--data", data.toString(), "-o",
                o.toString(), "--checkpoint-minutes", "-1"));
        assertTrue(badMinutes.toString().contains("--checkpoint-minutes"), badMinutes.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(ExitCodes.INPUT, run(new StringWriter(), err2, "stdp", "mnist", "--data", data.toString(), "-o", o.toString(),
                "--train", "0"));
        assertTrue(err2.toString().contains("--train"), err2.toString());
    }

    @Test
    void circuitWritesTheNetlistsAndComparesWithTheFastNetwork(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, run(out, err, "stdp", "circuit", "-o", dir.toString(), "--presentations", "1", "--volleys", "2",
                "--pause", "0.05", "--quiet"), err.toString());
        assertTrue(lastLine(out).matches("circuit check: same winner in 1/1 presentations, same sign of change in (\\d+)/\\1 synapses"),
                out.toString());
        String netlist = Files.readString(dir.resolve("circuit.cir"));
        assertTrue(netlist.contains("ymemristor s0_0 out0 in0 syn") && netlist.contains(".subckt mif v"), "native netlist");
        String ng = Files.readString(dir.resolve("circuit-ngspice.cir"));
        assertTrue(ng.contains(".subckt syn p n params:") && ng.contains(".control") && !ng.toLowerCase().contains("ymemristor"),
                "behavioural netlist without YMEMRISTOR");
        assertEquals(2, Files.readAllLines(dir.resolve("presentations.csv")).size());
        assertEquals(101, Files.readAllLines(dir.resolve("synapses.csv")).size());
        for (String f : List.of("circuit.png", "changes.png")) {
            assertTrue(ImageIO.read(dir.resolve(f).toFile()).getWidth() >= 700, f);
        }
        String[][] bad = {
            {"--presentations", "0"},
            {"--neurons", "17"},
            {"--pause", "0.01"},
            {"--tmax", "1"},
            {"--noise", "0.9"},
        };
        for (String[] c : bad) {
            StringWriter e = new StringWriter();
            assertEquals(ExitCodes.INPUT, run(new StringWriter(), e, "stdp", "circuit", "-o", dir.toString(), c[0], c[1]),
                    String.join(" ", c) + ": " + e);
            assertTrue(e.toString().contains(c[0]), "message names " + c[0] + ": " + e);
        }
    }

    @Test
    void networkOptionsAreCheckedAndNeverIgnored(@TempDir Path dir) {
        String[][] cases = {
            {"--rate", "--rate", "20"},
            {"--volleys", "--coding", "poisson", "--volleys", "3"},
            {"--coding", "--coding", "rate"},
            {"--seeds", "--seeds", "0"},
            {"--noise", "--noise", "0.9"},
            {"--neurons", "--neurons", "0"},
        };
        for (String[] c : cases) {
            StringWriter err = new StringWriter();
            String[] args = new String[c.length + 2]; // stdp patterns -o=DIR, then the case's arguments after its name
            args[0] = "stdp";
            args[1] = "patterns";
            args[2] = "-o=" + dir;
            System.arraycopy(c, 1, args, 3, c.length - 1);
            assertEquals(ExitCodes.INPUT, run(new StringWriter(), err, args), String.join(" ", args) + ": " + err);
            assertTrue(err.toString().contains(c[0]), "message names " + c[0] + ": " + err);
        }
    }
}
