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
 * with # are skipped, and a first line that is not numeric is taken as a header. Errors name the
 * file, line and column.
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
            double[] row = new double[fields.length];
            for (int c = 0; c < fields.length; c++) {
                double value = number(fields[c]);
                if (Double.isNaN(value)) {
                    if (first) {
                        row = null; // a header
                        break;
                    }
                    throw new UserInputException(file + ":" + (ln + 1) + ": column " + (c + 1) + ": expected a number, found '"
                            + fields[c] + "'");
                }
                row[c] = value;
            }
            first = false;
            if (row == null) {
                continue;
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

    /** The value of a field with SPICE suffixes, or NaN when it is not a number. */
    private static double number(String field) {
        try {
            return org.memspice.spice.netlist.SpiceNumber.parse(field);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
