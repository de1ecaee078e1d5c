package org.memspice.cli.dse;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.memspice.dse.infer.Si;
import org.memspice.dse.sweep.PointResult;
import org.memspice.dse.sweep.PointStore;
import org.memspice.dse.sweep.SweepConfig;
import org.memspice.dse.sweep.SweepPoint;
import org.memspice.spice.output.AtomicFiles;

/**
 * The figures and the one self-contained HTML page of a sweep: accuracy against tile size per
 * grid series, accuracy against each one-at-a-time axis with the spread over seeds (mean, and
 * bars from the lowest to the highest seed), accuracy against Monte Carlo axes, energy against
 * accuracy; the configuration, seeds, software baseline, a table of the base points, and the
 * accuracy difference of the sparse scheme from the dense one. PNGs are written beside the CSV
 * and embedded in the page as base64.
 */
public final class SweepReport {
    private record Row(SweepPoint point, PointResult result) {
    }

    private final SweepConfig config;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> gridAxes = new ArrayList<>();
    private final Map<String, byte[]> figures = new LinkedHashMap<>();

    public SweepReport(SweepConfig config, List<SweepPoint> points, PointStore store, List<String> gridAxes) {
        this.config = config;
        this.gridAxes.addAll(gridAxes);
        for (SweepPoint p : points) {
            PointResult r = store.finished(p.key());
            if (r != null) {
                rows.add(new Row(p, r));
            }
        }
    }

    private static String value(SweepPoint p, String axis) {
        return p.value(axis);
    }

    /** The series a point belongs to: its grid values other than {@code except}. */
    private String series(SweepPoint p, String except) {
        List<String> parts = new ArrayList<>();
        for (String a : gridAxes) {
            if (!a.equals(except)) {
                parts.add(value(p, a));
            }
        }
        return parts.isEmpty() ? "all" : String.join(" ", parts);
    }

    /** The series of a training figure: the other grid axes as name=value. */
    private String namedSeries(SweepPoint p, String except) {
        List<String> parts = new ArrayList<>();
        for (String a : gridAxes) {
            if (!a.equals(except)) {
                parts.add(a + "=" + value(p, a));
            }
        }
        return parts.isEmpty() ? "all points" : String.join(", ", parts);
    }

    private static double number(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** x of a tile: its cells. */
    private static double tileCells(String tile) {
        String[] rc = tile.split("x");
        return Double.parseDouble(rc[0]) * Double.parseDouble(rc[1]);
    }

    private JFreeChart intervalChart(String title, String xLabel, ValueAxis x, Map<String, TreeMap<Double, List<Double>>> groups) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Map.Entry<String, TreeMap<Double, List<Double>>> s : groups.entrySet()) {
            YIntervalSeries series = new YIntervalSeries(s.getKey());
            s.getValue().forEach((xv, ys) -> {
                double mean = ys.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                double lo = ys.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
                double hi = ys.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
                series.add(xv, 100 * mean, 100 * lo, 100 * hi);
            });
            data.addSeries(series);
        }
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDefaultLinesVisible(true);
        r.setDefaultShapesVisible(true);
        r.setErrorStroke(new BasicStroke(1.2f));
        for (int k = 0; k < groups.size(); k++) {
            r.setSeriesStroke(k, new BasicStroke(1.8f));
        }
        NumberAxis y = new NumberAxis("test accuracy (%)");
        y.setAutoRangeIncludesZero(false);
        x.setLabel(xLabel);
        XYPlot plot = new XYPlot(data, x, y, r);
        style(plot);
        JFreeChart chart = new JFreeChart(title, new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }

    /**
     * A training sweep's figures: test accuracy against every swept parameter (grid, one at a
     * time and Monte Carlo), one line per combination of the other grid axes, the mean over seeds
     * with bars from the lowest to the highest; a parameter with values that are not numbers
     * (model, device, layer lists) is plotted at its values in sweep order. Returns the files.
     */
    public List<String> trainingFigures(Path dir) throws IOException {
        List<String> written = new ArrayList<>();
        for (String axis : config.axes) {
            boolean oneAtATime = !gridAxes.contains(axis) && rows.stream().anyMatch(r -> r.point().varied().equals(axis));
            List<String> labels = new ArrayList<>();
            boolean numeric = true;
            for (Row r : rows) {
                String v = value(r.point(), axis);
                numeric &= !Double.isNaN(number(v));
                if (!labels.contains(v)) {
                    labels.add(v);
                }
            }
            Map<String, TreeMap<Double, List<Double>>> g = new TreeMap<>();
            for (Row r : rows) {
                if (oneAtATime && !r.point().varied().isEmpty() && !r.point().varied().equals(axis)) {
                    continue;
                }
                String v = value(r.point(), axis);
                g.computeIfAbsent(namedSeries(r.point(), axis), k -> new TreeMap<>())
                        .computeIfAbsent(numeric ? number(v) : labels.indexOf(v), k -> new ArrayList<>())
                        .add(r.result().metrics().get("accuracy"));
            }
            if (g.isEmpty()) {
                continue;
            }
            ValueAxis x;
            double lo = g.values().stream().mapToDouble(TreeMap::firstKey).min().orElse(0);
            double hi = g.values().stream().mapToDouble(TreeMap::lastKey).max().orElse(0);
            if (numeric && lo > 0 && hi >= 10 * lo) {
                x = new LogAxis();
            } else if (numeric) {
                NumberAxis n = new NumberAxis();
                n.setAutoRangeIncludesZero(false);
                x = n;
            } else {
                x = new org.jfree.chart.axis.SymbolAxis(axis, labels.toArray(String[]::new));
            }
            String name = "accuracy-vs-" + axis + ".png";
            add(dir, name, intervalChart("Test accuracy against " + axis + " (bars: spread over seeds)", axis, x, g));
            written.add(name);
        }
        return written;
    }

