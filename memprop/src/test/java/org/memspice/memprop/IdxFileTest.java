package org.memspice.memprop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.memprop.data.DataException;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import org.memspice.memprop.data.IdxFile;

/** The IDX reader on files it writes itself: gzipped or plain, and every way a file can be wrong. */
class IdxFileTest {
    static byte[] idx(int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(0x0800 | dims.length);
        for (int x : dims) {
            d.writeInt(x);
        }
        d.write(data);
        return b.toByteArray();
    }

    static void write(Path p, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            o.write(bytes);
        }
    }

    /** A small data set of 12 images 2x3 in DIR/mnist. */
    static void smallSet(Path dir, boolean gzip) throws IOException {
        Path m = Files.createDirectories(dir.resolve("mnist"));
        byte[] px = new byte[12 * 6];
        for (int k = 0; k < px.length; k++) {
            px[k] = (byte) (k * 7);
        }
        byte[] lb = new byte[12];
        for (int k = 0; k < 12; k++) {
            lb[k] = (byte) (k % 10);
        }
        String ext = gzip ? ".gz" : "";
        for (String split : new String[] {"train", "t10k"}) {
            write(m.resolve(split + "-images-idx3-ubyte" + ext), idx(new int[] {12, 2, 3}, px), gzip);
            write(m.resolve(split + "-labels-idx1-ubyte" + ext), idx(new int[] {12}, lb), gzip);
        }
    }

    @Test
    void readsGzippedAndPlainFilesAlike(@TempDir Path a, @TempDir Path b) throws IOException {
        smallSet(a, true);
        smallSet(b, false);
        Dataset ga = Datasets.load(a, Datasets.Kind.MNIST, true);
        Dataset pb = Datasets.load(b, Datasets.Kind.MNIST, false);
        assertEquals(12, ga.size());
        assertEquals(2, ga.rows());
        assertEquals(3, ga.cols());
        assertArrayEquals(ga.images(), pb.images());
        assertArrayEquals(ga.labels(), pb.labels());
        assertEquals((7 * 7 & 0xff) / 255f, ga.images()[7], 0);
        assertEquals(3, ga.labels()[3]);
    }

    @Test
    void aTruncatedFileIsNamedWithWhatIsMissing(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("x.gz");
        byte[] whole = idx(new int[] {10, 28, 28}, new byte[10 * 784]);
        write(p, Arrays.copyOf(whole, whole.length - 100), true);
        DataException e = assertThrows(DataException.class, () -> IdxFile.read(p));
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        // a gzip stream cut short
        byte[] gz;
        try (ByteArrayOutputStream b = new ByteArrayOutputStream(); GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(whole);
            g.finish();
            gz = b.toByteArray();
        }
        Files.write(p, Arrays.copyOf(gz, gz.length / 2));
        DataException cut = assertThrows(DataException.class, () -> IdxFile.read(p));
        assertTrue(cut.getMessage().contains(p.toString()), cut.getMessage());
    }

    @Test
    void aTruncatedImagesFileIsRefusedWithWhatItHolds(@TempDir Path dir) throws IOException {
        smallSet(dir, true);
        Path images = dir.resolve("mnist/train-images-idx3-ubyte.gz");
        byte[] whole = idx(new int[] {12, 2, 3}, new byte[12 * 6]);
        write(images, Arrays.copyOf(whole, whole.length - 6 - 2), true); // the last record and a bit of the one before
        DataException refused = assertThrows(DataException.class, () -> Datasets.load(dir, Datasets.Kind.MNIST, true));
        assertTrue(refused.getMessage().contains("10 complete records") && refused.getMessage().contains("data check"),
                refused.getMessage());
        IdxFile lenient = IdxFile.read(images, true);
        assertEquals(10, lenient.dimensions()[0]);
        assertEquals(2, lenient.missingRecords());
        assertEquals(60, lenient.data().length);
    }

    @Test
    void wrongFilesAreRefusedByName(@TempDir Path dir) throws IOException {
        Path notIdx = dir.resolve("a");
        Files.writeString(notIdx, "hello, this is not an IDX file");
        assertTrue(assertThrows(DataException.class, () -> IdxFile.read(notIdx)).getMessage().contains("not an IDX file"));
        Path empty = dir.resolve("b");
        Files.write(empty, new byte[0]);
        assertTrue(assertThrows(DataException.class, () -> IdxFile.read(empty)).getMessage().contains("empty"));
        Path huge = dir.resolve("c");
        write(huge, idx(new int[] {1 << 20, 1 << 12, 1}, new byte[0]), false);
        assertTrue(assertThrows(DataException.class, () -> IdxFile.read(huge)).getMessage().contains("more than"));
        Path missing = dir.resolve("none");
        assertTrue(assertThrows(DataException.class, () -> IdxFile.read(missing)).getMessage().contains("no such file"));
    }

    @Test
    void aMissingOrMismatchedFileOfADataSetIsNamed(@TempDir Path dir) throws IOException {
        smallSet(dir, true);
        Files.delete(dir.resolve("mnist/t10k-labels-idx1-ubyte.gz"));
        DataException e = assertThrows(DataException.class, () -> Datasets.load(dir, Datasets.Kind.MNIST, false));
        assertTrue(e.getMessage().contains("missing data file") && e.getMessage().contains("t10k-labels-idx1-ubyte"), e.getMessage());
        write(dir.resolve("mnist/t10k-labels-idx1-ubyte.gz"), idx(new int[] {11}, new byte[11]), true);
        DataException n = assertThrows(DataException.class, () -> Datasets.load(dir, Datasets.Kind.MNIST, false));
        assertTrue(n.getMessage().contains("12 images but") && n.getMessage().contains("11 labels"), n.getMessage());
        assertThrows(DataException.class, () -> Datasets.load(dir, Datasets.Kind.FASHION, true), "no fashion-mnist folder");
    }

    @Test
    void balancedSubsetsTakeEveryClassEquallyAndRepeat() throws IOException {
        byte[] labels = new byte[1000];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = (byte) (k < 500 ? 0 : 1 + k % 9); // sorted-ish, half of it class 0
        }
        Dataset d = new Dataset("t", new float[1000], labels, 1, 1);
        int[] s = Datasets.balancedSubset(d, 100, 5);
        int[] count = new int[10];
        for (int i : s) {
            count[labels[i]]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(10, count[c], "class " + c);
        }
        assertArrayEquals(s, Datasets.balancedSubset(d, 100, 5));
        assertEquals(100, Arrays.stream(s).distinct().count());
    }
}
