package org.memspice.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.memspice.crossbar.PassiveArray;
import org.memspice.crossbar.PassiveArraySolver;
import org.memspice.crossbar.ReadResult;
import org.memspice.spice.output.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code memspice crossbar}: read a passive crossbar with wire resistance by the structured solver. */
@Command(name = "crossbar", mixinStandardHelpOptions = true,
        description = {"Solve the read (vector-matrix multiply) of a passive crossbar with wire, driver and sense",
            "resistance exactly, with the structured solver; cells and inputs are drawn from a seeded source.",
            "--netlist writes the same array for the general engine or ngspice."})
public final class CrossbarCommand implements Callable<Integer> {
    @Option(names = "--rows", required = true, description = "number of rows (inputs)")
    int rows;

    @Option(names = "--cols", required = true, description = "number of columns (outputs)")
    int cols;

    @Option(names = "--wire", defaultValue = "2.5", description = "row wire resistance per segment, ohm (default ${DEFAULT-VALUE})")
    double rowWire;

    @Option(names = "--col-wire", defaultValue = "2.5", description = "column wire resistance per segment, ohm (default ${DEFAULT-VALUE})")
    double colWire;

    @Option(names = "--driver", defaultValue = "2.5", description = "row driver resistance, ohm (default ${DEFAULT-VALUE})")
    double driver;

    @Option(names = "--sense", defaultValue = "2.5", description = "column sense resistance, ohm (default ${DEFAULT-VALUE})")
    double sense;

    @Option(names = "--rmin", defaultValue = "10e3", description = "smallest cell resistance, ohm (default ${DEFAULT-VALUE})")
    double rmin;

    @Option(names = "--rmax", defaultValue = "60e3", description = "largest cell resistance, ohm (default ${DEFAULT-VALUE})")
    double rmax;

    @Option(names = "--vmin", defaultValue = "0.1", description = "smallest input, V (default ${DEFAULT-VALUE})")
    double vmin;

    @Option(names = "--vmax", defaultValue = "0.3", description = "largest input, V (default ${DEFAULT-VALUE})")
    double vmax;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the cell and input draws (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--tolerance", defaultValue = "1e-12", description = "relative residual of the solve (default ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--netlist", paramLabel = "FILE.cir", description = "also write the array as a netlist")
    Path netlist;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.csv", description = "column currents: actual, ideal, relative error")
    Path csv;

    @Option(names = "--stats", description = "print solver statistics, power and in-process time to stderr")
    boolean stats;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (rows < 1 || cols < 1 || !(rmin > 0 && rmax >= rmin)) {
            throw new UserInputException("need --rows, --cols >= 1 and 0 < --rmin <= --rmax");
        }
        long start = System.nanoTime();
        PassiveArray array;
        try {
            array = new PassiveArray(rows, cols, rowWire, colWire, driver, sense);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] inputs = new double[rows];
        for (int i = 0; i < rows; i++) {
            inputs[i] = vmin + (vmax - vmin) * random.nextDouble();
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                array.setConductance(i, j, 1 / (rmin + (rmax - rmin) * random.nextDouble()));
            }
        }
        ReadResult read = new PassiveArraySolver(array).read(inputs, tolerance);
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (netlist != null) {
            AtomicFiles.writeText(netlist, array.netlist(inputs));
        }
        if (csv != null) {
            StringBuilder sb = new StringBuilder("column,current,ideal,relative_error\n");
            for (int j = 0; j < cols; j++) {
                double ideal = read.idealColumnCurrent(j);
                double actual = read.columnCurrent(j);
                sb.append(j).append(',').append(actual).append(',').append(ideal).append(',')
                        .append((actual - ideal) / ideal).append('\n');
            }
            AtomicFiles.writeText(csv, sb.toString());
        }
        PrintWriter err = spec.commandLine().getErr();
        if (stats) {
            err.printf(Locale.ROOT, "crossbar %dx%d: %d CG iterations, relative residual %.2e; read power %.6e W;"
                    + " in-process %.3f s%n", rows, cols, read.iterations(), read.residual(), read.dissipatedPower(), elapsed);
        }
        return ExitCodes.OK;
    }
}
