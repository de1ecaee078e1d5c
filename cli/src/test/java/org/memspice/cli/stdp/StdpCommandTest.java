package org.memspice.cli.stdp;

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
}
