package org.memspice.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.cli.CliRun;
import org.memspice.cli.ExitCodes;

/**
 * memspice train, eval, export and verify-circuit as a script sees them, on a small synthetic
 * data set in MNIST's file format: files written, last lines, and exit 2 with a message naming
 * what is wrong for every kind of bad input, with nothing already written lost.
 */
class TrainCommandTest {
    @TempDir
    static Path data;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CliRun r = CliRun.of(args);
        return new Run(r.code(), r.out(), r.err());
    }

    /** 60 training and 30 test images of 28x28: each class a bar at its own position. */
    @BeforeAll
    static void writeData() throws IOException {
        CliRun.syntheticMnist(data, 60, 30);
    }

    /** A tiny training run; options in {@code more} replace the defaults of the same name. */
    private static String[] tiny(Path out, String... more) {
        java.util.LinkedHashMap<String, String> o = new java.util.LinkedHashMap<>();
        o.put("--data", data.toString());
        o.put("--out", out.toString());
        o.put("--hidden", "6");
        o.put("--steps", "20");
        o.put("--dt", "2e-4");
        o.put("--epochs", "1");
        o.put("--batch", "10");
        List<String> flags = new ArrayList<>(List.of("--quiet"));
        for (int k = 0; k < more.length; k++) {
            if (more[k].equals("--resume")) {
                flags.add(more[k]);
            } else {
                o.put(more[k], more[++k]);
            }
        }
        List<String> a = new ArrayList<>(List.of("train"));
        o.forEach((k, v) -> {
            a.add(k);
            a.add(v);
        });
        a.addAll(flags);
        return a.toArray(String[]::new);
    }

    @Test
    void trainsEvaluatesExportsAndVerifies(@TempDir Path out) throws IOException {
        Run t = run(tiny(out));
        assertEquals(ExitCodes.OK, t.code(), t.err());
        assertTrue(t.out().matches("(?s).*test accuracy \\d+\\.\\d\\d % \\(\\d+/30\\) after 1 epochs\\s*"), t.out());
        for (String f : new String[] {"checkpoint.msp", "log.csv", "curves.png", "confusion.png", "confusion.csv"}) {
            assertTrue(Files.size(out.resolve(f)) > 50, f);
        }
        assertEquals(2, Files.readAllLines(out.resolve("log.csv")).size());
        Run e = run("eval", out.toString(), "--data", data.toString(), "--quiet");
        assertEquals(ExitCodes.OK, e.code(), e.err());
        String[] lines = e.out().trim().split("\n");
        assertTrue(lines[lines.length - 1].matches("test accuracy \\d+\\.\\d\\d % \\(\\d+/30\\)"), e.out());
        Path cir = out.resolve("net.cir");
        Run x = run("train", "export", out.toString(), "-o", cir.toString(), "--image", "3", "--data", data.toString());
        assertEquals(ExitCodes.OK, x.code(), x.err());
        assertTrue(Files.readString(cir).contains(".subckt mifr v"));
        Run v = run("train", "verify-circuit", out.toString(), "--images", "2", "--data", data.toString());
        assertEquals(ExitCodes.OK, v.code(), v.err());
        assertTrue(v.out().contains("predicted classes agree on 2/2 images"), v.out());
        System.out.println("verify-circuit output:\n" + v.out());
        gradientsAgree(v.out(), 4);
        // resume to a second epoch
        Run r = run(tiny(out, "--resume", "--epochs", "2"));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(3, Files.readAllLines(out.resolve("log.csv")).size());
    }

    @Test
    void verifiesAMempropNetworksLossGradients(@TempDir Path out) {
        // Yakopcic devices are B sources in the netlist: their current scales are the parameters
        Run t = run(tiny(out, "--model", "memprop", "--hidden", "2"));
        assertEquals(ExitCodes.OK, t.code(), t.err());
        Run v = run("train", "verify-circuit", out.toString(), "--images", "1", "--gradients", "1", "--data",
                data.toString());
        assertEquals(ExitCodes.OK, v.code(), v.err());
        System.out.println("verify-circuit output (memprop):\n" + v.out());
        assertTrue(v.out().contains("predicted classes agree on 1/1 images"), v.out());
        gradientsAgree(v.out(), 2);
        assertBadInput("--gradients must be 0-100", "train", "verify-circuit", out.toString(), "--images", "1",
                "--gradients", "-1", "--data", data.toString());
    }

    /**
     * The loss-gradient block of verify-circuit: {@code weights} rows, each with a non-zero circuit
     * gradient of the stepped gradient's sign, within the printed relative difference's bound.
     */
    private static void gradientsAgree(String out, int weights) {
        String[] lines = out.split("\n");
        int header = java.util.Arrays.asList(lines).indexOf("weight,stepped_dloss_dW,circuit_dloss_dW,relative_difference");
        assertTrue(header > 0, out);
        assertTrue(lines[header - 1].startsWith("loss gradients on image"), out);
        for (int k = 1; k <= weights; k++) {
            String[] cells = lines[header + k].split(",");
            double stepped = Double.parseDouble(cells[1]);
            double circuit = Double.parseDouble(cells[2]);
            double relative = Double.parseDouble(cells[3]);
            assertTrue(circuit != 0 && Math.signum(circuit) == Math.signum(stepped), lines[header + k]);
            // the printed gradients carry 7 digits: their difference is known to about 1e-6 of their size
            assertEquals(Math.abs(circuit - stepped) / Math.max(Math.abs(circuit), Math.abs(stepped)), relative, 1e-5,
                    lines[header + k]);
            assertTrue(relative < GRADIENT_AGREEMENT, lines[header + k]);
        }
        assertTrue(lines[header + weights + 1].startsWith("worst relative gradient difference"), out);
    }

    /**
     * How far the circuit's gradients may stray from the stepped model's (relative): measured 1.6e-3
     * (SPICEprop) and 8.0e-4 (MEMprop) on these networks.
     */
    private static final double GRADIENT_AGREEMENT = 0.01;

    private static void assertBadInput(String expected, String... args) {
        Run r = run(args);
        assertEquals(ExitCodes.INPUT, r.code(), String.join(" ", args) + " -> " + r.err());
        assertTrue(r.err().contains(expected), "message for " + String.join(" ", args) + " should say '" + expected + "': " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void badSizesRatesAndNumbersAreRefusedByOptionName(@TempDir Path out) {
        assertBadInput("--batch", tiny(out, "--batch", "0"));
        assertBadInput("--steps", tiny(out, "--steps", "0"));
        assertBadInput("--epochs", tiny(out, "--epochs", "-1"));
        assertBadInput("--hidden", tiny(out, "--hidden", "-5"));
        assertBadInput("--dt", tiny(out, "--dt", "0"));
        assertBadInput("--lr", tiny(out, "--lr", "-0.1"));
        assertBadInput("--lr", tiny(out, "--lr", "NaN"));
        assertBadInput("--rate", tiny(out, "--encoding", "poisson", "--rate", "0"));
        assertBadInput("--input-voltage", tiny(out, "--input-voltage", "Infinity"));
        assertBadInput("--threads", tiny(out, "--threads", "0"));
        assertBadInput("unknown encoding", tiny(out, "--encoding", "morse"));
        assertBadInput("applies to --model memprop only", tiny(out, "--levels", "100"));
        assertBadInput("has no parameter 'vth'", tiny(out, "--model", "memprop", "--device", "yakopcic:vth=1"));
        assertBadInput("unknown memristor model", tiny(out, "--model", "memprop", "--device", "unobtainium"));
        assertBadInput("needs --out", "train", "--data", data.toString());
        assertBadInput("not both", tiny(out, "--arch", "C2k3s2,D4"));
        assertFalse(Files.exists(out.resolve("checkpoint.msp")), "nothing was trained");
    }

    @Test
    void missingAndTruncatedDataFilesAreNamed(@TempDir Path out, @TempDir Path broken) throws IOException {
        assertBadInput("no such folder", "train", "--data", broken.resolve("none").toString(), "--out", out.toString());
        Path m = Files.createDirectories(broken.resolve("mnist"));
        for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"}) {
            Files.copy(data.resolve("mnist").resolve(f), m.resolve(f));
        }
        assertBadInput("t10k-labels-idx1-ubyte", "train", "--data", broken.toString(), "--out", out.toString(), "--quiet");
        byte[] whole = Files.readAllBytes(data.resolve("mnist/t10k-labels-idx1-ubyte.gz"));
        Files.write(m.resolve("t10k-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 30, 1, 2});
        assertBadInput("truncated", "train", "--data", broken.toString(), "--out", out.toString(), "--quiet");
        assertTrue(whole.length > 0);
        // an images file one image short (lost in the middle): refused; data check finds the gap; data repair fixes it
        Files.delete(m.resolve("t10k-labels-idx1-ubyte"));
        Files.copy(data.resolve("mnist/t10k-labels-idx1-ubyte.gz"), m.resolve("t10k-labels-idx1-ubyte.gz"));
        byte[] images = new java.util.zip.GZIPInputStream(Files.newInputStream(data.resolve("mnist/train-images-idx3-ubyte.gz")))
                .readAllBytes();
        byte[] lost = new byte[images.length - 784];
        int at = 16 + 30 * 784;
        System.arraycopy(images, 0, lost, 0, at);
        System.arraycopy(images, at + 784, lost, at, images.length - at - 784);
        Files.delete(m.resolve("train-images-idx3-ubyte.gz"));
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(m.resolve("train-images-idx3-ubyte.gz")))) {
            o.write(lost);
        }
        assertBadInput("data check", tiny(out, "--data", broken.toString()));
        Run check = run("data", "check", "--dataset", "mnist", "--data", broken.toString());
        assertEquals(ExitCodes.INPUT, check.code(), check.err());
        assertTrue(check.out().contains("one image is missing") && check.out().contains("went missing before image"), check.out());
        Path fixed = broken.resolve("fixed");
        Run repair = run("data", "repair", "--dataset", "mnist", "--data", broken.toString(), "-o", fixed.toString(), "--margin", "3");
        assertEquals(ExitCodes.OK, repair.code(), repair.err());
        assertTrue(repair.out().contains("53 training images"), repair.out());
        Run ok = run("data", "check", "--dataset", "mnist", "--data", fixed.toString());
        assertEquals(ExitCodes.OK, ok.code(), ok.out() + ok.err());
        Run r = run(tiny(out, "--data", fixed.toString()));
        assertEquals(ExitCodes.OK, r.code(), r.err());

    }

    @Test
    void checkpointsThatCannotBeUsedAreRefusedAndNothingIsLost(@TempDir Path out) throws IOException {
        assertEquals(ExitCodes.OK, run(tiny(out)).code());
        Path ckpt = out.resolve("checkpoint.msp");
        byte[] good = Files.readAllBytes(ckpt);
        // a second run into the same folder without --resume
        assertBadInput("already holds a training run", tiny(out));
        // resuming with another model, or another data set for eval
        assertBadInput("was made with spiceprop", tiny(out, "--resume", "--epochs", "2", "--model", "memprop"));
        assertBadInput("was trained on mnist", "eval", out.toString(), "--dataset", "fashion", "--data", data.toString());
        assertArrayEquals(good, Files.readAllBytes(ckpt), "the checkpoint is untouched");
        // corrupted and truncated copies
        Path bad = out.resolve("bad.msp");
        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 0x10;
        Files.write(bad, flipped);
        assertBadInput("corrupted", "eval", bad.toString(), "--data", data.toString());
        Files.write(bad, Arrays.copyOf(good, good.length - 20));
        assertBadInput("truncated", "eval", bad.toString(), "--data", data.toString());
        Files.writeString(bad, "just text");
        assertBadInput("not a memspice checkpoint", "eval", bad.toString(), "--data", data.toString());
        assertBadInput("no such checkpoint", "eval", out.resolve("none.msp").toString(), "--data", data.toString());
        assertBadInput("nothing to resume", tiny(out.resolve("fresh"), "--resume"));
    }

    @Test
    void spikingNetworksAreNotExportedAndSaySo(@TempDir Path out) {
        assertEquals(ExitCodes.OK, run(tiny(out, "--encoding", "latency")).code());
        assertBadInput("latency spike trains", "train", "export", out.toString(), "-o", out.resolve("n.cir").toString(),
                "--data", data.toString());
        assertFalse(Files.exists(out.resolve("n.cir")));
    }
}
