import com.fasterxml.jackson.core.io.NumberOutput;
import java.util.Random;

/**
 * The CSV writer's number text (Jackson's Schubfach, NumberOutput.toString(v, true)) against JDK
 * 17's Double.toString: ns per value over 2 million values (a third random bits, a third small
 * Gaussians, a third time points), and how many texts differ (each must read back as the same
 * double). Behind the figures in CsvWriter.format's comment and BENCHMARKS.md.
 * <pre>java -cp cli/target/memspice.jar bench/NumberText.java</pre>
 */
public class NumberText {
    public static void main(String[] args) {
        Random r = new Random(1);
        int n = 2_000_000;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % 3 == 0 ? r.nextGaussian() * 1e-3 : i % 3 == 1 ? i * 1e-7 : Double.longBitsToDouble(r.nextLong());
        }
        int differ = 0;
        for (double x : v) {
            String s = NumberOutput.toString(x, true);
            if (!Double.isNaN(x) && Double.parseDouble(s) != x) {
                throw new AssertionError(s + " does not read back as " + x);
            }
            if (!s.equals(Double.toString(x))) {
                differ++;
            }
        }
        System.out.printf("%d of %d texts differ from Double.toString (all read back)%n", differ, n);
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            long len = 0;
            for (double x : v) {
                len += Double.toString(x).length();
            }
            long t1 = System.nanoTime();
            for (double x : v) {
                len += NumberOutput.toString(x, true).length();
            }
            long t2 = System.nanoTime();
            System.out.printf("Double.toString %.0f ns, Schubfach %.0f ns per value (%d characters)%n",
                    (t1 - t0) / (double) n, (t2 - t1) / (double) n, len);
        }
    }
}
