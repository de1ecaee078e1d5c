package org.memspice.cli.dse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.memspice.dse.infer.PowerTrace;
import org.memspice.spice.output.AtomicFiles;

/**
 * Collects the per-read power of the traced images (from any thread) and writes them as CSV in
 * image and read order, with how strongly the supply follows the input: the correlation, over the
 * traced images, between each image's first-layer array energy and the sum of its row voltages.
 */
final class TraceFile implements PowerTrace {
    private record Row(int image, int layer, int tile, long read, double power, double voltageSum) {
    }

    private final List<Row> rows = new ArrayList<>();

    @Override
    public synchronized void read(int image, int layer, int tile, long readIndex, double power, double voltageSum) {
        rows.add(new Row(image, layer, tile, readIndex, power, voltageSum));
    }

    /** Writes the trace; returns the first-layer supply-input correlation (NaN with fewer than 3 images). */
    synchronized double write(Path file, double readTime) throws IOException {
        rows.sort(Comparator.comparingInt(Row::image).thenComparingLong(Row::read));
        AtomicFiles.writeText(file, java.nio.charset.StandardCharsets.UTF_8, out -> {
            out.write("image,layer,tile,read,power_w,energy_j,row_voltage_sum_v\n");
            for (Row r : rows) {
                out.write(String.format(Locale.ROOT, "%d,%d,%d,%d,%.9g,%.9g,%.9g%n", r.image(), r.layer() + 1, r.tile(), r.read(),
                        r.power(), r.power() * readTime, r.voltageSum()));
            }
        });
        java.util.Map<Integer, double[]> perImage = new java.util.TreeMap<>();
        for (Row r : rows) {
            if (r.layer() == 0) {
                double[] a = perImage.computeIfAbsent(r.image(), k -> new double[2]);
                a[0] += r.power();
                a[1] += r.voltageSum();
            }
        }
        if (perImage.size() < 3) {
            return Double.NaN;
        }
        double n = perImage.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (double[] a : perImage.values()) {
            sx += a[1];
            sy += a[0];
            sxx += a[1] * a[1];
            syy += a[0] * a[0];
            sxy += a[0] * a[1];
        }
        double cov = sxy / n - sx / n * sy / n;
        double vx = sxx / n - sx / n * sx / n;
        double vy = syy / n - sy / n * sy / n;
        return vx <= 0 || vy <= 0 ? Double.NaN : cov / Math.sqrt(vx * vy);
    }
}
