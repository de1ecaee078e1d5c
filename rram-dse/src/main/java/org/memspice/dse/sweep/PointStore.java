package org.memspice.dse.sweep;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.memspice.spice.output.AtomicFiles;

/**
 * Finished points on disk: one small text file per point, {@code points/KEY.txt}, written
 * atomically (a temporary sibling moved into place), holding the point's parameters, metrics
 * (every digit) and time. A point whose file exists and records no error is finished. Points
 * may arrive in any order (from threads or from cluster members); what was read or written is
 * also kept in memory, so the table can be rewritten often without reading every file again.
 * {@link #text} and {@link #parse} are the file's format on its own: a cluster member sends a
 * result in it and keeps it under the point's key in the cluster's map.
 */
public final class PointStore {
    private final Path dir;
    private final Map<String, PointResult> known = new ConcurrentHashMap<>();

    public PointStore(Path sweepDir) throws IOException {
        this.dir = Files.createDirectories(sweepDir.resolve("points"));
    }

    private Path file(String key) {
        return dir.resolve(key + ".txt");
    }

    /** The stored result of a finished point, or null. */
    public PointResult finished(String key) {
        PointResult r = read(key);
        return r != null && r.ok() ? r : null;
    }

    /** The stored result (finished or failed), or null. */
    public PointResult read(String key) {
        PointResult r = known.get(key);
        if (r != null) {
            return r;
        }
        synchronized (this) {
            Path f = file(key);
            if (!Files.isRegularFile(f)) {
                return null;
            }
            try {
                r = parse(Files.readString(f));
            } catch (IOException e) {
                return null; // unreadable: computed again
            }
            if (r != null) {
                known.put(key, r);
            }
            return r;
        }
    }

    /** Stores a point's result atomically. */
    public synchronized void write(SweepPoint p, String parameters, PointResult r) throws IOException {
        AtomicFiles.writeText(file(p.key()), text(p.key(), parameters, r));
        known.put(p.key(), r);
    }

    /** A point's result in the store's text form (what {@code points/KEY.txt} holds). */
    public static String text(SweepPoint p, PointResult r) {
        return text(p.key(), p.canonical(), r);
    }

    private static String text(String key, String parameters, PointResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# memspice dse point ").append(key).append('\n');
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
        return sb.toString();
    }

    /** The result a text of {@link #text} holds, or null when it is incomplete or unreadable. */
    public static PointResult parse(String text) {
        try {
            Map<String, Double> metrics = new LinkedHashMap<>();
            double seconds = 0;
            String error = null;
            boolean complete = false;
            for (String line : text.split("\n", -1)) {
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
        } catch (NumberFormatException e) {
            return null;
        }
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