    /** Builds every figure that the sweep's axes allow and writes them into dir. */
    void figures(Path dir) throws IOException {
        if (config.axes.contains("tile")) {
            Map<String, TreeMap<Double, List<Double>>> g = new TreeMap<>();
            for (Row r : rows) {
                if (r.point().varied().isEmpty()) {
                    g.computeIfAbsent(series(r.point(), "tile"), k -> new TreeMap<>())
                            .computeIfAbsent(tileCells(value(r.point(), "tile")), k -> new ArrayList<>()).add(r.result().metrics().get("accuracy"));
                }
            }
            LogAxis x = new LogAxis();
            x.setBase(2);
            x.setNumberFormatOverride(new java.text.DecimalFormat("0"));
            x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
            add(dir, "accuracy-vs-tile.png", intervalChart("Accuracy against tile size", "cells per tile (rows x columns)", x, g));
        }
        List<String> oneAtATime = new ArrayList<>();
        for (Row r : rows) {
            if (!r.point().varied().isEmpty() && !oneAtATime.contains(r.point().varied())) {
                oneAtATime.add(r.point().varied());
            }
        }
        for (String axis : oneAtATime) {
            Map<String, TreeMap<Double, List<Double>>> g = new TreeMap<>();
            for (Row r : rows) {
                String v = value(r.point(), axis);
                if ((r.point().varied().equals(axis) || r.point().varied().isEmpty()) && !Double.isNaN(number(v))) {
                    g.computeIfAbsent(series(r.point(), null), k -> new TreeMap<>()).computeIfAbsent(number(v), k -> new ArrayList<>())
                            .add(r.result().metrics().get("accuracy"));
                }
            }
            NumberAxis x = new NumberAxis();
            x.setAutoRangeIncludesZero(false);
            add(dir, "accuracy-vs-" + axis + ".png", intervalChart("Accuracy against " + axis + " (bars: spread over seeds)", axis, x, g));
        }
        XYSeriesCollection scatter = new XYSeriesCollection();
        Map<String, XYSeries> bySeries = new TreeMap<>();
        for (Row r : rows) {
            bySeries.computeIfAbsent(series(r.point(), null), k -> new XYSeries(k, false, true))
                    .add(r.result().metrics().get("energy_j").doubleValue(), 100 * r.result().metrics().get("accuracy"));
        }
        bySeries.values().forEach(scatter::addSeries);
        NumberAxis ex = new NumberAxis("energy per inference");
        ex.setNumberFormatOverride(new SiFormat("J"));
        ex.setAutoRangeIncludesZero(true);
        NumberAxis ay = new NumberAxis("test accuracy (%)");
        ay.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(scatter, ex, ay, new XYLineAndShapeRenderer(false, true));
        style(plot);
        JFreeChart chart = new JFreeChart("Energy against accuracy (every point)", new java.awt.Font(java.awt.Font.SANS_SERIF,
                java.awt.Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        add(dir, "energy-vs-accuracy.png", chart);
    }

    private void add(Path dir, String name, JFreeChart chart) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart, 760, 440);
        byte[] bytes = png.toByteArray();
        AtomicFiles.write(dir.resolve(name), tmp -> Files.write(tmp, bytes));
        figures.put(name, bytes);
    }

