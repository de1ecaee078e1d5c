import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The largest difference between two waveform CSV files of the same vectors on the same time
 * points (two builds, or two options, on one netlist), relative to each column's peak |value| in
 * the first file. Used for the "waveforms moved by at most" figures in BENCHMARKS.md.
 * <pre>java bench/CsvDiff.java A.csv B.csv</pre>
 */
public final class CsvDiff {
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java bench/CsvDiff.java A.csv B.csv");
            System.exit(2);
        }
        List<String> a = Files.readAllLines(Path.of(args[0]));
        List<String> b = Files.readAllLines(Path.of(args[1]));
        if (a.isEmpty() || !a.get(0).equals(b.isEmpty() ? null : b.get(0))) {
            System.err.println("the files name different vectors");
            System.exit(2);
        }
        if (a.size() != b.size()) {
            System.err.println("different numbers of rows: " + (a.size() - 1) + " and " + (b.size() - 1));
            System.exit(3);
        }
        String[] names = a.get(0).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
        int cols = names.length;
        double[] peak = new double[cols];
        double[][] x = new double[a.size() - 1][];
        double[][] y = new double[a.size() - 1][];
        for (int r = 1; r < a.size(); r++) {
            x[r - 1] = numbers(a.get(r), cols);
            y[r - 1] = numbers(b.get(r), cols);
            for (int c = 0; c < cols; c++) {
                peak[c] = Math.max(peak[c], Math.abs(x[r - 1][c]));
            }
        }
        double worst = 0;
        int where = 0;
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < cols; c++) {
                double d = Math.abs(x[r][c] - y[r][c]) / (peak[c] > 0 ? peak[c] : 1);
                if (d > worst) {
                    worst = d;
                    where = c;
                }
            }
        }
        System.out.printf("%d rows; largest difference %.3g of the column's peak, in %s%n", x.length, worst, names[where]);
    }

    private static double[] numbers(String line, int cols) {
        String[] f = line.split(",", -1);
        double[] v = new double[cols];
        for (int c = 0; c < cols; c++) {
            v[c] = Double.parseDouble(f[c]);
        }
        return v;
    }
}
