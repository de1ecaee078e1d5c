import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.SplittableRandom;
import org.memspice.spice.linalg.MatrixPattern;
import org.memspice.spice.linalg.SparseLu;

/**
 * The modified-nodal-analysis matrix of bench/gen-crossbar.sh's passive MxM crossbar (row drivers
 * VINi with branch rows, 2.5 ohm source, row, column and sense resistors, 10k-60k ohm cells),
 * stamped straight into a MatrixPattern as the engine's resistors and voltage sources do, then
 * factored by SparseLu: the LU alone at sizes whose netlists take long to parse (1024x1024 has
 * 3.1 million elements), with a forced ordering. Same matrix as `memspice sim` builds.
 *
 *   java -Xmx8g -cp cli/target/memspice.jar bench/CrossbarLu.java M [auto|amd|nd] [REPEAT]
 *
 * Prints L+U, flops, the first factorization (pairing, ordering, symbolic, numeric) and a
 * refactorization in wall and CPU seconds (all the process's threads: a large factorization is
 * shared among the processors), the residual, and the heap in use.
 */
public class CrossbarLu {
    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]);
        SparseLu.Ordering ordering = switch (args.length > 1 ? args[1] : "auto") {
            case "amd" -> SparseLu.Ordering.MINIMUM_DEGREE;
            case "nd" -> SparseLu.Ordering.NESTED_DISSECTION;
            default -> SparseLu.Ordering.AUTO;
        };
        int repeat = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        com.sun.management.OperatingSystemMXBean cpu =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long t0 = System.nanoTime();
        // unknowns (1-based): r(i,j) = 1 + i*m + j, c(i,j) = 1 + m*m + i*m + j, in_i, branch of VINi
        int nodes = 2 * m * m + m;
        int n = nodes + m;
        MatrixPattern p = new MatrixPattern(n);
        int maxStamps = 4 * (3 * m * m + 2 * m) + 2 * m;
        int[] handle = new int[maxStamps];
        double[] value = new double[maxStamps];
        int[] count = {0};
        double[] rhs = new double[n];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < m; i++) {
            int in = 2 * m * m + 1 + i;
            int branch = nodes + 1 + i;
            rhs[branch - 1] = 0.1 + 0.2 * random.nextDouble();
            stamp(p, handle, value, count, in, branch, 1);
            stamp(p, handle, value, count, branch, in, 1);
            resistor(p, handle, value, count, in, r(m, i, 0), 2.5);
            for (int j = 0; j + 1 < m; j++) {
                resistor(p, handle, value, count, r(m, i, j), r(m, i, j + 1), 2.5);
            }
        }
        for (int j = 0; j < m; j++) {
            for (int i = 0; i + 1 < m; i++) {
                resistor(p, handle, value, count, c(m, i, j), c(m, i + 1, j), 2.5);
            }
            resistor(p, handle, value, count, c(m, m - 1, j), 0, 2.5);
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                resistor(p, handle, value, count, r(m, i, j), c(m, i, j), 10000 + 50000 * random.nextDouble());
            }
        }
        p.compile();
        double[] ax = new double[p.nonZeros() + 1];
        for (int k = 0; k < count[0]; k++) {
            ax[p.position(handle[k])] += value[k];
        }
        int[] cp = p.columnPointers();
        int[] ri = p.rowIndices();
        System.out.printf(Locale.ROOT, "%dx%d crossbar: %d unknowns, %d nonzeros, stamped in %.3f s%n", m, m, n,
                p.nonZeros(), (System.nanoTime() - t0) / 1e9);
        double[] x = new double[n];
        for (int run = 1; run <= repeat; run++) {
            SparseLu lu = new SparseLu(n, cp, ri, ordering);
            long a = System.nanoTime();
            long ac = cpu.getProcessCpuTime();
            lu.factor(ax);
            long b = System.nanoTime();
            long bc = cpu.getProcessCpuTime();
            lu.factor(ax);
            long c = System.nanoTime();
            long cc = cpu.getProcessCpuTime();
            lu.solve(rhs, x);
            double flops = lu.factorFlops();
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT,
                    "run %d: %s chose %s, L+U %,d, flops %.3g, first factorization %.2f s wall %.2f s cpu"
                            + " (analysis %.2f s wall%s), refactorization %.2f s wall %.2f s cpu (%.2f GFlop/s cpu),"
                            + " residual %.2e, heap in use %d MB%n",
                    run, ordering, lu.chosenOrdering(), (long) lu.factorNonZeros(), flops, (b - a) / 1e9,
                    (bc - ac) / 1e9, lu.analysisSeconds(), lu.pivotingFactorizations() > 0 ? ", partial pivoting" : "",
                    (c - b) / 1e9, (cc - bc) / 1e9, flops / ((cc - bc) / 1e9) / 1e9,
                    org.memspice.spice.tools.FactorBench.residual(n, cp, ri, ax, x, rhs), (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }

    private static int r(int m, int i, int j) {
        return 1 + i * m + j;
    }

    private static int c(int m, int i, int j) {
        return 1 + m * m + i * m + j;
    }

    private static void stamp(MatrixPattern p, int[] handle, double[] value, int[] count, int row, int col, double v) {
        handle[count[0]] = p.reserve(row, col);
        value[count[0]++] = v;
    }

    private static void resistor(MatrixPattern p, int[] handle, double[] value, int[] count, int a, int b, double ohms) {
        double g = 1 / ohms;
        stamp(p, handle, value, count, a, a, g);
        stamp(p, handle, value, count, b, b, g);
        stamp(p, handle, value, count, a, b, -g);
        stamp(p, handle, value, count, b, a, -g);
    }
}
