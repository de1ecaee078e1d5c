package org.memspice.cli.sc;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.memspice.cli.dse.SiFormat;
import org.memspice.dse.infer.Si;
import org.memspice.dse.stochastic.CostModel;
import org.memspice.spice.output.AtomicFiles;

/** The figures, the report section and the page of an {@code sc sweep}. */
final class ScSweepReport {
    private final List<ScSweepCommand.SweepRow> rows;
    private final TrainingOptions training;
    private final String data;
    private final int batch;
    private final Map<String, byte[]> figures = new LinkedHashMap<>();

    ScSweepReport(List<ScSweepCommand.SweepRow> rows, TrainingOptions training, String data, int batch) {
        this.rows = rows;
        this.training = training;
        this.data = data;
        this.batch = batch;
    }

    private ScSweepCommand.SweepRow baseline() {
        return rows.get(0);
    }

    /** The shortest stream (any variation, calibrated runs) within {@code points} (a fraction) of float, or null. */
    ScSweepCommand.SweepRow shortestWithin(double points) {
        ScSweepCommand.SweepRow best = null;
        for (ScSweepCommand.SweepRow r : rows) {
            if (r.length() > 0 && r.result().testAccuracy() >= baseline().result().testAccuracy() - points - 1e-12
                    && (best == null || r.length() < best.length() || (r.length() == best.length() && r.variation() > best.variation()))) {
                best = r;
            }
        }
        return best;
    }

    private Map<Double, XYSeries> series(String what) {
        Map<Double, XYSeries> bySigma = new TreeMap<>();
        for (ScSweepCommand.SweepRow r : rows) {
            if (r.length() == 0) {
                continue;
            }
            XYSeries s = bySigma.computeIfAbsent(r.variation(), v -> new XYSeries(String.format(Locale.ROOT, "CBRAM streams, variation %.3g%s",
                    v, r.calibrated() ? ", calibrated" : ", uncalibrated")));
            double n = Math.max(1, r.result().stats().samples());
            s.add(r.length(), what.equals("accuracy") ? 100 * r.result().testAccuracy() : r.result().stats().energy() / n);
        }
        return bySigma;
    }

    private static LogAxis lengthAxis() {
        LogAxis x = new LogAxis("stream length L (bits)");
        x.setBase(2);
        x.setTickUnit(new NumberTickUnit(1));
        x.setNumberFormatOverride(new java.text.DecimalFormat("0"));
        return x;
    }

