package org.memspice.cli.stdp;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.memspice.cli.mif.Charts;
import org.memspice.spice.output.AtomicFiles;

/**
 * Learned weight maps as one image: a tile per output neuron, its column of the crossbar drawn as
 * a side x side picture of read conductances (white: the device's lowest, black: its highest),
 * with the neuron's label under the tile.
 */
final class WeightMaps {
    private WeightMaps() {
    }

    /**
     * @param g read conductances, output-major (input i to output j at j·inputs + i)
     * @param gLow conductance drawn white (S)
     * @param gHigh conductance drawn black (S)
     * @param labels one caption per output (null for none)
     */
    static void write(double[] g, int inputs, int outputs, int side, double gLow, double gHigh, String[] labels, String title,
            Path png) throws IOException {
        int perRow = (int) Math.ceil(Math.sqrt(outputs));
        int rows = (outputs + perRow - 1) / perRow;
        int cell = Math.max(2, Math.min(24, 160 / side));
        int tile = side * cell;
        int captionH = labels == null ? 4 : 16;
        int gap = 6;
        int top = 40;
        int bottom = 30;
        int width = Math.max(500, perRow * (tile + gap) + gap);
        int height = top + rows * (tile + captionH + gap) + bottom;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = img.createGraphics();
        gr.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        gr.setColor(Color.WHITE);
        gr.fillRect(0, 0, width, height);
        gr.setColor(Color.BLACK);
        gr.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        gr.drawString(title, gap, 24);
        gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        double span = gHigh - gLow;
        for (int j = 0; j < outputs; j++) {
            int x0 = gap + (j % perRow) * (tile + gap);
            int y0 = top + (j / perRow) * (tile + captionH + gap);
            for (int i = 0; i < inputs; i++) {
                double f = span > 0 ? (g[j * inputs + i] - gLow) / span : 0;
                int level = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, f))));
                gr.setColor(new Color(level, level, level));
                gr.fillRect(x0 + (i % side) * cell, y0 + (i / side) * cell, cell, cell);
            }
            gr.setColor(Color.GRAY);
            gr.drawRect(x0 - 1, y0 - 1, tile + 1, tile + 1);
            if (labels != null) {
                gr.setColor(Color.BLACK);
                gr.drawString(labels[j], x0, y0 + tile + 12);
            }
        }
        gr.setColor(Color.DARK_GRAY);
        gr.drawString("white " + Charts.siText(gLow, "S", false) + ", black " + Charts.siText(gHigh, "S", false)
                + " (read conductance)", gap, height - 10);
        gr.dispose();
        AtomicFiles.write(png, tmp -> ImageIO.write(img, "png", tmp.toFile()));
    }
}
