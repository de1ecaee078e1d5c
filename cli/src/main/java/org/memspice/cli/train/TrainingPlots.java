package org.memspice.cli.train;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.data.xy.XYSeries;
import org.memspice.cli.mif.Charts;
import org.memspice.memprop.train.EpochRecord;
import org.memspice.spice.output.AtomicFiles;

/** The training curves (loss; train and test accuracy, per epoch) and the test confusion matrix as PNGs. */
final class TrainingPlots {
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);

    private TrainingPlots() {
    }

    static void curves(List<EpochRecord> history, String title, Path png) throws IOException {
        XYSeries trainLoss = new XYSeries("train loss");
        XYSeries testLoss = new XYSeries("test loss");
        XYSeries trainAcc = new XYSeries("train accuracy");
        XYSeries testAcc = new XYSeries("test accuracy");
        for (EpochRecord r : history) {
            trainLoss.add(r.epoch(), r.trainLoss());
            testLoss.add(r.epoch(), r.testLoss());
            trainAcc.add(r.epoch(), 100 * r.trainAccuracy());
            testAcc.add(r.epoch(), 100 * r.testAccuracy());
        }
        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
        plot.setGap(12);
        plot.add(Charts.panel("loss", true, trainLoss, testLoss), 1);
        plot.add(Charts.panel("accuracy (%)", true, trainAcc, testAcc), 1);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(png, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 900, 700));
    }

    /** The confusion matrix as a table (CSV: rows true class, columns predicted). */
    static void confusionCsv(int[][] m, Path csv) throws IOException {
        StringBuilder sb = new StringBuilder("true\\predicted");
        for (int j = 0; j < m.length; j++) {
            sb.append(',').append(j);
        }
        sb.append('\n');
        for (int i = 0; i < m.length; i++) {
            sb.append(i);
            for (int j = 0; j < m.length; j++) {
                sb.append(',').append(m[i][j]);
            }
            sb.append('\n');
        }
        AtomicFiles.writeText(csv, sb.toString());
    }

    /**
     * The confusion matrix as a picture: each cell coloured by the fraction of its true class
     * (a perceptually uniform light-to-dark blue ramp) with its count written in it.
     */
    static void confusionPng(int[][] m, List<String> classNames, String title, Path png) throws IOException {
        int n = m.length;
        int cell = 56;
        int left = 130;
        int top = 70;
        int width = left + n * cell + 30;
        int height = top + n * cell + 70;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("predicted class →", left, top - 28);
        g.drawString("true class ↓", 10, top - 28);
        for (int i = 0; i < n; i++) {
            int rowTotal = 0;
            for (int j = 0; j < n; j++) {
                rowTotal += m[i][j];
            }
            g.setColor(Color.BLACK);
            g.drawString(label(classNames, i), 10, top + i * cell + cell / 2 + 5);
            for (int j = 0; j < n; j++) {
                double f = rowTotal == 0 ? 0 : m[i][j] / (double) rowTotal;
                g.setColor(ramp(f));
                g.fillRect(left + j * cell, top + i * cell, cell - 1, cell - 1);
                g.setColor(f > 0.5 ? Color.WHITE : Color.BLACK);
                String s = Integer.toString(m[i][j]);
                g.drawString(s, left + j * cell + (cell - g.getFontMetrics().stringWidth(s)) / 2, top + i * cell + cell / 2 + 5);
            }
        }
        g.setColor(Color.BLACK);
        for (int j = 0; j < n; j++) {
            String s = label(classNames, j);
            if (s.length() > 7) {
                s = s.substring(0, 7);
            }
            g.drawString(s, left + j * cell + 4, top - 8);
        }
        int correct = 0;
        int total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                total += m[i][j];
                if (i == j) {
                    correct += m[i][j];
                }
            }
        }
        g.drawString(String.format(Locale.ROOT, "accuracy %.2f %% (%d/%d); colour: fraction of the true class", 100.0 * correct / Math.max(1, total),
                correct, total), left, top + n * cell + 30);
        g.dispose();
        AtomicFiles.write(png, tmp -> ImageIO.write(img, "png", tmp.toFile()));
    }

    private static String label(List<String> names, int k) {
        return k < names.size() ? k + " " + names.get(k) : Integer.toString(k);
    }

    /** White to dark blue, linear in CIE lightness (so equal steps look equal). */
    static Color ramp(double f) {
        double t = Math.max(0, Math.min(1, f));
        // end points in CIELAB: L 97 (near white) to L 25 (dark blue); interpolate and convert
        double l = 97 - 72 * t;
        double a = 0 + 8 * t;
        double b = -2 - 48 * t;
        return lab(l, a, b);
    }

    private static Color lab(double l, double a, double b) {
        double fy = (l + 16) / 116;
        double fx = fy + a / 500;
        double fz = fy - b / 200;
        double x = 0.95047 * inv(fx);
        double y = inv(fy);
        double z = 1.08883 * inv(fz);
        double r = 3.2406 * x - 1.5372 * y - 0.4986 * z;
        double g = -0.9689 * x + 1.8758 * y + 0.0415 * z;
        double bl = 0.0557 * x - 0.2040 * y + 1.0570 * z;
        return new Color(srgb(r), srgb(g), srgb(bl));
    }

    private static double inv(double t) {
        return t > 6.0 / 29 ? t * t * t : 3 * (6.0 / 29) * (6.0 / 29) * (t - 4.0 / 29);
    }

    private static int srgb(double c) {
        double v = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
        return (int) Math.round(255 * Math.max(0, Math.min(1, v)));
    }
}
