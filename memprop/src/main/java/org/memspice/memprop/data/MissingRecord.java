package org.memspice.memprop.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.memspice.spice.output.AtomicFiles;

/**
 * Where a record went missing: an images file one image short of its header, beside a whole
 * labels file, leaves every image after the lost one paired with the next image's label, and
 * nothing in the files says where that happened. This locates it from the images themselves: a
 * nearest-centroid classifier built from another, whole split (the test set) predicts each
 * training image's class; the gap g is where "image k has label k" (before g) and "image k has
 * label k + 1" (from g on) together agree best with those predictions. The agreement on either
 * side (about 70 % against 10 % for a wrong pairing on Fashion-MNIST) says how sure that is.
 * {@link #repair} then writes a copy without the images and labels within a margin of the gap.
 */
public final class MissingRecord {
    private MissingRecord() {
    }

    /**
     * The most likely gap, the range of gaps that score within two agreements of it, and the share
     * of predictions that agree with the labels just before it, just after it with the shifted
     * pairing, and just after it with the file's own pairing (200 images each).
     */
    public record Finding(int gap, int plateauFrom, int plateauTo, double agreeBefore, double agreeAfterShifted,
            double agreeAfterUnshifted) {
    }

    /** Locates the gap in {@code truncated} (n complete images) against {@code labels} (n + 1 of them). */
    public static Finding locate(float[] images, int pixels, byte[] labels, Dataset reference) {
        int n = images.length / pixels;
        if (labels.length != n + 1) {
            throw new IllegalArgumentException("one missing image needs one label more than images: " + n + " images, "
                    + labels.length + " labels");
        }
        int[] predicted = nearestCentroid(images, pixels, n, reference);
        long[] before = new long[n + 1]; // agreements of image k with label k, for k < g
        for (int k = 0; k < n; k++) {
            before[k + 1] = before[k] + (predicted[k] == labels[k] ? 1 : 0);
        }
        long[] after = new long[n + 1]; // agreements of image k with label k + 1, for k >= g
        for (int k = n - 1; k >= 0; k--) {
            after[k] = after[k + 1] + (predicted[k] == labels[k + 1] ? 1 : 0);
        }
        int best = 0;
        long bestScore = -1;
        for (int g = 0; g <= n; g++) {
            long s = before[g] + after[g];
            if (s > bestScore) {
                bestScore = s;
                best = g;
            }
        }
        int from = best;
        int to = best;
        for (int g = 0; g <= n; g++) {
            if (before[g] + after[g] >= bestScore - 2) {
                from = Math.min(from, g);
                to = Math.max(to, g);
            }
        }
        int w = 200;
        int b0 = Math.max(0, best - w);
        int a1 = Math.min(n, best + w);
        double agreeBefore = (before[best] - before[b0]) / (double) Math.max(1, best - b0);
        double agreeShifted = (after[best] - after[a1]) / (double) Math.max(1, a1 - best);
        int unshifted = 0;
        for (int k = best; k < a1; k++) {
            unshifted += predicted[k] == labels[k] ? 1 : 0;
        }
        return new Finding(best, from, to, agreeBefore, agreeShifted, unshifted / (double) Math.max(1, a1 - best));
    }

    private static int[] nearestCentroid(float[] images, int pixels, int n, Dataset reference) {
        int classes = reference.classes();
        double[][] centroid = new double[classes][pixels];
        int[] count = new int[classes];
        for (int k = 0; k < reference.size(); k++) {
            int c = reference.labels()[k];
            count[c]++;
            for (int p = 0; p < pixels; p++) {
                centroid[c][p] += reference.images()[k * pixels + p];
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int p = 0; p < pixels; p++) {
                centroid[c][p] /= Math.max(1, count[c]);
            }
        }
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double d = 0;
                for (int p = 0; p < pixels; p++) {
                    double e = images[k * pixels + p] - centroid[c][p];
                    d += e * e;
                }
                if (d < bestD) {
                    bestD = d;
                    out[k] = c;
                }
            }
        }
        return out;
    }

    /**
     * Writes {@code folder}'s training images and labels without the records within
     * {@code margin} of the gap (images [g − margin, g + margin), labels [g − margin,
     * g + margin + 1)), gzipped, into {@code target}; returns the number of records kept.
     */
    public static int repair(byte[] rawImages, int rows, int cols, byte[] labels, int gap, int margin, Path imagesOut,
            Path labelsOut) throws IOException {
        int pixels = rows * cols;
        int n = rawImages.length / pixels;
        int from = Math.max(0, gap - margin);
        int to = Math.min(n, gap + margin);
        int kept = n - (to - from);
        byte[] im = new byte[kept * pixels];
        System.arraycopy(rawImages, 0, im, 0, from * pixels);
        System.arraycopy(rawImages, to * pixels, im, from * pixels, (n - to) * pixels);
        byte[] lb = new byte[kept];
        System.arraycopy(labels, 0, lb, 0, from);
        System.arraycopy(labels, to + 1, lb, from, n - to);
        write(imagesOut, new int[] {kept, rows, cols}, im);
        write(labelsOut, new int[] {kept}, lb);
        return kept;
    }

    /** Writes an IDX file of unsigned bytes, gzipped, atomically. */
    static void write(Path target, int[] dims, byte[] data) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        AtomicFiles.write(target, tmp -> {
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16);
                    DataOutputStream d = new DataOutputStream(o)) {
                d.writeInt(0x0800 | dims.length);
                for (int x : dims) {
                    d.writeInt(x);
                }
                d.write(data);
            }
        });
    }
}
