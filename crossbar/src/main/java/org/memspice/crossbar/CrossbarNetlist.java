package org.memspice.crossbar;

import java.util.Locale;

/**
 * Writes a {@link Crossbar} under a {@link Bias} as a netlist for the general engine (or ngspice,
 * for fixed-conductance cells), with the node names of shared/reference/xbar_passive_64
 * ({@code r<i>_<j>}, {@code c<i>_<j>}, sources {@code VIN<i>}), word lines {@code wl<i>}, and an
 * operating point analysis. Floating lines get no source or termination, only the
 * {@link Crossbar#FLOATING_LEAK} to ground at their ends.
 */
public final class CrossbarNetlist {
    private CrossbarNetlist() {
    }

    /** The leak resistors of a floating line's connected end(s). */
    private static void leaks(StringBuilder sb, String name, Ends ends, String near, String far) {
        double r = 1 / Crossbar.FLOATING_LEAK;
        if (ends != Ends.FAR) {
            sb.append(String.format(Locale.ROOT, "%sN %s 0 %.17g\n", name, near, r));
        }
        if (ends != Ends.NEAR) {
            sb.append(String.format(Locale.ROOT, "%sF %s 0 %.17g\n", name, far, r));
        }
    }

    public static String write(Crossbar a, Bias b) {
        int m = a.rows();
        int n = a.cols();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "* crossbar %dx%d written by memspice\n", m, n));
        for (int i = 0; i < m; i++) {
            boolean driven = !Double.isNaN(b.rows()[i]);
            if (driven) {
                sb.append(String.format(Locale.ROOT, "VIN%d in%d 0 DC %.17g\n", i, i, b.rows()[i]));
            }
            if (driven && a.rowDrive() != Ends.FAR) {
                sb.append(String.format(Locale.ROOT, "RS%d in%d r%d_0 %.17g\n", i, i, i, a.driver()));
            }
            if (driven && a.rowDrive() != Ends.NEAR) {
                sb.append(String.format(Locale.ROOT, "RSF%d in%d r%d_%d %.17g\n", i, i, i, n - 1, a.driver()));
            }
            if (!driven) {
                leaks(sb, "RLR" + i, a.rowDrive(), "r" + i + "_0", "r" + i + "_" + (n - 1));
            }
            for (int j = 0; j + 1 < n; j++) {
                sb.append(String.format(Locale.ROOT, "RR%d_%d r%d_%d r%d_%d %.17g\n", i, j, i, j, i, j + 1, a.rowSegment()));
            }
        }
        boolean needsWordLines = !a.cells().isTwoTerminal();
        if (needsWordLines) {
            for (int i = 0; i < m; i++) {
                sb.append(String.format(Locale.ROOT, "VWL%d wl%d 0 DC %.17g\n", i, i, b.wordLines()[i]));
            }
        }
        for (int j = 0; j < n; j++) {
            for (int i = 0; i + 1 < m; i++) {
                sb.append(String.format(Locale.ROOT, "RC%d_%d c%d_%d c%d_%d %.17g\n", i, j, i, j, i + 1, j, a.columnSegment()));
            }
            if (Double.isNaN(b.columns()[j])) {
                leaks(sb, "RLC" + j, a.columnSense(), "c" + (m - 1) + "_" + j, "c0_" + j);
                continue; // a floating column: no termination
            }
            String end = "0";
            if (b.columns()[j] != 0) {
                end = "cs" + j;
                sb.append(String.format(Locale.ROOT, "VCOL%d cs%d 0 DC %.17g\n", j, j, b.columns()[j]));
            }
            if (a.columnSense() != Ends.FAR) {
                sb.append(String.format(Locale.ROOT, "RSENSE%d c%d_%d %s %.17g\n", j, m - 1, j, end, a.sense()));
            }
            if (a.columnSense() != Ends.NEAR) {
                sb.append(String.format(Locale.ROOT, "RSENSEF%d c0_%d %s %.17g\n", j, j, end, a.sense()));
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                sb.append(a.cells().netlist(a.cell(i, j), "M" + i + "_" + j, "r" + i + "_" + j, "c" + i + "_" + j, "wl" + i));
            }
        }
        sb.append(a.cells().modelCards());
        return sb.append(".op\n.end\n").toString();
    }
}
