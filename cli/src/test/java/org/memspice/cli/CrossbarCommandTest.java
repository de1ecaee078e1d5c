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
    void unknownCellsExitWithTwo() {
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.INPUT, run(err, "crossbar", "--rows", "2", "--cols", "2", "--cells", "1t1r:nonsense"));
        assertTrue(err.toString().contains("--cells takes"), err.toString());
    }

    @Test
    void badSizesExitWithTwo() {
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.INPUT, run(err, "crossbar", "--rows", "0", "--cols", "3"));
        assertTrue(err.toString().contains("need --rows"), err.toString());
    }
}
