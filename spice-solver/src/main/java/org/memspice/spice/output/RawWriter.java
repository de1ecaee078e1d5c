package org.memspice.spice.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Writes waveforms as an ngspice-compatible ASCII raw file (readable by ngspice's {@code load} and by viewers). */
public final class RawWriter {
    private RawWriter() {
    }

    public static void write(Waveforms w, Path file) throws IOException {
        String plot;
        switch (w.analysis()) {
            case "tran":
                plot = "Transient Analysis";
                break;
            case "dc":
                plot = "DC transfer characteristic";
                break;
            default:
                plot = "Operating Point";
        }
        boolean hasScale = w.scaleName() != null;
        int nvars = w.names().size() + (hasScale ? 1 : 0);
        AtomicFiles.writeText(file, StandardCharsets.US_ASCII, out -> {
            out.write("Title: " + ascii(w.title()) + "\n");
            out.write("Date: " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME) + "\n");
            out.write("Plotname: " + plot + "\n");
            out.write("Flags: real\n");
            out.write("No. Variables: " + nvars + "\n");
            out.write("No. Points: " + w.rows() + "\n");
            out.write("Variables:\n");
            int k = 0;
            if (hasScale) {
                out.write("\t" + k++ + "\t" + w.scaleName() + "\t" + Waveforms.Unit.of(w.scaleName()).rawType + "\n");
            }
            for (String n : w.names()) {
                out.write("\t" + k++ + "\t" + ascii(n) + "\t" + Waveforms.Unit.of(n).rawType + "\n");
            }
            out.write("Values:\n");
            int vectors = w.names().size();
            StringBuilder sb = new StringBuilder();
            Waveforms.Cursor c = w.cursor();
            while (c.next()) {
                sb.setLength(0);
                sb.append(' ').append(c.row());
                if (hasScale) {
                    sb.append('\t').append(fmt(c.scale())).append('\n');
                }
                for (int v = 0; v < vectors; v++) {
                    sb.append('\t').append(fmt(c.value(v))).append('\n');
                }
                out.write(sb.toString());
            }
        });
    }

    /**
     * The text with every character outside printable ASCII written as {@code \\uXXXX}: the raw
     * format is ASCII, and a title such as "µ-cell" must not end the run with an encoding error.
     */
    static String ascii(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch >= 0x20 && ch < 0x7f) {
                sb.append(ch);
            } else {
                sb.append(String.format("\\u%04x", (int) ch));
            }
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return CsvWriter.format(v);
    }
}