    /** The HTML page. */
    void html(Path file, String title, double software, int softwareCorrect, int images, String data, double seconds,
            int failed) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}table{border-collapse:collapse;")
                .append("font-size:13px}td,th{border:1px solid #ccc;padding:3px 7px;text-align:right}th{background:#f3f3f3}")
                .append("pre{background:#f7f7f7;padding:1em;overflow-x:auto}img{max-width:100%}</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n<p>");
        double compute = rows.stream().mapToDouble(r -> r.result().seconds()).sum();
        h.append(String.format(Locale.ROOT, "Network <code>%s</code> on %s, %,d test images per point, %d points (%d failed), seeds %s. "
                + "Software baseline (the same images, no hardware): <b>%.2f %%</b> (%d/%d). The points took %s of computing"
                + " (summed over points, each on one thread); the last run of the sweep took %s.</p>\n",
                esc(config.network.toString()), esc(data), images, rows.size() + failed, failed, config.seeds, 100 * software,
                softwareCorrect, images, Progress.duration(compute), Progress.duration(seconds)));
        h.append("<p>Every number comes from <code>results.csv</code> beside this page (one row per point). Bars span the lowest"
                + " to the highest seed; lines join the means.</p>\n");
        basePointTable(h);
        schemeDifference(h);
        for (Map.Entry<String, byte[]> f : figures.entrySet()) {
            h.append("<h3>").append(esc(f.getKey())).append("</h3>\n<img alt=\"").append(esc(f.getKey()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(f.getValue())).append("\">\n");
        }
        h.append(ReportSections.collect(file.toAbsolutePath().getParent()));
        h.append("<h2>Configuration</h2>\n<pre>").append(esc(config.text())).append("</pre>\n");
        h.append("<p>Defaults of every other parameter: <code>rram-dse/README.md</code>.</p>\n</body></html>\n");
        AtomicFiles.writeText(file, h.toString());
    }

    private void basePointTable(StringBuilder h) {
        Map<String, List<Row>> groups = new java.util.LinkedHashMap<>();
        for (Row r : rows) {
            if (r.point().varied().isEmpty()) {
                groups.computeIfAbsent(series(r.point(), null), k -> new ArrayList<>()).add(r);
            }
        }
        if (groups.isEmpty()) {
            return;
        }
        h.append("<h2>Base points (mean over seeds)</h2>\n<table><tr><th>").append(esc(String.join(" ", gridAxes)))
                .append("</th><th>accuracy %</th><th>energy / inference</th><th>array</th><th>ADC</th><th>latency</th><th>tiles</th>")
                .append("<th>utilization %</th><th>DACs</th><th>ADCs</th><th>ADC overflow %</th></tr>\n");
        groups.forEach((name, list) -> h.append(String.format(Locale.ROOT,
                "<tr><td>%s</td><td>%.2f</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%.0f</td><td>%.2f</td><td>%.0f</td>"
                + "<td>%.0f</td><td>%.3f</td></tr>%n", esc(name), 100 * mean(list, "accuracy"), Si.format(mean(list, "energy_j"), "J"),
                Si.format(mean(list, "array_energy_j"), "J"), Si.format(mean(list, "adc_energy_j"), "J"),
                Si.format(mean(list, "latency_s"), "s"), mean(list, "tiles"), 100 * mean(list, "utilization"), mean(list, "dacs"),
                mean(list, "adcs"), 100 * mean(list, "adc_overflow_rate"))));
        h.append("</table>\n");
    }

    /** Sparse minus dense accuracy for every point that differs only in the scheme (when scheme is a grid axis). */
    private void schemeDifference(StringBuilder h) {
        if (!gridAxes.contains("scheme")) {
            return;
        }
        Map<String, double[]> pairs = new java.util.LinkedHashMap<>();
        for (Row r : rows) {
            String scheme = value(r.point(), "scheme");
            String varied = r.point().varied();
            String label = series(r.point(), "scheme") + (varied.isEmpty() ? "" : ", " + varied + "=" + value(r.point(), varied));
            double[] acc = pairs.computeIfAbsent(label, k -> new double[4]);
            int slot = scheme.equals("dense") ? 0 : 2;
            acc[slot] += r.result().metrics().get("accuracy");
            acc[slot + 1]++;
        }
        h.append("<h2>Sparse against dense mapping</h2>\n<p>Accuracy (mean over seeds) of the same design point under both"
                + " schemes; the drop is dense minus sparse.</p>\n<table><tr><th>point</th><th>dense %</th><th>sparse %</th>"
                + "<th>drop of sparse (points)</th></tr>\n");
        pairs.forEach((label, a) -> {
            if (a[1] > 0 && a[3] > 0) {
                double d = a[0] / a[1];
                double s = a[2] / a[3];
                h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.2f</td><td>%.2f</td><td>%+.2f</td></tr>%n", esc(label),
                        100 * d, 100 * s, 100 * (d - s)));
            }
        });
        h.append("</table>\n");
    }

    private static double mean(List<Row> list, String metric) {
        return list.stream().mapToDouble(r -> r.result().metrics().getOrDefault(metric, Double.NaN)).average().orElse(Double.NaN);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
