package org.memspice.spice.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes waveforms as CSV: the scale vector first (if any), then one column per vector, ngspice names. */
public final class CsvWriter {
    private CsvWriter() {
    }

    public static void write(Waveforms w, Path file) throws IOException {
        AtomicFiles.writeText(file, StandardCharsets.UTF_8, out -> {
            StringBuilder sb = new StringBuilder();
            boolean first = true;
            if (w.scaleName() != null) {
                sb.append(w.scaleName());
                first = false;
            }
            for (String n : w.names()) {
                if (!first) {
                    sb.append(',');
                }
                sb.append(n);
                first = false;
            }
            out.write(sb.append('\n').toString());
            double[] scale = w.scale();
            int vectors = w.names().size();
            for (int r = 0; r < w.rows(); r++) {
                sb.setLength(0);
                first = true;
                if (w.scaleName() != null) {
                    sb.append(format(scale[r]));
                    first = false;
                }
                for (int c = 0; c < vectors; c++) {
                    if (!first) {
                        sb.append(',');
                    }
                    sb.append(format(w.value(c, r)));
                    first = false;
                }
                out.write(sb.append('\n').toString());
            }
        });
    }

    /** Shortest text that reads back as the same double (much faster than String.format). */
    static String format(double v) {
        return Double.toString(v);
    }
}
