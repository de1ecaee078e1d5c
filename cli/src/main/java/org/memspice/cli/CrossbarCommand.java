package org.memspice.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.memspice.crossbar.Bias;
import org.memspice.crossbar.Crossbar;
import org.memspice.crossbar.CrossbarNetlist;
import org.memspice.crossbar.Ends;
import org.memspice.crossbar.ReadScheme;
import org.memspice.crossbar.cell.CellPoint;
import org.memspice.crossbar.solve.CrossbarSolution;
import org.memspice.crossbar.solve.CrossbarSolver;
import org.memspice.devices.memristor.MemristorModels;
import org.memspice.spice.output.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code memspice crossbar}: reads of a crossbar with wire resistance by the structured solver. */
@Command(name = "crossbar", mixinStandardHelpOptions = true,
        description = {"Solve crossbar reads (vector-matrix multiplies) exactly, with IR drop and sneak paths.",
            "Rows and columns have wire, driver and sense resistance; cells are fixed conductances,",
            "memristors of any device model, or 1T1R cells, drawn from a seed or read from tables.",
            "--read-cell reads one cell with the other lines floating, grounded or half-biased;",
            "--netlist writes the same array for the general engine (or ngspice, for fixed cells);",
            "--power-trace writes the power and energy of a series of reads."})
public final class CrossbarCommand implements Callable<Integer> {
    @Option(names = "--rows", description = "number of rows (inputs); taken from the files when given")
    Integer rowsOption;

    @Option(names = "--cols", description = "number of columns (outputs); taken from the files when given")
    Integer colsOption;

    @Option(names = "--conductances", paramLabel = "G.csv", description = "cell conductances, S: one line per row,"
            + " one value per column (instead of random draws; fixed-conductance cells)")
    Path conductanceFile;

    @Option(names = "--states", paramLabel = "X.csv", description = "memristor states of memristor or 1T1R cells, one"
            + " line per row, in the model's units (instead of random draws)")
    Path stateFile;

    @Option(names = "--inputs", paramLabel = "V.csv", description = "row input voltages, V: one line per read, one value"
            + " per row (instead of random draws; the number of lines sets --operations)")
    Path inputFile;

    int rows;
    int cols;

    @Option(names = "--cells", defaultValue = "conductance", paramLabel = "KIND", description = {
        "conductance (fixed, drawn in [--rmin, --rmax]), a memristor model (" + MemristorModels.KINDS + ")",
        "with states drawn over its range, cbram (binary stochastic CBRAM, on or off at random),",
        "or 1t1r:MODEL for 1T1R cells (default ${DEFAULT-VALUE})"})
    String cellKind;

    @Option(names = "--wire", defaultValue = "2.5", description = "row wire resistance per segment, ohm (default ${DEFAULT-VALUE})")
    double rowWire;

    @Option(names = "--col-wire", defaultValue = "2.5", description = "column wire resistance per segment, ohm (default ${DEFAULT-VALUE})")
    double colWire;

    @Option(names = "--driver", defaultValue = "2.5", description = "row driver resistance, ohm (default ${DEFAULT-VALUE})")
    double driver;

    @Option(names = "--sense", defaultValue = "2.5", description = "column sense resistance, ohm: a virtual ground's input"
            + " resistance or a sense resistor (default ${DEFAULT-VALUE})")
    double sense;

    @Option(names = "--drive", defaultValue = "near", description = "row ends driven: near (left), far or both (default ${DEFAULT-VALUE})")
    String drive;

    @Option(names = "--read-at", defaultValue = "near", description = "column ends terminated: near (bottom), far or both (default ${DEFAULT-VALUE})")
    String readAt;

    @Option(names = "--word-line", defaultValue = "1.8", description = "word-line (gate) voltage of 1T1R cells, V (default ${DEFAULT-VALUE})")
    double wordLine;

    @Option(names = "--rmin", defaultValue = "10e3", description = "smallest fixed cell resistance, ohm (default ${DEFAULT-VALUE})")
    double rmin;

    @Option(names = "--rmax", defaultValue = "60e3", description = "largest fixed cell resistance, ohm (default ${DEFAULT-VALUE})")
    double rmax;

    @Option(names = "--vmin", defaultValue = "0.1", description = "smallest input, V (default ${DEFAULT-VALUE})")
    double vmin;

