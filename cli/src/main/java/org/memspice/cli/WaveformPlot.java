package org.memspice.cli;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.memspice.spice.circuit.PlotRequest;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.memspice.spice.output.AtomicFiles;
import org.memspice.spice.output.Waveforms;

/**
 * Draws waveforms with JFreeChart: one panel per unit (voltages, currents, other vectors) on a
 * shared scale axis, each axis labelled with its quantity and unit; an operating point becomes
 * a bar chart.
 */
public final class WaveformPlot {
    private static final int MAX_POINTS_PER_SERIES = 20000;

    private WaveformPlot() {
    }

    /**
     * Draws {@code panels} (Y vectors against an X vector, a grid of panels side by side) when
     * there are any, else the vectors against the scale.
     */
    public static void write(Waveforms w, List<String> only, Path png, List<PlotRequest> panels) throws IOException {
        if (panels.isEmpty()) {
            write(w, only, png);
            return;
        }
        for (PlotRequest p : panels) {
            select(w, p.y());
            if (!p.x().equals(w.scaleName())) {
                select(w, List.of(p.x()));
            }
        }
        int columns = Math.min(3, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        int tileW = 520;
        int tileH = 420;
        BufferedImage image = new BufferedImage(columns * tileW, rows * tileH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int k = 0; k < panels.size(); k++) {
            PlotRequest p = panels.get(k);
            XYSeriesCollection data = new XYSeriesCollection();
            for (XYSeries series : series(w, p.x(), p.y())) {
                data.addSeries(series);
            }
            NumberAxis xa = axis(axisLabel(Waveforms.Unit.of(p.x()), p.x()) + "  " + p.x(), Waveforms.Unit.of(p.x()));
            NumberAxis ya = axis(axisLabel(Waveforms.Unit.of(p.y().get(0)), p.y().get(0)), Waveforms.Unit.of(p.y().get(0)));
            xa.setAutoRangeIncludesZero(false);
            ya.setAutoRangeIncludesZero(false);
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            XYPlot plot = new XYPlot(data, xa, ya, r);
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
            plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
            JFreeChart chart = new JFreeChart(String.join(", ", p.y()) + " vs " + p.x(),
                    new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, false);
            chart.setBackgroundPaint(Color.WHITE);
            chart.draw(g, new Rectangle2D.Double((k % columns) * tileW, (k / columns) * tileH, tileW, tileH));
        }
        g.dispose();
        AtomicFiles.write(png, tmp -> ImageIO.write(image, "png", tmp.toFile()));
    }

    /** One panel per Y vector (all vectors but X when none are named) drawn against X. */
    static List<PlotRequest> versus(Waveforms w, List<String> only, String x) {
        String xv = x.trim().toLowerCase(Locale.ROOT);
        if (!xv.equals(w.scaleName())) {
            select(w, List.of(xv));
        }
        List<PlotRequest> panels = new ArrayList<>();
        List<String> ys = only == null || only.isEmpty() ? w.names() : only;
        for (String y : ys) {
            String yv = y.trim().toLowerCase(Locale.ROOT);
            if (!yv.equals(xv)) {
                panels.add(new PlotRequest(List.of(yv), xv));
            }
        }
        if (panels.size() > 12) {
            throw new UserInputException(panels.size() + " panels are too many: choose vectors with --vectors");
        }
        return panels;
    }

    public static void write(Waveforms w, List<String> only, Path png) throws IOException {
        List<String> names = select(w, only);
        JFreeChart chart = w.scaleName() == null ? bars(w, names) : lines(w, names);
        chart.setBackgroundPaint(Color.WHITE);
        int panels = w.scaleName() == null ? 1 : (int) names.stream().map(Waveforms.Unit::of).distinct().count();
        AtomicFiles.write(png, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 1000, 300 + 220 * panels));
    }

    private static List<String> select(Waveforms w, List<String> only) {
        if (only == null || only.isEmpty()) {
            List<String> all = new ArrayList<>(w.names());
            if (all.size() > 12) {
                throw new UserInputException(w.names().size() + " vectors are too many for one plot: choose with"
                        + " --vectors (for example --vectors " + String.join(",", all.subList(0, 2)) + ")");
            }
            return all;
        }
        List<String> out = new ArrayList<>();
        for (String v : only) {
            String n = v.trim().toLowerCase(Locale.ROOT);
            if (w.indexOf(n) < 0) {
                throw new UserInputException("no vector " + n + " to plot; there are: " + String.join(", ", w.names()));
            }
            out.add(n);
        }
        return out;
    }

