package org.memspice.cli.mif;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.memspice.spice.output.AtomicFiles;

/** Small JFreeChart helpers for the characterization and training figures. */
public final class Charts {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);

    private Charts() {
    }

    public static XYSeries series(String name, double[] x, double[] y, double xScale, double yScale) {
        XYSeries s = new XYSeries(name, false, true);
        for (int k = 0; k < x.length; k++) {
            s.add(x[k] * xScale, y[k] * yScale, false);
        }
        return s;
    }

    /** One panel of the given series on a y axis; points marked when {@code shapes}. */
    public static XYPlot panel(String yLabel, boolean shapes, XYSeries... series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries s : series) {
            data.addSeries(s);
        }
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, shapes);
        for (int k = 0; k < series.length; k++) {
            r.setSeriesStroke(k, new BasicStroke(1.8f));
        }
        XYPlot p = new XYPlot(data, null, y, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }

    /** Panels stacked on one shared x axis. */
    public static JFreeChart stacked(String title, ValueAxis x, XYPlot... panels) {
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(x);
        combined.setGap(12);
        for (XYPlot p : panels) {
            combined.add(p, 1);
        }
        JFreeChart chart = new JFreeChart(title, TITLE, combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    public static NumberAxis linear(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(false);
        return a;
    }

    /** An SI prefix for values up to {@code maxAbs} in magnitude: the factor to multiply them by and its symbol ("m", "µ", ...). */
    public record Si(double scale, String prefix) {
        /** The unit with its prefix, for an axis label: {@code unit("S")} gives "µS". */
        public String unit(String unit) {
            return prefix + unit;
        }
    }

    /** The prefix that shows values up to {@code maxAbs} with 1 to 3 digits before the point (none for 0 or non-finite). */
    public static Si si(double maxAbs) {
        String[] names = {"f", "p", "n", "µ", "m", "", "k", "M", "G"};
        if (!(maxAbs > 0) || !Double.isFinite(maxAbs)) {
            return new Si(1, "");
        }
        int e = (int) Math.floor(Math.log10(maxAbs) / 3);
        e = Math.max(-5, Math.min(3, e));
        return new Si(Math.pow(10, -3 * e), names[e + 5]);
    }

    /** A value with an SI prefix and 4 significant digits, signed when {@code signed}: "+378.0 µS". */
    public static String siText(double value, String unit, boolean signed) {
        Si p = si(Math.abs(value));
        return String.format(java.util.Locale.ROOT, signed ? "%+.4g %s" : "%.4g %s", value * p.scale(), p.unit(unit));
    }

    static LogAxis log(String label) {
        LogAxis a = new LogAxis(label);
        a.setSmallestValue(1e-12);
        return a;
    }

    /** A labelled horizontal (range) or vertical (domain) line. */
    public static ValueMarker line(double value, String label, Color color) {
        ValueMarker m = new ValueMarker(value, color, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[] {6f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        return m;
    }

    public static void save(JFreeChart chart, Path png, int width, int height) throws IOException {
        AtomicFiles.write(png, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, width, height));
    }
}
