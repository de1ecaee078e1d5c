package org.memspice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** memspice crossbar: currents file, netlist for the general engine, statistics, bad input. */
class CrossbarCommandTest {
    private static int run(StringWriter err, String... args) {
        return MemspiceCommand.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @Test
    void writesCurrentsAndANetlistTheGeneralEngineAgreesWith(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        Path csv = dir.resolve("i.csv");
        Path cir = dir.resolve("x.cir");
        assertEquals(0, run(err, "crossbar", "--rows", "6", "--cols", "5", "--seed", "4", "-o", csv.toString(),
                "--netlist", cir.toString(), "--stats"));
        assertTrue(err.toString().contains("crossbar 6x5 (conductance cells)") && err.toString().contains("CG iterations"), err.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("column,current,sense_voltage,ideal,relative_error", lines.get(0));
        assertEquals(6, lines.size());
        double fast = Double.parseDouble(lines.get(3).split(",")[1]); // column 2
        Path out = dir.resolve("sim.csv");
        assertEquals(0, run(new StringWriter(), "sim", cir.toString(), "-o", out.toString()));
        var w = org.memspice.spice.output.WaveformReader.read(out);
        double engine = w.vector("v(c5_2)")[0] / 2.5;
        assertEquals(engine, fast, 1e-9 * Math.abs(engine));
    }

    @Test
    void oneTransistorCellsBothEndsAndAPowerTrace(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        Path trace = dir.resolve("p.csv");
        Path csv = dir.resolve("i.csv");
        Path cir = dir.resolve("x.cir");
        assertEquals(0, run(err, "crossbar", "--rows", "4", "--cols", "3", "--cells", "1t1r:yakopcic", "--drive", "both",
                "--read-at", "far", "--sense", "1000", "--operations", "5", "--power-trace", trace.toString(), "-o",
                csv.toString(), "--netlist", cir.toString(), "--stats"), err.toString());
        assertTrue(err.toString().contains("BiCGSTAB"), err.toString());
        List<String> ops = Files.readAllLines(trace);
        assertEquals(6, ops.size());
        double p0 = Double.parseDouble(ops.get(1).split(",")[1]);
        double p1 = Double.parseDouble(ops.get(2).split(",")[1]);
        assertTrue(p0 > 0 && p1 > 0 && p0 != p1, "each read has its own power: " + ops);
        double current = Double.parseDouble(Files.readAllLines(csv).get(1).split(",")[1]);
        double senseVoltage = Double.parseDouble(Files.readAllLines(csv).get(1).split(",")[2]);
        assertEquals(current * 1000, senseVoltage, 1e-12, "sense-resistor read-out");
        Path out = dir.resolve("sim.csv");
        assertEquals(0, run(new StringWriter(), "sim", cir.toString(), "-o", out.toString()));
        var w = org.memspice.spice.output.WaveformReader.read(out);
        assertEquals(w.vector("v(c0_0)")[0], senseVoltage, 1e-6 * Math.abs(senseVoltage), "general engine agrees");
    }

    @Test
    void readsGivenConductancesAndInputSequences(@TempDir Path dir) throws Exception {
        Path g = dir.resolve("g.csv");
        Files.writeString(g, "# conductances, S\n10u, 20u, 30u\n1e-4; 5u; 50u\n");
        Path v = dir.resolve("v.csv");
        Files.writeString(v, "v0,v1\n0.1,0.2\n0.3,0\n");
        Path out = dir.resolve("i.csv");
        Path trace = dir.resolve("p.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "crossbar", "--conductances", g.toString(), "--inputs", v.toString(), "--wire", "1e-3",
                "--col-wire", "1e-3", "--driver", "1e-3", "--sense", "1e-3", "-o", out.toString(), "--power-trace",
                trace.toString(), "--stats"), err.toString());
        assertTrue(err.toString().contains("crossbar 2x3") && err.toString().contains("2 read(s)"), err.toString());
        List<String> cols = Files.readAllLines(out);
        double[] expected = {0.1 * 10e-6 + 0.2 * 1e-4, 0.1 * 20e-6 + 0.2 * 5e-6, 0.1 * 30e-6 + 0.2 * 50e-6};
        for (int j = 0; j < 3; j++) {
            // milliohm lines: the product is ideal to about 1e-6
            assertEquals(expected[j], Double.parseDouble(cols.get(j + 1).split(",")[1]), 1e-5 * expected[j], "column " + j);
        }
        double p1 = Double.parseDouble(Files.readAllLines(trace).get(2).split(",")[1]);
        assertEquals(0.09 * (10e-6 + 20e-6 + 30e-6), p1, 1e-5 * p1, "second read: only row 0 at 0.3 V");
    }

    @Test
    void badTablesNameFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path g = dir.resolve("g.csv");
        Files.writeString(g, "1e-5 2e-5\n3e-5 oops\n");
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.INPUT, run(err, "crossbar", "--conductances", g.toString()));
        assertTrue(err.toString().contains("g.csv:2: column 2: expected a finite number, found 'oops'"), err.toString());
        Path x = dir.resolve("x.csv");
        Files.writeString(x, "0.5 0.5\n0.5 7\n");
        err = new StringWriter();
        assertEquals(ExitCodes.INPUT, run(err, "crossbar", "--states", x.toString(), "--cells", "yakopcic"));
        assertTrue(err.toString().contains("row 2, column 2: state 7.0 outside"), err.toString());
        err = new StringWriter();
        assertEquals(ExitCodes.INPUT, run(err, "crossbar", "--conductances", g.toString(), "--rows", "3"));
    }

    @Test
    void singleCellReadReportsItsSneakError(@TempDir Path dir) throws Exception {
        Path g = dir.resolve("g.csv");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            sb.append(i == 1 ? "1e-4 1e-6 1e-4 1e-4\n" : "1e-4 1e-4 1e-4 1e-4\n");
        }
        Files.writeString(g, sb.toString());
        for (String scheme : List.of("floating", "grounded")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            assertEquals(0, MemspiceCommand.execute(new String[] {"crossbar", "--conductances", g.toString(), "--read-cell",
                "1,1", "--read-scheme", scheme, "--wire", "0.01", "--col-wire", "0.01"}, new PrintWriter(out, true),
                new PrintWriter(err, true)), err.toString());
            double error = Double.parseDouble(out.toString().replaceAll("(?s).*error ([-+0-9.e]+) %.*", "$1"));
            if (scheme.equals("floating")) {
                assertTrue(error > 100, "sneak currents through the 10 kOhm neighbours: " + out);
            } else {
                assertTrue(Math.abs(error) < 1, "grounded lines: " + out);
            }
        }
    }

    @Test
    void cellMapShowsWhereTheLinesDropTheVoltage(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("map.png");
        Path csv = dir.resolve("map.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "crossbar", "--rows", "12", "--cols", "10", "--wire", "20", "--cell-map", png.toString(),
                "--cell-csv", csv.toString()), err.toString());
        assertTrue(javax.imageio.ImageIO.read(png.toFile()).getWidth() >= 800);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(13, lines.size(), "a comment and one line per row");
        double nearDriverAndSense = Double.parseDouble(lines.get(12).split(",")[0]); // row 11, column 0
        double farCorner = Double.parseDouble(lines.get(1).split(",")[9]); // row 0, column 9
        assertTrue(nearDriverAndSense <= 1 && farCorner < nearDriverAndSense,
                "the cell far from driver and sense gets the least: " + farCorner + " < " + nearDriverAndSense);
    }

    @Test
    void programsACellAndSaysWhenLineResistanceDefeatsIt() {
        String[] base = {"crossbar", "--rows", "16", "--cols", "16", "--cells", "yakopcic", "--seed", "3", "--program", "0,15",
            "--target", "2e-3", "--read-voltage", "0.1"};
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] ideal = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.stream.Stream.of("--ideal-lines"))
                .toArray(String[]::new);
        assertEquals(0, MemspiceCommand.execute(ideal, new PrintWriter(out, true), new PrintWriter(err, true)), err.toString());
        assertTrue(out.toString().contains("reached") && out.toString().contains("0 other cells disturbed"), out.toString());
        out = new StringWriter();
        String[] lines = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.stream.Stream.of("--wire", "1",
                "--col-wire", "1", "--driver", "10", "--sense", "10", "--max-pulses", "200")).toArray(String[]::new);
        assertEquals(ExitCodes.SIMULATION, MemspiceCommand.execute(lines, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true)));
        assertTrue(out.toString().contains("NOT reached"), "sneak currents starve the far cell's RESET: " + out);
        assertEquals(ExitCodes.INPUT, run(new StringWriter(), "crossbar", "--rows", "4", "--cols", "4", "--program", "1,1",
                "--target", "1e-4"), "fixed conductances cannot be programmed");
    }

    @Test
    void unknownCellsExitWithTwo() {
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.INPUT, run(err, "crossbar", "--rows", "2", "--cols", "2", "--cells", "1t1r:nonsense"));
        assertTrue(err.toString().contains("--cells takes"), err.toString());
    }

    @Test
    void badSizesExitWithTwo() {
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.INPUT, run(err, "crossbar", "--rows", "0", "--cols", "3"));
        assertTrue(err.toString().contains("--rows 0 x --cols 3: the array must have between 1 and"), err.toString());
    }

    @Test
    void hostileNumbersAreRefusedBeforeAnythingIsBuilt() {
        String[][] cases = {
            {"--rows", "65536", "--cols", "65537"}, // the cell count used to overflow an int
            {"--rows", "100000", "--cols", "100000"}, // used to end in an OutOfMemoryError
            {"--rows", "8", "--cols", "8", "--tolerance", "-1"},
            {"--rows", "8", "--cols", "8", "--read-cell", "1,1", "--read-voltage", "0"},
            {"--rows", "4", "--cols", "4", "--cells", "yakopcic", "--program", "0,1", "--target", "Infinity"},
            {"--rows", "4", "--cols", "4", "--cells", "yakopcic", "--program", "0,1", "--target", "1e-3", "--pulse-width",
                "Infinity"},
            {"--rows", "4", "--cols", "4", "--vmax", "Infinity"},
            {"--rows", "4", "--cols", "4", "--operations", "2000000000"}};
        String[] expected = {"16,777,216 cells", "16,777,216 cells", "--tolerance", "--read-voltage", "--target",
            "--pulse-width", "--vmax", "--operations"};
        for (int k = 0; k < cases.length; k++) {
            StringWriter err = new StringWriter();
            String[] args = new String[cases[k].length + 1];
            args[0] = "crossbar";
            System.arraycopy(cases[k], 0, args, 1, cases[k].length);
            assertEquals(ExitCodes.INPUT, run(err, args), String.join(" ", args) + ": " + err);
            assertTrue(err.toString().contains(expected[k]) && !err.toString().contains("\tat "), err.toString());
        }
    }

    @Test
    void aFirstRowWithATypoOrNaNIsAnErrorNotAHeader(@TempDir Path dir) throws Exception {
        Path typo = dir.resolve("typo.csv");
        Files.writeString(typo, "1e-4,2.e-4.1\n3e-4,4e-4\n");
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.INPUT, run(err, "crossbar", "--conductances", typo.toString()));
        assertTrue(err.toString().contains("typo.csv:1: column 2: expected a finite number, found '2.e-4.1'"), err.toString());
        Path nan = dir.resolve("nan.csv");
        Files.writeString(nan, "NaN,1e-4\n3e-4,4e-4\n");
        StringWriter err2 = new StringWriter();
        assertEquals(ExitCodes.INPUT, run(err2, "crossbar", "--conductances", nan.toString()));
        assertTrue(err2.toString().contains("nan.csv:1: column 1"), err2.toString());
        // a header of names is still skipped
        Path named = dir.resolve("named.csv");
        Files.writeString(named, "g0,g1\n1e-4,2e-4\n3e-4,4e-4\n");
        assertEquals(ExitCodes.OK, run(new StringWriter(), "crossbar", "--conductances", named.toString()));
    }
}
