package org.memspice.cli;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.memspice.crossbar.solve.CrossbarSolution;
import org.memspice.spice.output.AtomicFiles;

/**
 * The voltage each cell of a solved read actually sees, as a fraction of what it would see with
 * ideal lines (its row's input minus its column's bias): a heat map (PNG, rows down, columns
 * across) and a table (CSV, one line per row). 1 everywhere means no IR drop.
 */
final class CellMap {
    private CellMap() {
    }

    /** Delivered fraction of cell (i, j); NaN where the ideal voltage is 0 or a line floats. */
    static double delivered(CrossbarSolution s, int i, int j) {
        double ideal = s.bias().rows()[i] - s.bias().columns()[j];
        return ideal == 0 || Double.isNaN(ideal) ? Double.NaN : s.cellVoltage(i, j) / ideal;
    }

    static void writeCsv(CrossbarSolution s, Path csv) throws IOException {
        int m = s.crossbar().rows();
        int n = s.crossbar().cols();
        StringBuilder sb = new StringBuilder("# voltage across each cell / its ideal voltage; one line per row\n");
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                sb.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.9g", delivered(s, i, j)));
            }
            sb.append('\n');
        }
        AtomicFiles.writeText(csv, sb.toString());
    }

    static void writePng(CrossbarSolution s, Path png) throws IOException {
        int m = s.crossbar().rows();
        int n = s.crossbar().cols();
        double[][] xyz = new double[3][m * n];
        double lo = 1;
        double hi = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                double f = delivered(s, i, j);
                xyz[0][k] = j;
                xyz[1][k] = i;
                xyz[2][k] = f;
                if (!Double.isNaN(f)) {
                    lo = Math.min(lo, f);
                    hi = Math.max(hi, f);
                }
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1e-12;
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("delivered", xyz);
        LookupPaintScale scale = new LookupPaintScale(lo, hi, Color.LIGHT_GRAY);
        int steps = 64;
        for (int q = 0; q < steps; q++) {
            float t = q / (float) (steps - 1);
            scale.add(lo + (hi - lo) * q / steps, Viridis.at(t));
        }
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        NumberAxis x = new NumberAxis("column");
        NumberAxis y = new NumberAxis("row");
        y.setInverted(true);
        x.setRange(-0.5, n - 0.5);
        y.setRange(-0.5, m - 0.5);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = new JFreeChart(String.format(Locale.ROOT,
                "Voltage each cell receives / ideal (%dx%d): %.4f to %.4f", m, n, lo, hi),
                new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, false);
        NumberAxis legendAxis = new NumberAxis("delivered fraction");
        legendAxis.setRange(lo, hi);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(8, 8, 8, 8);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(png, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 900, 800));
    }
}
