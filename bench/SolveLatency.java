import java.nio.file.Files;
import java.nio.file.Path;
import org.memspice.spice.analysis.MnaSystem;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.element.ElementRegistry;
import org.memspice.spice.linalg.BlockTriangularLu;
import org.memspice.spice.netlist.CircuitBuilder;

/**
 * Microseconds per LU solve of a netlist's Jacobian (factored at the all-zero estimate),
 * warmed up, 100,000 solves per round: on rc_ladder2000 the triangular solves are one dependency
 * chain, so this is latency, not flops. Behind BENCHMARKS.md's "Where the ladder's time goes".
 * <pre>java -cp cli/target/memspice.jar bench/SolveLatency.java ../shared/reference/rc_ladder2000.cir</pre>
 */
public class SolveLatency {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Circuit c = new CircuitBuilder(ElementRegistry.loadDefault()).build(Files.readString(file), file);
        MnaSystem s = new MnaSystem(c);
        double[] x = new double[s.size() + 1];
        s.load(x);
        s.solve(new double[x.length]);
        BlockTriangularLu lu = s.lu();
        double[] b = new double[s.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = Math.sin(i);
        }
        double[] out = new double[b.length];
        System.out.printf("%d unknowns, %d blocks (largest %d), %d in L+U%n", s.size(), lu.blocks(), lu.largestBlock(),
                lu.factorNonZeros());
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < 100_000; k++) {
                lu.solve(b, out);
            }
            System.out.printf("%.2f us per solve%n", (System.nanoTime() - t0) / 1e5 / 1e3);
        }
    }
}
