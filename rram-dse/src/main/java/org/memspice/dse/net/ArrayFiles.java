package org.memspice.dse.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.memspice.dse.DseInputException;

/**
 * Number arrays of the plain network format: CSV text (numbers separated by commas, semicolons
 * or blanks, one matrix row per line, {@code #} comments and blank lines skipped) or NumPy
 * {@code .npy} files (float32 or float64, either byte order, C order). Errors name the file and,
 * for text, the line and column.
 */
public final class ArrayFiles {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])(f4|f8)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private ArrayFiles() {
    }

    /** Reads {@code count} numbers from a CSV or .npy file; rows of {@code perRow} values (0: any layout). */
    public static double[] read(Path file, int count, int perRow) {
        double[] values = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy") ? readNpy(file)
                : readCsv(file, perRow);
        if (values.length != count) {
            throw new DseInputException(file + ": holds " + values.length + " numbers where the layer needs " + count
                    + (perRow > 0 ? " (" + count / perRow + " rows of " + perRow + ")" : ""));
        }
        return values;
    }

    private static double[] readCsv(Path file, int perRow) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DseInputException(file + ": not UTF-8 text (a .npy file needs the .npy extension)");
        } catch (IOException e) {
            throw new DseInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        double[] out = new double[16];
        int n = 0;
        for (int li = 0; li < lines.size(); li++) {
            String line = lines.get(li);
            int hash = line.indexOf('#');
            String text = hash >= 0 ? line.substring(0, hash) : line;
            if (text.isBlank()) {
                continue;
            }
            int inRow = 0;
            int pos = 0;
            while (pos < text.length()) {
                char ch = text.charAt(pos);
                if (ch == ',' || ch == ';' || Character.isWhitespace(ch)) {
                    pos++;
                    continue;
                }
                int end = pos;
                while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != ';'
                        && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                String token = text.substring(pos, end);
                double v;
                try {
                    v = Double.parseDouble(token);
                } catch (NumberFormatException e) {
                    throw new DseInputException(String.format(Locale.ROOT, "%s:%d:%d: '%s' is not a number", file, li + 1,
                            pos + 1, token));
                }
                if (!Double.isFinite(v)) {
                    throw new DseInputException(String.format(Locale.ROOT, "%s:%d:%d: %s is not finite", file, li + 1, pos + 1,
                            token));
                }
                if (n == out.length) {
                    out = java.util.Arrays.copyOf(out, 2 * n);
                }
                out[n++] = v;
                inRow++;
                pos = end;
            }
            if (perRow > 0 && inRow != perRow) {
                throw new DseInputException(String.format(Locale.ROOT, "%s:%d: %d numbers on the line where each row holds %d",
                        file, li + 1, inRow, perRow));
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static double[] readNpy(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DseInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || !new String(bytes, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new DseInputException(file + ": not a .npy file (no \\x93NUMPY magic)");
        }
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength;
        int start;
        if (major == 1) {
            headerLength = b.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            headerLength = b.getInt(8);
            start = 12;
        } else {
            throw new DseInputException(file + ": .npy version " + major + " is not 1, 2 or 3");
        }
        if (headerLength < 0 || start + headerLength > bytes.length) {
            throw new DseInputException(file + ": truncated .npy header");
        }
        String header = new String(bytes, start, headerLength, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new DseInputException(file + ": .npy header '" + header.trim() + "' is not float32/float64 with a shape");
        }
        if (f.group(1).equals("True")) {
            throw new DseInputException(file + ": Fortran-order arrays are not read; save with numpy.ascontiguousarray");
        }
        long count = 1;
        for (String dim : s.group(1).split(",")) {
            if (!dim.isBlank()) {
                count *= Long.parseLong(dim.trim());
            }
        }
        int width = d.group(2).equals("f4") ? 4 : 8;
        int offset = start + headerLength;
        if (count > Integer.MAX_VALUE / 8 || offset + count * width != bytes.length) {
            throw new DseInputException(file + ": " + (bytes.length - offset) + " data bytes for " + count + " values of "
                    + width + " bytes");
        }
        b.order(d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[(int) count];
        for (int k = 0; k < out.length; k++) {
            out[k] = width == 4 ? b.getFloat(offset + 4 * k) : b.getDouble(offset + 8 * k);
            if (!Double.isFinite(out[k])) {
                throw new DseInputException(file + ": value " + k + " is not finite");
            }
        }
        return out;
    }

    /** Writes rows of {@code perRow} values as CSV with every digit (%.17g). */
    public static String csv(double[] values, int perRow) {
        StringBuilder sb = new StringBuilder(values.length * 24);
        for (int k = 0; k < values.length; k++) {
            sb.append(String.format(Locale.ROOT, "%.17g", values[k]));
            sb.append((k + 1) % perRow == 0 ? "\n" : ",");
        }
        return sb.toString();
    }

    /** Splits {@code key=value} words after the first {@code skip} words of a line. */
    static List<String[]> options(String[] words, int skip) {
        List<String[]> out = new ArrayList<>();
        for (int k = skip; k < words.length; k++) {
            int eq = words[k].indexOf('=');
            out.add(eq < 0 ? new String[] {words[k], null} : new String[] {words[k].substring(0, eq), words[k].substring(eq + 1)});
        }
        return out;
    }
}