    void figures(Path dir) throws IOException {
        XYSeriesCollection acc = new XYSeriesCollection();
        series("accuracy").values().forEach(acc::addSeries);
        NumberAxis y = new NumberAxis("test accuracy (%)");
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        XYPlot plot = new XYPlot(acc, lengthAxis(), y, r);
        double f = 100 * baseline().result().testAccuracy();
        ValueMarker m = new ValueMarker(f, Color.DARK_GRAY, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[] {6, 4}, 0));
        m.setLabel(String.format(Locale.ROOT, "floating-point updates %.2f %%", f));
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.BOTTOM_RIGHT);
        m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_RIGHT);
        plot.addRangeMarker(m);
        double lo = Math.min(f, acc.getSeriesCount() == 0 ? f : y.getRange().getLowerBound());
        y.setRange(Math.max(0, lo - 1), Math.min(100, Math.max(f, y.getRange().getUpperBound()) + 0.5));
        add(dir, "accuracy-vs-length.png", chart(String.format(Locale.ROOT, "%s on %s: accuracy against stream length", training.model().word(),
                data), plot));
        XYSeriesCollection en = new XYSeriesCollection();
        series("energy").values().forEach(en::addSeries);
        NumberAxis e = new NumberAxis("CBRAM device energy per sample's update (measured)");
        e.setNumberFormatOverride(new SiFormat("J"));
        e.setAutoRangeIncludesZero(true);
        add(dir, "energy-vs-length.png", chart("Stream generation energy against stream length", new XYPlot(en, lengthAxis(), e,
                new XYLineAndShapeRenderer(true, true))));
    }

    private static JFreeChart chart(String title, XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (int k = 0; k < plot.getSeriesCount(); k++) {
            plot.getRenderer().setSeriesStroke(k, new BasicStroke(1.8f));
        }
        JFreeChart c = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }

    private void add(Path dir, String name, JFreeChart chart) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart, 760, 440);
        byte[] bytes = png.toByteArray();
        AtomicFiles.write(dir.resolve(name), tmp -> Files.write(tmp, bytes));
        figures.put(name, bytes);
    }

    /** The section: runs, figures and the cost table at the shortest length within 1 point (else the longest run). */
    String section() {
        StringBuilder h = new StringBuilder();
        ScSweepCommand.SweepRow f = baseline();
        h.append("<h2>Stochastic computing: CBRAM bit streams for the weight updates</h2>\n<p>");
        h.append(String.format(Locale.ROOT, "%s trained on %s by SGD (%d epochs, batch %d, lr %g, seed %d), forward and backward in floating"
                + " point; the weight update, the outer product of the back-propagated error and the layer input, from %s streams of"
                + " simulated stochastic CBRAM devices (<code>memspice sc sweep</code>). Floating-point updates: <b>%.2f %%</b> (%d/%d).</p>\n",
                esc(f.result().net().describe()), esc(data), training.epochs, batch, training.lr, training.seed, esc(training.coding),
                100 * f.result().testAccuracy(), f.result().correct(), f.result().testSize()));
        h.append("<table><tr><th>stream length</th><th>variation</th><th>calibrated</th><th>test accuracy %</th><th>against float</th>"
                + "<th>switching events / sample</th><th>device energy / sample</th><th>training time</th></tr>\n");
        for (ScSweepCommand.SweepRow r : rows) {
            double n = Math.max(1, r.result().stats().samples());
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%.2f</td><td>%+.2f</td><td>%s</td><td>%s</td>"
                    + "<td>%.1f s</td></tr>%n", r.length() == 0 ? "float" : String.valueOf(r.length()),
                    r.length() == 0 ? "" : String.format(Locale.ROOT, "%.3g", r.variation()), r.length() == 0 ? "" : r.calibrated() ? "yes" : "no",
                    100 * r.result().testAccuracy(), 100 * (r.result().testAccuracy() - f.result().testAccuracy()),
                    r.length() == 0 ? "" : String.format(Locale.ROOT, "%.4g", r.result().stats().switchingEvents() / n),
                    r.length() == 0 ? "" : Si.format(r.result().stats().energy() / n, "J"), r.result().trainSeconds()));
        }
        h.append("</table>\n");
        ScSweepCommand.SweepRow best = shortestWithin(0.01);
        ScSweepCommand.SweepRow costRow = best != null ? best : rows.get(rows.size() - 1);
        if (costRow.length() > 0) {
            h.append(String.format(Locale.ROOT, "<p>%s Cost model at L = %d (variation %.3g), per sample's update, with the run's measured"
                    + " mean stream probability and shares of streamed operands; assumptions in <code>rram-dse/README.md</code>:</p>%n",
                    best != null ? String.format(Locale.ROOT, "Shortest stream within 1 point of float: <b>L = %d</b>.", best.length())
                            : "No stream length came within 1 point of float.", costRow.length(), costRow.variation()));
            h.append("<table><tr><th>layer</th><th>weights</th><th>devices</th><th>bits</th><th>switching events</th>"
                    + "<th>SC energy</th><th>FP32 MAC energy</th><th>SC arithmetic area</th><th>FP32 MAC area</th><th>orders (area)</th></tr>\n");
            for (CostModel.Row c : ScRuns.cost(costRow.result(), costRow.length(), batch)) {
                h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%,d</td><td>%,d</td><td>%.3g</td><td>%.3g</td><td>%s</td><td>%s</td>"
                        + "<td>%s</td><td>%s</td><td>%.1f</td></tr>%n", esc(c.layer()), c.weights(), c.devices(), c.bitsPerSample(),
                        c.switchingEvents(), Si.format(c.scEnergy(), "J"), Si.format(c.fpEnergy(), "J"), ScRuns.area(c.scArithmeticArea()),
                        ScRuns.area(c.fpArea()), Math.log10(c.fpArea() / c.scArithmeticArea())));
            }
            h.append("</table>\n");
        }
        for (Map.Entry<String, byte[]> e : figures.entrySet()) {
            h.append("<h3>").append(esc(e.getKey())).append("</h3>\n<img alt=\"").append(esc(e.getKey()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(e.getValue())).append("\">\n");
        }
        return h.toString();
    }

    /** A page holding only the section. */
    String page(String section) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Stochastic-computing sweep</title>\n<style>"
                + "body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}table{border-collapse:collapse;"
                + "font-size:13px}td,th{border:1px solid #ccc;padding:3px 7px;text-align:right}th{background:#f3f3f3}"
                + "img{max-width:100%}</style></head><body>\n" + section + "<p>Every number comes from <code>sweep.csv</code> beside"
                + " this page.</p>\n</body></html>\n";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
