package org.memspice.spice.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes waveforms as CSV (RFC 4180): the scale vector first (if any), then one column per vector,
 * ngspice names; a name with a comma or a quote ({@code v(3,2)}) is quoted. Rows are read with a
 * cursor, so a recording spilled to disk is written without being loaded.
 */
public final class CsvWriter {
    private CsvWriter() {
    }

    public static void write(Waveforms w, Path file) throws IOException {
        AtomicFiles.writeText(file, StandardCharsets.UTF_8, out -> {
            StringBuilder sb = new StringBuilder();
            boolean first = true;
            if (w.scaleName() != null) {
                sb.append(quote(w.scaleName()));
                first = false;
            }
            for (String n : w.names()) {
                if (!first) {
                    sb.append(',');
                }
                sb.append(quote(n));
                first = false;
            }
            out.write(sb.append('\n').toString());
            int vectors = w.names().size();
            Waveforms.Cursor c = w.cursor();
            while (c.next()) {
                sb.setLength(0);
                first = true;
                if (w.scaleName() != null) {
                    sb.append(format(c.scale()));
                    first = false;
                }
                for (int k = 0; k < vectors; k++) {
                    if (!first) {
                        sb.append(',');
                    }
                    sb.append(format(c.value(k)));
                    first = false;
                }
                out.write(sb.append('\n').toString());
            }
        });
    }

    /** A CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /** Shortest text that reads back as the same double (much faster than String.format). */
    static String format(double v) {
        return Double.toString(v);
    }
}