    /** The quantity an axis shows; its ticks carry the unit ("50 µs", "2 mA"). */
    private static String axisLabel(Waveforms.Unit u, String name) {
        switch (u) {
            case TIME:
                return "time";
            case VOLTAGE:
                return "voltage";
            case CURRENT:
                return "current";
            case TEMPERATURE:
                return "temperature";
            default:
                return name;
        }
    }

    /** A number axis whose ticks read in engineering notation with SI prefixes and the unit. */
    static NumberAxis axis(String label, Waveforms.Unit unit) {
        NumberAxis a = new NumberAxis(label);
        a.setNumberFormatOverride(new EngineeringFormat(unit.symbol));
        return a;
    }

    /**
     * The Y vectors against X (a vector, or the scale when X is its name) in one pass over the rows,
     * every stride-th row and the last, so that a recording of any length plots in bounded memory.
     */
    private static List<XYSeries> series(Waveforms w, String x, List<String> ys) {
        int xIndex = x.equals(w.scaleName()) ? -1 : w.indexOf(x);
        int[] yIndex = new int[ys.size()];
        List<XYSeries> out = new ArrayList<>();
        for (int k = 0; k < ys.size(); k++) {
            yIndex[k] = w.indexOf(ys.get(k));
            out.add(new XYSeries(ys.get(k), false, true));
        }
        int stride = Math.max(1, (w.rows() + MAX_POINTS_PER_SERIES - 1) / MAX_POINTS_PER_SERIES);
        Waveforms.Cursor c = w.cursor();
        while (c.next()) {
            if (c.row() % stride != 0 && c.row() != w.rows() - 1) {
                continue;
            }
            double xv = xIndex < 0 ? c.scale() : c.value(xIndex);
            for (int k = 0; k < yIndex.length; k++) {
                out.get(k).add(xv, c.value(yIndex[k]), false);
            }
        }
        return out;
    }

    private static JFreeChart lines(Waveforms w, List<String> names) {
        Map<Waveforms.Unit, XYSeriesCollection> groups = new LinkedHashMap<>();
        List<XYSeries> all = series(w, w.scaleName(), names);
        for (int k = 0; k < names.size(); k++) {
            groups.computeIfAbsent(Waveforms.Unit.of(names.get(k)), u -> new XYSeriesCollection()).addSeries(all.get(k));
        }
        NumberAxis x = axis(axisLabel(Waveforms.Unit.of(w.scaleName()), w.scaleName()), Waveforms.Unit.of(w.scaleName()));
        x.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(x);
        combined.setGap(12);
        for (Map.Entry<Waveforms.Unit, XYSeriesCollection> g : groups.entrySet()) {
            NumberAxis y = axis(axisLabel(g.getKey(), g.getValue().getSeriesKey(0).toString()), g.getKey());
            y.setAutoRangeIncludesZero(false);
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            for (int i = 0; i < g.getValue().getSeriesCount(); i++) {
                r.setSeriesStroke(i, new BasicStroke(1.5f));
            }
            XYPlot p = new XYPlot(g.getValue(), null, y, r);
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(Color.LIGHT_GRAY);
            p.setRangeGridlinePaint(Color.LIGHT_GRAY);
            combined.add(p, 1);
        }
        return new JFreeChart(w.title(), new Font(Font.SANS_SERIF, Font.BOLD, 14), combined, true);
    }

    private static JFreeChart bars(Waveforms w, List<String> names) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String n : names) {
            data.addValue(w.value(w.indexOf(n), 0), Waveforms.Unit.of(n).name().toLowerCase(Locale.ROOT), n);
        }
        CategoryPlot p = new CategoryPlot(data, new CategoryAxis("vector"), axis("value (V or A)", Waveforms.Unit.NONE),
                new BarRenderer());
        p.setBackgroundPaint(Color.WHITE);
        return new JFreeChart(w.title() + " (operating point)", new Font(Font.SANS_SERIF, Font.BOLD, 14), p, true);
    }
}
