package org.memspice.cli.mif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.cli.ExitCodes;
import org.memspice.cli.MemspiceCommand;

/** memspice mif characterize and mif run, as a script sees them. */
class MifCommandTest {
    private static int run(StringWriter out, StringWriter err, String... args) {
        return MemspiceCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void characterizeWritesThreeFiguresAndTables(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, run(out, err, "mif", "characterize", "-o", dir.toString(), "--points", "6",
                "--delays", "4", "--max-delay", "20e-3", "--step", "5e-6"), err.toString());
        for (String f : List.of("spike_shape", "response", "refractory")) {
            assertTrue(ImageIO.read(dir.resolve(f + ".png").toFile()).getWidth() >= 800, f);
        }
        List<String> response = Files.readAllLines(dir.resolve("response.csv"));
        assertEquals(7, response.size());
        assertTrue(response.get(1).endsWith("false") && response.get(6).endsWith("true"),
                "1 uA stays below threshold, 1 mA spikes: " + response);
        List<String> shape = Files.readAllLines(dir.resolve("spike_shape.csv"));
        for (String phase : List.of("rest", "depolarization", "hyperpolarization", "repolarization")) {
            assertTrue(shape.stream().anyMatch(l -> l.endsWith("," + phase)), "phase " + phase + " marked");
        }
        List<String> refractory = Files.readAllLines(dir.resolve("refractory.csv"));
        double at5 = Double.parseDouble(refractory.get(1).split(",")[2]);
        double at20 = Double.parseDouble(refractory.get(4).split(",")[2]);
        assertTrue(at5 < 0.9 && at20 > 0.95, "refractory at 5 ms " + at5 + ", at 20 ms " + at20);
        assertTrue(out.toString().contains("threshold input"), out.toString());
    }

    @Test
    void runReportsSpikesForFixedAndAdaptiveSteps(@TempDir Path dir) throws Exception {
        for (String mode : List.of("--step=10e-6", "--adaptive")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            Path csv = dir.resolve("spikes.csv");
            assertEquals(ExitCodes.OK, run(out, err, "mif", "run", "--neurons", "3", "--duration", "0.2", "--rate", "50",
                    mode, "-o", csv.toString()), err.toString());
            List<String> rows = Files.readAllLines(csv);
            assertEquals(4, rows.size());
            int spikes = rows.stream().skip(1).mapToInt(l -> Integer.parseInt(l.split(",")[1])).sum();
            // inputs of 10-30 uA are all supra-threshold: about 10 per neuron in 0.2 s, close ones merge
            assertTrue(spikes >= 15 && spikes <= 45, mode + ": " + spikes + " spikes; " + out);
        }
        StringWriter split = new StringWriter();
        assertEquals(ExitCodes.OK, run(new StringWriter(), split, "mif", "run", "--neurons", "2", "--duration",
                "0.05", "--step", "5e-3", "--rate", "200", "--input", "1e-2"), "a step far too long for Newton is split");
        assertTrue(split.toString().contains("sub-steps") && split.toString().contains("--step"), split.toString());
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.INPUT, run(new StringWriter(), err, "mif", "run", "--neurons", "0"));
        assertTrue(err.toString().contains("--neurons"), err.toString());
    }

    @Test
    void runsThatWouldNeverEndAreRefusedAndTheDurationIsTheOneAskedFor() {
        String[][] refused = {{"--rate", "Infinity"}, {"--regular", "1e-20"}, {"--duration", "Infinity"},
            {"--step", "2", "--duration", "1"}, {"--input", "NaN"}};
        for (String[] args : refused) {
            StringWriter err = new StringWriter();
            String[] all = new String[args.length + 2];
            all[0] = "mif";
            all[1] = "run";
            System.arraycopy(args, 0, all, 2, args.length);
            assertEquals(ExitCodes.INPUT, run(new StringWriter(), err, all), String.join(" ", all) + ": " + err);
        }
        // a step that does not divide the duration: the last step is shorter and lands on it
        StringWriter out = new StringWriter();
        assertEquals(ExitCodes.OK, run(out, new StringWriter(), "mif", "run", "--step", "0.3e-3", "--duration", "1e-3"));
        assertTrue(out.toString().contains("0.00100000 s simulated (4 fixed steps)"), out.toString());
    }
}
