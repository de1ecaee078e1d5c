package org.memspice.spice.output;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        AtomicFiles.write(file, tmp -> {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                Rows out = new Rows(os);
                boolean first = true;
                if (w.scaleName() != null) {
                    out.text(quote(w.scaleName()));
                    first = false;
                }
                for (String n : w.names()) {
                    if (!first) {
                        out.ascii(',');
                    }
                    out.text(quote(n));
                    first = false;
                }
                out.ascii('\n');
                int vectors = w.names().size();
                boolean scale = w.scaleName() != null;
                Waveforms.Cursor c = w.cursor();
                while (c.next()) {
                    if (scale) {
                        out.number(c.scale());
                    }
                    for (int k = 0; k < vectors; k++) {
                        if (k > 0 || scale) {
                            out.ascii(',');
                        }
                        out.number(c.value(k));
                    }
                    out.ascii('\n');
                }
                out.flush();
            }
        });
    }

    /**
     * The rows as bytes: numbers' text (ASCII) copied straight into one buffer, names encoded as
     * UTF-8. Writing each row as a String through a Writer copied every character three times
     * (builder, string, encoder); on a 104,000-point transient that was half the time of writing.
     */
    private static final class Rows {
        private final OutputStream os;
        private final byte[] buf = new byte[1 << 16];
        private int pos;

        Rows(OutputStream os) {
            this.os = os;
        }

        void ascii(char ch) throws IOException {
            if (pos == buf.length) {
                flush();
            }
            buf[pos++] = (byte) ch;
        }

        void number(double v) throws IOException {
            String s = format(v); // ASCII: digits, sign, '.', 'E', "Infinity", "NaN"
            int n = s.length();
            if (pos + n > buf.length) {
                flush();
            }
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
        }

        void text(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (pos + b.length > buf.length) {
                flush();
            }
            if (b.length > buf.length) {
                os.write(b);
            } else {
                System.arraycopy(b, 0, buf, pos, b.length);
                pos += b.length;
            }
        }

        void flush() throws IOException {
            os.write(buf, 0, pos);
            pos = 0;
        }
    }

    /** A CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /**
     * The shortest text that reads back as the same double, in Double.toString's format (Jackson's
     * Schubfach, Giulietti's algorithm, which JDK 19 adopted for Double.toString): 54-62 ns a value
     * against JDK 17's 297-400 ns (2 million values, bench/NumberText.java). For about 1 value in 1,000 of random bits
     * the text differs from JDK 17's and reads back as the same double: shorter where the JDK
     * prints a digit too many (1.0E23 for 9.999999999999999E22), or with the last digit closer to
     * the exact value.
     */
    static String format(double v) {
        return NumberOutput.toString(v, true);
    }
}
