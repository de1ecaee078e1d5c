package org.memspice.spice.tools;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.memspice.spice.linalg.SparseLu;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.netlist.CircuitBuilder;

/**
 * A benchmark and export hook for the sparse LU (used by {@code bench/sim-scale.sh}): stamps a
 * netlist's Jacobian at the zero solution, as the operating point's first Newton iteration
 * sees it, then factors it in this process and reports the analysis (pairing, ordering,
 * symbolic) and numeric times (wall, and CPU of all the process's threads: a large factorization
 * is shared among the processors), L+U entries and flops of each ordering, and can write the matrix
 * and right-hand side in Matrix Market form for other solvers.
 *
 * <pre>
 * java -cp memspice.jar org.memspice.spice.tools.FactorBench NETLIST [--ordering auto|amd|nd|all]
 *      [--repeat N] [--export PREFIX]     (writes PREFIX.mtx and PREFIX_b.mtx)
 * </pre>
 */
public final class FactorBench {
    private FactorBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: FactorBench NETLIST [--ordering auto|amd|nd|all] [--repeat N] [--export PREFIX]");
            System.exit(2);
        }
        Path netlist = Path.of(args[0]);
        String ordering = "all";
        int repeat = 3;
        String export = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--ordering" -> ordering = args[++i];
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--export" -> export = args[++i];
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        long t0 = System.nanoTime();
        Circuit circuit = new CircuitBuilder(ElementRegistry.loadDefault()).build(netlist);
        MnaSystem system = new MnaSystem(circuit);
        int n = system.size();
        system.load(new double[n + 1]);
        int[] cp = system.jacobian().col_idx;
        int[] ri = system.jacobian().nz_rows;
        double[] values = system.jacobian().nz_values;
        double[] rhs = new double[n];
        System.arraycopy(system.rightHandSide(), 1, rhs, 0, n);
        System.out.printf(Locale.ROOT, "%s: %d unknowns, %d nonzeros (parse, set-up and stamp %.3f s)%n",
                netlist.getFileName(), n, cp[n], (System.nanoTime() - t0) / 1e9);
        if (export != null) {
            writeMatrix(Path.of(export + ".mtx"), n, cp, ri, values);
            writeVector(Path.of(export + "_b.mtx"), rhs);
            System.out.println("wrote " + export + ".mtx and " + export + "_b.mtx");
        }
        SparseLu.Ordering[] kinds = switch (ordering) {
            case "auto" -> new SparseLu.Ordering[] {SparseLu.Ordering.AUTO};
            case "amd" -> new SparseLu.Ordering[] {SparseLu.Ordering.MINIMUM_DEGREE};
            case "nd" -> new SparseLu.Ordering[] {SparseLu.Ordering.NESTED_DISSECTION};
            case "all" -> new SparseLu.Ordering[] {SparseLu.Ordering.MINIMUM_DEGREE,
                SparseLu.Ordering.NESTED_DISSECTION, SparseLu.Ordering.AUTO};
            default -> throw new IllegalArgumentException("ordering " + ordering);
        };
        double[] x = new double[n];
        com.sun.management.OperatingSystemMXBean cpu = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (SparseLu.Ordering kind : kinds) {
            for (int r = 1; r <= repeat; r++) {
                SparseLu lu = new SparseLu(n, cp, ri, kind);
                long a = System.nanoTime();
                long ac = cpu.getProcessCpuTime();
                lu.factor(values);
                long b = System.nanoTime();
                long bc = cpu.getProcessCpuTime();
                lu.factor(values);
                long c = System.nanoTime();
                long cc = cpu.getProcessCpuTime();
                lu.solve(rhs, x);
                double first = (b - a) / 1e9;
                double analysis = lu.analysisSeconds();
                double refactor = (c - b) / 1e9;
                double flops = lu.factorFlops();
                System.out.printf(Locale.ROOT,
                        "%-17s run %d: chose %-17s L+U %,d  flops %.3g  first factorization %.3f s wall %.3f s cpu"
                                + " (analysis %.3f s wall%s)  refactorization %.3f s wall %.3f s cpu (%.2f GFlop/s cpu)"
                                + "  residual %.2e%n",
                        kind, r, lu.chosenOrdering(), lu.factorNonZeros(), flops, first, (bc - ac) / 1e9, analysis,
                        lu.pivotingFactorizations() > 0 ? ", partial pivoting" : "", refactor, (cc - bc) / 1e9,
                        flops / ((cc - bc) / 1e9) / 1e9, residual(n, cp, ri, values, x, rhs));
            }
        }
    }

    /** max |b - A x| / max |b| for A in compressed columns (cp, ri, v); bench/CrossbarLu.java uses it too. */
    public static double residual(int n, int[] cp, int[] ri, double[] v, double[] x, double[] b) {
        double[] r = b.clone();
        for (int c = 0; c < n; c++) {
            for (int p = cp[c]; p < cp[c + 1]; p++) {
                r[ri[p]] -= v[p] * x[c];
            }
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num = Math.max(num, Math.abs(r[i]));
            den = Math.max(den, Math.abs(b[i]));
        }
        return den == 0 ? num : num / den;
    }

    private static void writeMatrix(Path file, int n, int[] cp, int[] ri, double[] v) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("%%MatrixMarket matrix coordinate real general\n");
            w.write(n + " " + n + " " + cp[n] + "\n");
            for (int c = 0; c < n; c++) {
                for (int p = cp[c]; p < cp[c + 1]; p++) {
                    w.write((ri[p] + 1) + " " + (c + 1) + " " + Double.toString(v[p]) + "\n");
                }
            }
        }
    }

    private static void writeVector(Path file, double[] b) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("%%MatrixMarket matrix array real general\n");
            w.write(b.length + " 1\n");
            for (double d : b) {
                w.write(Double.toString(d) + "\n");
            }
        }
    }
}
