package org.memspice.spice.output;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The result of one analysis: a scale vector (time, sweep value, or none for an operating point)
 * and named vectors ({@code v(node)}, {@code i(vname)}, ...) with their units, stored as columns.
 */
public final class Waveforms {
    /** Units of a vector, for axis labels and raw-file types. */
    public enum Unit {
        TIME("s", "time"), VOLTAGE("V", "voltage"), CURRENT("A", "current"), NONE("", "notype");

        public final String symbol;
        public final String rawType;

        Unit(String symbol, String rawType) {
            this.symbol = symbol;
            this.rawType = rawType;
        }

        /** The unit a vector name implies: v(...) volts, i(...) amperes. */
        public static Unit of(String vectorName) {
            String n = vectorName.toLowerCase(Locale.ROOT);
            if (n.equals("time")) {
                return TIME;
            }
            if (n.startsWith("v(") || n.equals("v-sweep")) {
                return VOLTAGE;
            }
            if (n.startsWith("i(") || n.equals("i-sweep")) {
                return CURRENT;
            }
            return NONE;
        }
    }

    private final String title;
    private final String analysis;
    private final String scaleName;
    private final List<String> names;
    private double[] scale = new double[64];
    private double[][] columns;
    private int rows;

    /**
     * @param analysis  {@code tran}, {@code dc} or {@code op}
     * @param scaleName {@code time}, the sweep vector name, or null for an operating point
     */
    public Waveforms(String title, String analysis, String scaleName, List<String> names) {
        this.title = title;
        this.analysis = analysis;
        this.scaleName = scaleName;
        this.names = List.copyOf(names);
        this.columns = new double[names.size()][64];
    }

    public void add(double scaleValue, double[] values) {
        if (rows == scale.length) {
            int cap = rows * 2;
            scale = Arrays.copyOf(scale, cap);
            for (int i = 0; i < columns.length; i++) {
                columns[i] = Arrays.copyOf(columns[i], cap);
            }
        }
        scale[rows] = scaleValue;
        for (int i = 0; i < columns.length; i++) {
            columns[i][rows] = values[i];
        }
        rows++;
    }

    public String title() {
        return title;
    }

    public String analysis() {
        return analysis;
    }

    /** The scale vector's name, or null for an operating point. */
    public String scaleName() {
        return scaleName;
    }

    public List<String> names() {
        return names;
    }

    public int rows() {
        return rows;
    }

    public double[] scale() {
        return Arrays.copyOf(scale, rows);
    }

    /** The vector of that name (case-insensitive), or throws naming the vectors there are. */
    public double[] vector(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no vector " + name + " (have " + String.join(", ", names) + ")");
        }
        return Arrays.copyOf(columns[i], rows);
    }

    /** Value of vector number {@code vector} (in {@link #names()} order) at row {@code row}, without copying. */
    public double value(int vector, int row) {
        if (row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
        return columns[vector][row];
    }

    public int indexOf(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Linear interpolation of vector {@code name} at scale value {@code s} (scale must increase). */
    public double interpolate(String name, double s) {
        return Interpolation.linear(scale, columns[requireIndex(name)], rows, s);
    }

    private int requireIndex(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no vector " + name + " (have " + String.join(", ", names) + ")");
        }
        return i;
    }
}
