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
            out.write("Title: " + w.title() + "\n");
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
                out.write("\t" + k++ + "\t" + n + "\t" + Waveforms.Unit.of(n).rawType + "\n");
            }
            out.write("Values:\n");
            double[] scale = w.scale();
            int vectors = w.names().size();
            for (int r = 0; r < w.rows(); r++) {
                StringBuilder sb = new StringBuilder();
                sb.append(' ').append(r);
                boolean first = true;
                if (hasScale) {
                    sb.append('\t').append(fmt(scale[r])).append('\n');
                    first = false;
                }
                for (int c = 0; c < vectors; c++) {
                    sb.append('\t').append(fmt(w.value(c, r))).append('\n');
                }
                out.write(sb.toString());
            }
        });
    }

    private static String fmt(double v) {
        return CsvWriter.format(v);
    }
}
