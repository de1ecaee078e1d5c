package org.memspice.dse.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.memspice.spice.output.AtomicFiles;

/**
 * The sweep's table: one row per finished point in the sweep's order, with its index, key, the
 * {@code each} axis it varies, the values of every swept parameter, the seed, and every metric
 * (every digit). Nothing in it depends on the machine or the thread count (times are in the
 * point files), so a resumed sweep ends with the same table as an uninterrupted one.
 */
public final class SweepCsv {
    private SweepCsv() {
    }

    /** Writes the finished points' rows atomically; returns how many were written. */
    public static int write(Path csv, List<SweepPoint> points, List<String> axes, PointStore store) throws IOException {
        List<SweepPoint> rows = new ArrayList<>();
        List<PointResult> results = new ArrayList<>();
        Set<String> metrics = new LinkedHashSet<>();
        for (SweepPoint p : points) {
            PointResult r = store.finished(p.key());
            if (r != null) {
                rows.add(p);
                results.add(r);
                metrics.addAll(r.metrics().keySet());
            }
        }
        StringBuilder sb = new StringBuilder("index,key,varied");
        for (String a : axes) {
            sb.append(',').append(a);
        }
        sb.append(",seed");
        for (String m : metrics) {
            sb.append(',').append(m);
        }
        sb.append('\n');
        for (int k = 0; k < rows.size(); k++) {
            SweepPoint p = rows.get(k);
            sb.append(p.index() + 1).append(',').append(p.key()).append(',').append(p.varied());
            for (String a : axes) {
                sb.append(',').append(p.value(a).replace(',', ';'));
            }
            sb.append(',').append(p.seed());
            for (String m : metrics) {
                Double v = results.get(k).metrics().get(m);
                sb.append(',').append(v == null ? "" : Double.toString(v));
            }
            sb.append('\n');
        }
        AtomicFiles.writeText(csv, sb.toString());
        return rows.size();
    }
}
