package org.memspice.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A table of numbers from a text file: one row per line, values separated by commas, semicolons,
 * tabs or spaces (SPICE suffixes accepted, so 10k and 2.5u work); blank lines and lines starting
 * with # are skipped, and a first line made only of names is taken as a header. Every value must be
 * finite; errors name the file, line and column.
 */
final class NumberTable {
    private NumberTable() {
    }

    static double[][] read(Path file, int expectedColumns) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UserInputException(file + ": not UTF-8 text (a table of numbers is expected)");
        } catch (IOException e) {
            throw new UserInputException(file + ": " + e.getMessage());
        }
        List<double[]> rows = new ArrayList<>();
        boolean first = true;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("[,;\\s]+");
            if (first && isHeader(fields)) {
                first = false;
                continue; // a header: names only, not one number among them
            }
            first = false;
            double[] row = new double[fields.length];
            for (int c = 0; c < fields.length; c++) {
                double value = number(fields[c]);
                if (!Double.isFinite(value)) {
                    throw new UserInputException(file + ":" + (ln + 1) + ": column " + (c + 1) + ": expected a finite number,"
                            + " found '" + fields[c] + "'");
                }
                row[c] = value;
            }
            if (expectedColumns > 0 && row.length != expectedColumns) {
                throw new UserInputException(file + ":" + (ln + 1) + ": expected " + expectedColumns + " values, found "
                        + row.length);
            }
            if (!rows.isEmpty() && row.length != rows.get(0).length) {
                throw new UserInputException(file + ":" + (ln + 1) + ": expected " + rows.get(0).length
                        + " values like the first row, found " + row.length);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new UserInputException(file + ": no rows of numbers");
        }
        return rows.toArray(new double[0][]);
    }

    /**
     * A first line is a header when none of its fields is a number or a spelling of one (NaN, Inf):
     * a row of values with a typo or a NaN is an error at its column, not a header to drop.
     */
    private static boolean isHeader(String[] fields) {
        for (String f : fields) {
            String lower = f.toLowerCase(java.util.Locale.ROOT).replaceFirst("^[+-]", "");
            if (!Double.isNaN(number(f)) || lower.startsWith("nan") || lower.startsWith("inf")
                    || !lower.isEmpty() && (Character.isDigit(lower.charAt(0)) || lower.charAt(0) == '.')) {
                return false;
            }
        }
        return true;
    }

    /** The value of a field with SPICE suffixes, or NaN when it is not a number. */
    private static double number(String field) {
        try {
            return org.memspice.spice.netlist.SpiceNumber.parse(field);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
