package org.memspice.spice.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads waveforms back: memspice CSV, ngspice ASCII raw files, and ngspice {@code wrdata}
 * tables (whitespace columns with a header row, as in the reference waveforms).
 */
public final class WaveformReader {
    private WaveformReader() {
    }

    public static Waveforms read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        if (lines.get(0).startsWith("Title:")) {
            return raw(file, lines);
        }
        return table(file, lines, lines.get(0).contains(",") ? "," : "\\s+");
    }

    private static Waveforms table(Path file, List<String> lines, String sep) throws IOException {
        String[] header = lines.get(0).trim().split(sep);
        String scale = header[0].trim().toLowerCase(Locale.ROOT);
        boolean hasScale = scale.equals("time") || scale.endsWith("-sweep");
        List<String> names = new ArrayList<>();
        for (int i = hasScale ? 1 : 0; i < header.length; i++) {
            names.add(header[i].trim().toLowerCase(Locale.ROOT));
        }
        Waveforms w = new Waveforms(file.getFileName().toString(), scale.equals("time") ? "tran" : hasScale ? "dc" : "op",
                hasScale ? scale : null, names);
        double[] row = new double[names.size()];
        for (int l = 1; l < lines.size(); l++) {
            String s = lines.get(l).trim();
            if (s.isEmpty()) {
                continue;
            }
            String[] f = s.split(sep);
            if (f.length != header.length) {
                throw new IOException(file + ":" + (l + 1) + ": expected " + header.length + " columns, found " + f.length);
            }
            try {
                for (int i = 0; i < row.length; i++) {
                    row[i] = Double.parseDouble(f[i + (hasScale ? 1 : 0)]);
                }
                w.add(hasScale ? Double.parseDouble(f[0]) : l - 1, row);
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + (l + 1) + ": not a number: " + e.getMessage());
            }
        }
        return w;
    }

    private static Waveforms raw(Path file, List<String> lines) throws IOException {
        String title = lines.get(0).substring(6).trim();
        int nvars = -1;
        int npoints = -1;
        int i = 1;
        String plot = "";
        while (i < lines.size() && !lines.get(i).startsWith("Variables:")) {
            String l = lines.get(i);
            if (l.startsWith("No. Variables:")) {
                nvars = Integer.parseInt(l.substring(14).trim());
            } else if (l.startsWith("No. Points:")) {
                npoints = Integer.parseInt(l.substring(11).trim());
            } else if (l.startsWith("Plotname:")) {
                plot = l.substring(9).trim().toLowerCase(Locale.ROOT);
            } else if (l.startsWith("Flags:") && l.toLowerCase(Locale.ROOT).contains("complex")) {
                throw new IOException(file + ": complex raw files are not supported");
            }
            i++;
        }
        if (nvars < 1 || npoints < 0 || i >= lines.size()) {
            throw new IOException(file + ": not an ASCII raw file (missing No. Variables / No. Points / Variables)");
        }
        i++;
        List<String> vars = new ArrayList<>();
        for (int k = 0; k < nvars; k++, i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            vars.add(f[1].toLowerCase(Locale.ROOT));
        }
        if (!lines.get(i).startsWith("Values:")) {
            throw new IOException(file + ":" + (i + 1) + ": expected Values: (binary raw files are not supported)");
        }
        i++;
        boolean hasScale = !plot.startsWith("operating");
        String analysis = plot.startsWith("transient") ? "tran" : hasScale ? "dc" : "op";
        Waveforms w = new Waveforms(title, analysis, hasScale ? vars.get(0) : null,
                hasScale ? vars.subList(1, vars.size()) : vars);
        List<Double> values = new ArrayList<>();
        for (; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            for (String s : f) {
                if (!s.isEmpty()) {
                    values.add(Double.parseDouble(s.split(",")[0]));
                }
            }
        }
        int stride = nvars + 1; // each point starts with its index
        double[] row = new double[hasScale ? nvars - 1 : nvars];
        for (int p = 0; p < npoints; p++) {
            int base = p * stride + 1;
            for (int k = 0; k < row.length; k++) {
                row[k] = values.get(base + k + (hasScale ? 1 : 0));
            }
            w.add(hasScale ? values.get(base) : p, row);
        }
        return w;
    }
}
