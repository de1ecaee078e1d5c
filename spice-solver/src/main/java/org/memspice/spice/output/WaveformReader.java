package org.memspice.spice.output;

import java.io.BufferedReader;
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
        String first;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            first = in.readLine();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + " is not UTF-8 text");
        }
        if (first == null) {
            throw new IOException(file + " is empty");
        }
        if (first.startsWith("Title:")) {
            return raw(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        return table(file, first.contains(","));
    }

    /** The fields of one line: comma-separated with RFC 4180 quotes, or separated by white space. */
    static List<String> fields(String line, boolean csv) {
        List<String> out = new ArrayList<>();
        if (!csv) {
            for (String f : line.trim().split("\\s+")) {
                out.add(f);
            }
            return out;
        }
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    sb.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    sb.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(sb.toString().trim());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString().trim());
        return out;
    }

    /** A memspice CSV or an ngspice wrdata table, read line by line (files of any length). */
    private static Waveforms table(Path file, boolean csv) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> header = fields(in.readLine(), csv);
            String scale = header.get(0).toLowerCase(Locale.ROOT);
            boolean hasScale = scale.equals("time") || scale.endsWith("-sweep");
            List<String> names = new ArrayList<>();
            for (int i = hasScale ? 1 : 0; i < header.size(); i++) {
                names.add(header.get(i).toLowerCase(Locale.ROOT));
            }
            Waveforms w = new Waveforms(file.getFileName().toString(), scale.equals("time") ? "tran" : hasScale ? "dc"
                    : "op", hasScale ? scale : null, names);
            double[] row = new double[names.size()];
            int lineNo = 1;
            int rows = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = fields(line, csv);
                if (f.size() != header.size()) {
                    throw new IOException(file + ":" + lineNo + ": expected " + header.size() + " columns, found "
                            + f.size());
                }
                for (int i = 0; i < f.size(); i++) {
                    double v;
                    try {
                        v = Double.parseDouble(f.get(i));
                    } catch (NumberFormatException e) {
                        throw new IOException(file + ":" + lineNo + ": column " + (i + 1) + ": not a number: '"
                                + f.get(i) + "'");
                    }
                    if (!Double.isFinite(v)) {
                        throw new IOException(file + ":" + lineNo + ": column " + (i + 1) + ": " + f.get(i)
                                + " is not a finite value");
                    }
                    if (!hasScale || i > 0) {
                        row[i - (hasScale ? 1 : 0)] = v;
                    }
                }
                w.add(hasScale ? Double.parseDouble(f.get(0)) : rows, row);
                rows++;
            }
            return w;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + " is not UTF-8 text");
        }
    }

    private static Waveforms raw(Path file, List<String> lines) throws IOException {
        String title = lines.get(0).substring(6).trim();
        int nvars = -1;
        long npoints = -1;
        int i = 1;
        String plot = "";
        while (i < lines.size() && !lines.get(i).startsWith("Variables:")) {
            String l = lines.get(i);
            try {
                if (l.startsWith("No. Variables:")) {
                    nvars = Integer.parseInt(l.substring(14).trim());
                } else if (l.startsWith("No. Points:")) {
                    npoints = Long.parseLong(l.substring(11).trim());
                }
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + (i + 1) + ": not a count: " + l);
            }
            if (l.startsWith("Plotname:")) {
                plot = l.substring(9).trim().toLowerCase(Locale.ROOT);
            } else if (l.startsWith("Flags:") && l.toLowerCase(Locale.ROOT).contains("complex")) {
                throw new IOException(file + ": complex raw files are not supported");
            }
            i++;
        }
        if (nvars < 1 || npoints < 0 || i >= lines.size()) {
            throw new IOException(file + ": not an ASCII raw file (missing No. Variables / No. Points / Variables)");
        }
        if (nvars > 1_000_000 || i + 1 + nvars >= lines.size()) {
            throw new IOException(file + ": " + nvars + " variables announced, but the file does not list them");
        }
        i++;
        List<String> vars = new ArrayList<>();
        for (int k = 0; k < nvars; k++, i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 2) {
                throw new IOException(file + ":" + (i + 1) + ": expected 'index name type'");
            }
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
        double[] point = new double[nvars];
        double[] row = new double[hasScale ? nvars - 1 : nvars];
        int filled = -1; // -1: the point's index comes next
        long points = 0;
        for (; i < lines.size() && points < npoints; i++) {
            for (String tok : lines.get(i).trim().split("\\s+")) {
                if (tok.isEmpty()) {
                    continue;
                }
                if (filled < 0) {
                    filled = 0;
                    continue;
                }
                double v;
                try {
                    v = Double.parseDouble(tok.split(",")[0]);
                } catch (NumberFormatException e) {
                    throw new IOException(file + ":" + (i + 1) + ": not a number: '" + tok + "'");
                }
                if (!Double.isFinite(v)) {
                    throw new IOException(file + ":" + (i + 1) + ": " + tok + " is not a finite value");
                }
                point[filled++] = v;
                if (filled == nvars) {
                    System.arraycopy(point, hasScale ? 1 : 0, row, 0, row.length);
                    w.add(hasScale ? point[0] : points, row);
                    points++;
                    filled = -1;
                }
            }
        }
        if (points < npoints) {
            throw new IOException(file + ": " + npoints + " points announced, " + points + " found");
        }
        return w;
    }
}
