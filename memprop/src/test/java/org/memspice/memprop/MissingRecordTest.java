package org.memspice.memprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.IdxFile;
import org.memspice.memprop.data.MissingRecord;

/**
 * A training images file that lost one image in the middle: the gap is found from the images,
 * and the repaired copy pairs every image with its own label again.
 */
class MissingRecordTest {
    /** Class c is a bright vertical bar at columns 2c..2c+1 of a 28x28 image, with noise. */
    private static byte[] image(int c, SplittableRandom r) {
        byte[] px = new byte[784];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                boolean bar = x >= 2 + 2 * c && x < 4 + 2 * c && r.nextDouble() < 0.8;
                px[y * 28 + x] = (byte) (bar ? 150 + r.nextInt(100) : r.nextInt(90));
            }
        }
        return px;
    }

    @Test
    void theLostImageIsFoundAndTheRepairedCopyIsAligned(@TempDir Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(8);
        int n = 3000;
        int lost = 1234;
        byte[] labels = new byte[n];
        byte[] raw = new byte[(n - 1) * 784];
        for (int k = 0, w = 0; k < n; k++) {
            labels[k] = (byte) r.nextInt(10);
            byte[] px = image(labels[k], r);
            if (k != lost) {
                System.arraycopy(px, 0, raw, w++ * 784, 784);
            }
        }
        float[] testImages = new float[500 * 784];
        byte[] testLabels = new byte[500];
        for (int k = 0; k < 500; k++) {
            testLabels[k] = (byte) (k % 10);
            byte[] px = image(testLabels[k], r);
            for (int p = 0; p < 784; p++) {
                testImages[k * 784 + p] = (px[p] & 0xff) / 255f;
            }
        }
        Dataset test = new Dataset("test", testImages, testLabels, 28, 28);
        float[] px = new float[raw.length];
        for (int k = 0; k < raw.length; k++) {
            px[k] = (raw[k] & 0xff) / 255f;
        }
        MissingRecord.Finding f = MissingRecord.locate(px, 784, labels, test);
        assertTrue(f.plateauFrom() <= lost && lost <= f.plateauTo(), "located " + f);
        assertEquals(lost, f.gap(), 5);
        assertTrue(f.agreeBefore() > 0.9 && f.agreeAfterShifted() > 0.9 && f.agreeAfterUnshifted() < 0.3, f.toString());
        Path im = dir.resolve("i.gz");
        Path lb = dir.resolve("l.gz");
        int kept = MissingRecord.repair(raw, 28, 28, labels, f.gap(), 20, im, lb);
        assertEquals(n - 1 - 40, kept);
        IdxFile ri = IdxFile.read(im);
        IdxFile rl = IdxFile.read(lb);
        assertEquals(kept, ri.dimensions()[0]);
        assertEquals(kept, rl.dimensions()[0]);
        int wrong = 0;
        for (int k = 0; k < kept; k++) {
            int bright = 0;
            int best = -1;
            for (int c = 0; c < 10; c++) {
                int s = 0;
                for (int y = 0; y < 28; y++) {
                    s += (ri.data()[k * 784 + y * 28 + 2 + 2 * c] & 0xff) + (ri.data()[k * 784 + y * 28 + 3 + 2 * c] & 0xff);
                }
                if (s > bright) {
                    bright = s;
                    best = c;
                }
            }
            wrong += best == rl.data()[k] ? 0 : 1;
        }
        assertEquals(0, wrong, "every image of the repaired copy carries its own label");
    }
}