    @Option(names = "--vmax", defaultValue = "0.3", description = "largest input, V (default ${DEFAULT-VALUE})")
    double vmax;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the cell and input draws (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--tolerance", defaultValue = "1e-12", description = "relative residual of the solve: KCL residual over the source currents; lower it"
            + " when lines are many orders stronger than the cells (default ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--netlist", paramLabel = "FILE.cir", description = "also write the array (first read) as a netlist")
    Path netlist;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.csv", description = "first read per column: current, sense"
            + " voltage, ideal current, relative error")
    Path csv;

    @Option(names = "--cell-map", paramLabel = "FILE.png", description = "heat map of the voltage each cell receives"
            + " (first read) as a fraction of its ideal voltage: where IR drop and sneak paths bite")
    Path cellMap;

    @Option(names = "--cell-csv", paramLabel = "FILE.csv", description = "the same fractions as a table, one line per row")
    Path cellCsv;

    @Option(names = "--operations", defaultValue = "1", description = "reads with fresh random inputs (default ${DEFAULT-VALUE})")
    int operations;

    @Option(names = "--read-time", defaultValue = "10e-9", description = "duration of one read, s, for its energy (default ${DEFAULT-VALUE})")
    double readTime;

    @Option(names = "--power-trace", paramLabel = "FILE.csv", description = "per read: source power, cell power, energy")
    Path powerTrace;

    @Option(names = "--read-cell", paramLabel = "I,J", split = ",", description = "read the single cell (I, J) (0-based)"
            + " instead of a vector-matrix multiply, and report its sneak-path error")
    int[] readCell;

    @Option(names = "--read-scheme", defaultValue = "grounded", description = "other lines during a --read-cell read:"
            + " floating, grounded, v_half or v_third (default ${DEFAULT-VALUE})")
    String readScheme;

    @Option(names = "--read-voltage", defaultValue = "0.2", description = "row voltage of a --read-cell read and the"
            + " verify read of --program, V (default ${DEFAULT-VALUE})")
    double readVoltage;

    @picocli.CommandLine.Mixin
    ProgramOptions program = new ProgramOptions();

    @Option(names = "--stats", description = "print solver statistics, power and in-process time to stderr")
    boolean stats;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        double[][] matrix = conductanceFile != null ? NumberTable.read(conductanceFile, 0)
                : stateFile != null ? NumberTable.read(stateFile, 0) : null;
        if (conductanceFile != null && stateFile != null) {
            throw new UserInputException("give --conductances (fixed cells) or --states (memristor cells), not both");
        }
        rows = size(rowsOption, matrix == null ? null : matrix.length, "--rows");
        cols = size(colsOption, matrix == null ? null : matrix[0].length, "--cols");
        checkOptions();
        double[][] given = inputFile == null ? null : NumberTable.read(inputFile, rows);
        if (given != null) {
            operations = given.length;
        }
        if (given != null) {
            checkOptions();
        }
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        Crossbar array;
        try {
            array = new Crossbar(rows, cols, rowWire, colWire, driver, sense, ends(drive, "--drive"),
                    ends(readAt, "--read-at"), new CrossbarCells(cellKind, rows, cols, rmin, rmax, conductanceFile,
                            stateFile, matrix).build(random));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        CrossbarSolver solver = new CrossbarSolver(array);
        if (readCell != null) {
            return readOneCell(array, solver, start);
        }
        if (program.requested()) {
            return program.run(array, readVoltage, spec.commandLine().getOut());
        }
        StringBuilder trace = new StringBuilder("operation,source_power_W,cell_power_W,energy_J\n");
        CrossbarSolution first = null;
        int krylov = 0;
        int newton = 0;
        double worstResidual = 0;
        double energy = 0;
        ProgressReporter progress = new ProgressReporter(spec.commandLine().getErr(), false);
        for (int op = 0; op < operations; op++) {
            progress.update("crossbar reads", op / (double) operations);
            double[] inputs = new double[rows];
            for (int i = 0; i < rows; i++) {
                inputs[i] = given != null ? given[op][i] : vmin + (vmax - vmin) * random.nextDouble();
            }
            Bias bias = Bias.read(inputs, cols, wordLine);
            CrossbarSolution read;
            try {
                read = solver.solve(bias, tolerance, first == null ? null : first.nodeVoltages());
            } catch (IllegalStateException e) {
                throw new org.memspice.spice.analysis.SimulationException(e.getMessage());
            }
            if (first == null) {
                first = read;
            }
            krylov += read.iterations();
            newton += read.newtonIterations();
            worstResidual = Math.max(worstResidual, read.residual());
            double p = read.sourcePower();
            energy += p * readTime;
            trace.append(String.format(Locale.ROOT, "%d,%.9e,%.9e,%.9e%n", op, p, read.cellPower(), p * readTime));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (netlist != null) {
            AtomicFiles.writeText(netlist, CrossbarNetlist.write(array, first.bias()));
        }
        if (csv != null) {
            StringBuilder sb = new StringBuilder("column,current,sense_voltage,ideal,relative_error\n");
            for (int j = 0; j < cols; j++) {
                double ideal = first.idealColumnCurrent(j);
                double actual = first.columnCurrent(j);
                sb.append(j).append(',').append(actual).append(',').append(first.senseVoltage(j)).append(',')
                        .append(ideal).append(',').append((actual - ideal) / ideal).append('\n');
            }
            AtomicFiles.writeText(csv, sb.toString());
        }
        if (powerTrace != null) {
            AtomicFiles.writeText(powerTrace, trace.toString());
        }
        writeMaps(first);
        PrintWriter err = spec.commandLine().getErr();
        if (stats) {
            err.printf(Locale.ROOT, "crossbar %dx%d (%s cells): %d read(s), %d Newton and %d %s iterations, worst relative"
                    + " residual %.2e; first read power %.6e W, energy of all reads %.6e J; in-process %.3f s%n", rows, cols,
                    cellKind, operations, newton, krylov, array.cells().isTwoTerminal() ? "CG" : "BiCGSTAB", worstResidual,
                    first.sourcePower(), energy, elapsed);
        }
        return ExitCodes.OK;
    }

    /** A single-cell read: the measured column current against the cell's own current with ideal lines. */
    private int readOneCell(Crossbar array, CrossbarSolver solver, long start) throws IOException {
        if (readCell.length != 2 || readCell[0] < 0 || readCell[0] >= rows || readCell[1] < 0 || readCell[1] >= cols) {
            throw new UserInputException("--read-cell takes I,J inside the " + rows + "x" + cols + " array");
        }
        ReadScheme scheme;
        try {
            scheme = ReadScheme.valueOf(readScheme.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--read-scheme takes floating, grounded, v_half or v_third, not " + readScheme);
        }
        int i = readCell[0];
        int j = readCell[1];
        Bias bias = scheme.bias(rows, cols, i, j, readVoltage, wordLine);
        CrossbarSolution read;
        try {
            read = solver.solve(bias, tolerance);
        } catch (IllegalStateException e) {
            throw new org.memspice.spice.analysis.SimulationException(e.getMessage());
        }
        CellPoint own = new CellPoint();
        array.cells().evaluate(array.cell(i, j), readVoltage, 0, wordLine, own);
        double measured = read.columnCurrent(j);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "cell (%d, %d), %s read at %.4g V: column current %.6e A, the cell alone %.6e A,"
                + " error %.4g %%; voltage across the cell %.6g V; read power %.6e W%n", i, j,
                scheme.name().toLowerCase(Locale.ROOT), readVoltage, measured, own.current,
                100 * (measured - own.current) / own.current, read.cellVoltage(i, j), read.sourcePower());
        if (netlist != null) {
            AtomicFiles.writeText(netlist, CrossbarNetlist.write(array, bias));
        }
        writeMaps(read);
        if (stats) {
            spec.commandLine().getErr().printf(Locale.ROOT, "crossbar %dx%d (%s cells): single-cell read, %d Newton and %d"
                    + " Krylov iterations, relative residual %.2e; in-process %.3f s%n", rows, cols, cellKind,
                    read.newtonIterations(), read.iterations(), read.residual(), (System.nanoTime() - start) / 1e9);
        }
        return ExitCodes.OK;
    }

    private void writeMaps(CrossbarSolution read) throws IOException {
        if (cellMap != null) {
            CellMap.writePng(read, cellMap);
        }
        if (cellCsv != null) {
            CellMap.writeCsv(read, cellCsv);
        }
    }

    private static Ends ends(String value, String option) {
        try {
            return Ends.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(option + " takes near, far or both, not " + value);
        }
    }

    /** Largest array memspice builds: 4096 x 4096 cells (each cell and node holds a few doubles). */
    static final long MAX_CELLS = 1L << 24;
    /** Most reads of one run (each keeps a line of its power trace). */
    static final int MAX_OPERATIONS = 1_000_000;

    /** Every number from the command line finite and in range before anything is built. */
    private void checkOptions() {
        if (rows < 1 || cols < 1 || (long) rows * cols > MAX_CELLS) {
            throw new UserInputException(String.format("--rows %d x --cols %d: the array must have between 1 and %,d cells"
                    + " (memspice's limit)", rows, cols, MAX_CELLS));
        }
        positive("--wire", rowWire);
        positive("--col-wire", colWire);
        positive("--driver", driver);
        positive("--sense", sense);
        positive("--rmin", rmin);
        positive("--rmax", rmax);
        positive("--read-time", readTime);
        finite("--word-line", wordLine);
        finite("--vmin", vmin);
        finite("--vmax", vmax);
        if (rmax < rmin) {
            throw new UserInputException("--rmax " + rmax + " is below --rmin " + rmin);
        }
        if (vmax < vmin) {
            throw new UserInputException("--vmax " + vmax + " is below --vmin " + vmin);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new UserInputException("--tolerance is a relative residual between 0 and 1, not " + tolerance);
        }
        if (!(Double.isFinite(readVoltage) && readVoltage != 0)) {
            throw new UserInputException("--read-voltage must be a finite, non-zero voltage, not " + readVoltage);
        }
        if (operations < 1 || operations > MAX_OPERATIONS) {
            throw new UserInputException("--operations must be from 1 to " + MAX_OPERATIONS + ", not " + operations);
        }
    }

    static void positive(String option, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new UserInputException(option + " must be a finite positive number, not " + v);
        }
    }

    static void finite(String option, double v) {
        if (!Double.isFinite(v)) {
            throw new UserInputException(option + " must be a finite number, not " + v);
        }
    }

    /** The size from the option, or from the file, or an error when they disagree or neither is given. */
    private static int size(Integer option, Integer fromFile, String name) {
        if (option != null && fromFile != null && !option.equals(fromFile)) {
            throw new UserInputException(name + " " + option + " disagrees with the file's " + fromFile);
        }
        if (option == null && fromFile == null) {
            throw new UserInputException("need " + name + " (or --conductances / --states to take the size from)");
        }
        return option != null ? option : fromFile;
    }
}
