package org.memspice.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.memspice.crossbar.Crossbar;
import org.memspice.crossbar.cell.MemristorCells;
import org.memspice.crossbar.programming.HalfSelectScheme;
import org.memspice.crossbar.programming.WriteVerifyProgrammer;
import picocli.CommandLine.Option;

/** The write-and-verify mode of {@code memspice crossbar} ({@code --program I,J --target G}). */
final class ProgramOptions {
    @Option(names = "--program", paramLabel = "I,J", split = ",", description = "write-and-verify cell (I, J) (0-based) to"
            + " --target instead of reading; needs memristor cells (--cells MODEL); exits with 3 when the target is not reached")
    int[] cell;

    @Option(names = "--target", description = "target conductance of --program, S, read at --read-voltage")
    Double target;

    @Option(names = "--target-tolerance", defaultValue = "0.02", description = "relative tolerance of the target (default ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--write-voltage", defaultValue = "0.45", description = "SET pulse amplitude, V (default ${DEFAULT-VALUE})")
    double setVoltage;

    @Option(names = "--reset-voltage", defaultValue = "-0.45", description = "RESET pulse amplitude, V (default ${DEFAULT-VALUE})")
    double resetVoltage;

    @Option(names = "--pulse-width", defaultValue = "10e-6", description = "pulse width, s (default ${DEFAULT-VALUE})")
    double width;

    @Option(names = "--max-pulses", defaultValue = "1000", description = "give up after this many pulses (default ${DEFAULT-VALUE})")
    int maxPulses;

    @Option(names = "--write-scheme", defaultValue = "v_third", description = "half-select biasing: v_half or v_third"
            + " (default ${DEFAULT-VALUE})")
    String scheme;

    @Option(names = "--ideal-lines", description = "program as if the lines had no resistance")
    boolean idealLines;

    @Option(names = "--substeps", defaultValue = "4", description = "array re-solves per pulse with resistive lines (default ${DEFAULT-VALUE})")
    int substeps;

    boolean requested() {
        return cell != null;
    }

    /** Programs the cell and prints the outcome; the array's cells must be memristor cells. */
    int run(Crossbar array, double readVoltage, PrintWriter out) {
        if (!(array.cells() instanceof MemristorCells cells)) {
            throw new UserInputException("--program needs memristor cells (--cells MODEL), not " + array.cells().getClass()
                    .getSimpleName());
        }
        if (cell.length != 2 || cell[0] < 0 || cell[0] >= array.rows() || cell[1] < 0 || cell[1] >= array.cols()) {
            throw new UserInputException("--program takes I,J inside the " + array.rows() + "x" + array.cols() + " array");
        }
        if (target == null) {
            throw new UserInputException("--program needs --target (a conductance, S)");
        }
        CrossbarCommand.positive("--target", target);
        CrossbarCommand.positive("--pulse-width", width);
        CrossbarCommand.finite("--write-voltage", setVoltage);
        CrossbarCommand.finite("--reset-voltage", resetVoltage);
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new UserInputException("--target-tolerance is relative, between 0 and 1, not " + tolerance);
        }
        if (maxPulses < 1 || maxPulses > 10_000_000) {
            throw new UserInputException("--max-pulses must be from 1 to 10000000, not " + maxPulses);
        }
        if (substeps < 1 || substeps > 10_000) {
            throw new UserInputException("--substeps must be from 1 to 10000, not " + substeps);
        }
        if (!(Double.isFinite(readVoltage) && readVoltage != 0)) {
            throw new UserInputException("--program reads at --read-voltage, which must be finite and non-zero");
        }
        HalfSelectScheme s;
        try {
            s = HalfSelectScheme.valueOf(scheme.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--write-scheme takes v_half or v_third, not " + scheme);
        }
        WriteVerifyProgrammer p;
        if (idealLines) {
            p = new WriteVerifyProgrammer(cells.model(), array.rows(), array.cols());
            for (int i = 0; i < array.rows(); i++) {
                for (int j = 0; j < array.cols(); j++) {
                    p.setState(i, j, cells.state()[array.cell(i, j)]);
                }
            }
        } else {
            p = new WriteVerifyProgrammer(array, substeps);
        }
        int i = cell[0];
        int j = cell[1];
        double before = p.conductance(i, j, readVoltage);
        WriteVerifyProgrammer.Result r = p.program(i, j, target, tolerance, readVoltage, setVoltage, resetVoltage, width,
                maxPulses, s);
        out.printf(Locale.ROOT, "cell (%d, %d): %.6e S -> %.6e S (target %.6e S) in %d pulses, %s; last pulse delivered"
                + " %.6g V of %.6g V; %d other cells disturbed, largest state change %.3g%n", i, j, before,
                r.conductance(), target, r.pulses(), r.reached() ? "reached" : "NOT reached",
                p.lastPulseVoltage(i, j), r.pulses() == 0 ? 0 : (target > before ? setVoltage : resetVoltage),
                r.disturbedCells(), r.maxDisturbance());
        return r.reached() ? ExitCodes.OK : ExitCodes.SIMULATION;
    }
}
