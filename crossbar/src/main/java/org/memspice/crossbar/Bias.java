package org.memspice.crossbar;

/**
 * The voltages applied for one operation: at the driven end(s) of each row (through the driver
 * resistance), at the terminated end(s) of each column (through the sense resistance; 0 V for a
 * read into virtual ground or a grounded sense resistor), and on each row's word line (the
 * gates of 1T1R cells; ignored by passive cells). {@link #FLOATING} (NaN) leaves a row or column
 * unconnected: it floats at whatever its cells pull it to (sneak paths of a single-cell read).
 */
public record Bias(double[] rows, double[] columns, double[] wordLines) {
    /** The voltage of a line left unconnected. */
    public static final double FLOATING = Double.NaN;

    /** A read: the inputs on the rows, every column at 0 V, every word line at {@code wordLine}. */
    public static Bias read(double[] inputs, int columns, double wordLine) {
        double[] wl = new double[inputs.length];
        java.util.Arrays.fill(wl, wordLine);
        return new Bias(inputs.clone(), new double[columns], wl);
    }
}
