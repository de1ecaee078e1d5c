package org.memspice.dse.sweep;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.memspice.spice.output.AtomicFiles;

/**
 * Finished points on disk: one small text file per point, {@code points/KEY.txt}, written
 * atomically (a temporary sibling moved into place), holding the point's parameters, metrics
 * (every digit) and time. A point whose file exists and records no error is finished.
 */
public final class PointStore {
    private final Path dir;

    public PointStore(Path sweepDir) throws IOException {
        this.dir = Files.createDirectories(sweepDir.resolve("points"));
    }

    private Path file(String key) {
        return dir.resolve(key + ".txt");
    }

    /** The stored result of a finished point, or null. */
    public synchronized PointResult finished(String key) {
        PointResult r = read(key);
        return r != null && r.ok() ? r : null;
    }

    /** The stored result (finished or failed), or null. */
    public synchronized PointResult read(String key) {
        Path f = file(key);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            String text = Files.readString(f);
            String[] lines = text.split("\n", -1);
            Map<String, Double> metrics = new LinkedHashMap<>();
            double seconds = 0;
            String error = null;
            boolean complete = false;
            for (String line : lines) {
                int eq = line.indexOf('=');
                if (line.startsWith("#") || eq < 0) {
                    complete |= line.equals("# end");
                    continue;
                }
                String k = line.substring(0, eq);
                String v = line.substring(eq + 1);
                if (k.startsWith("metric.")) {
                    metrics.put(k.substring(7), Double.parseDouble(v));
                } else if (k.equals("seconds")) {
                    seconds = Double.parseDouble(v);
                } else if (k.equals("error")) {
                    error = unescape(v);
                }
            }
            return complete ? new PointResult(metrics, seconds, error) : null;
        } catch (IOException | NumberFormatException e) {
            return null; // unreadable: computed again
        }
    }

    /** Stores a point's result atomically. */
    public synchronized void write(SweepPoint p, String parameters, PointResult r) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# memspice dse point ").append(p.key()).append('\n');
        for (String line : parameters.split("\n")) {
            if (!line.isEmpty()) {
                sb.append("param.").append(line).append('\n');
            }
        }
        r.metrics().forEach((k, v) -> sb.append("metric.").append(k).append('=').append(Double.toString(v)).append('\n'));
        sb.append("seconds=").append(r.seconds()).append('\n');
        if (r.error() != null) {
            sb.append("error=").append(escape(r.error())).append('\n');
        }
        sb.append("# end\n");
        AtomicFiles.writeText(file(p.key()), sb.toString());
    }

    private static String escape(String s) {
        StringWriter w = new StringWriter();
        Properties pr = new Properties();
        pr.setProperty("e", s);
        try {
            pr.store(w, null);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        String[] lines = w.toString().split("\n");
        return lines[lines.length - 1].substring(2).strip();
    }

    private static String unescape(String s) {
        Properties pr = new Properties();
        try {
            pr.load(new StringReader("e=" + s));
        } catch (IOException e) {
            return s;
        }
        return pr.getProperty("e");
    }
}
