package org.memspice.memprop.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * MNIST and Fashion-MNIST from a data folder: {@code DIR/mnist/} and {@code DIR/fashion-mnist/},
 * each with {@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]},
 * {@code t10k-images-idx3-ubyte[.gz]} and {@code t10k-labels-idx1-ubyte[.gz]}. The folder is the
 * {@code --data} option or else the {@code MEMSPICE_DATA} environment variable.
 */
public final class Datasets {
    private Datasets() {
    }

    /** The two data sets, by the names the command line uses. */
    public enum Kind {
        MNIST("mnist", "mnist"), FASHION("fashion", "fashion-mnist");

        public final String option;
        public final String folder;

        Kind(String option, String folder) {
            this.option = option;
            this.folder = folder;
        }

        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.option.equalsIgnoreCase(s) || k.folder.equalsIgnoreCase(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown data set '" + s + "' (mnist or fashion)");
        }
    }

    /** The data folder: {@code given} when not null, else MEMSPICE_DATA; a clear error when neither exists. */
    public static Path dataFolder(Path given) {
        if (given != null) {
            if (!Files.isDirectory(given)) {
                throw new DataException("--data " + given + ": no such folder");
            }
            return given;
        }
        String env = System.getenv("MEMSPICE_DATA");
        if (env == null || env.isBlank()) {
            throw new DataException("no data folder: give --data DIR or set MEMSPICE_DATA (a folder holding mnist/ and fashion-mnist/)");
        }
        Path p = Path.of(env);
        if (!Files.isDirectory(p)) {
            throw new DataException("MEMSPICE_DATA=" + env + ": no such folder");
        }
        return p;
    }

    /** The images file of a split (gzipped or plain), or a clear error naming the missing file. */
    public static Path imagesFile(Path dataFolder, Kind kind, boolean train) {
        return find(dataFolder.resolve(kind.folder), (train ? "train" : "t10k") + "-images-idx3-ubyte");
    }

    /** The labels file of a split. */
    public static Path labelsFile(Path dataFolder, Kind kind, boolean train) {
        return find(dataFolder.resolve(kind.folder), (train ? "train" : "t10k") + "-labels-idx1-ubyte");
    }

    /**
     * The training (60,000) or test (10,000) split. A file shorter than its header is refused:
     * with its labels whole, the images after a lost one would pair with the wrong labels, and
     * nothing in the files says where that starts ({@link MissingRecord} finds it).
     */
    public static Dataset load(Path dataFolder, Kind kind, boolean train) {
        String prefix = train ? "train" : "t10k";
        Path images = imagesFile(dataFolder, kind, train);
        Path labels = labelsFile(dataFolder, kind, train);
        IdxFile im = IdxFile.read(images);
        IdxFile lb = IdxFile.read(labels);
        if (im.dimensions().length != 3) {
            throw new DataException(images + ": expected 3 dimensions (images x rows x columns), found " + im.dimensions().length);
        }
        if (lb.dimensions().length != 1) {
            throw new DataException(labels + ": expected 1 dimension (labels), found " + lb.dimensions().length);
        }
        int n = im.dimensions()[0];
        if (lb.dimensions()[0] != n) {
            throw new DataException(String.format(Locale.ROOT, "%s holds %d images but %s %d labels", images, n, labels,
                    lb.dimensions()[0]));
        }
        int rows = im.dimensions()[1];
        int cols = im.dimensions()[2];
        byte[] raw = im.data();
        float[] pixels = new float[raw.length];
        for (int k = 0; k < raw.length; k++) {
            pixels[k] = (raw[k] & 0xff) / 255f;
        }
        byte[] l = lb.data();
        for (int k = 0; k < l.length; k++) {
            if (l[k] < 0 || l[k] > 9) {
                throw new DataException(labels + ": label " + (l[k] & 0xff) + " of item " + k + " is not 0-9");
            }
        }
        return new Dataset(kind.option + "-" + prefix, pixels, l, rows, cols);
    }

    private static Path find(Path dir, String base) {
        for (String name : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new DataException("missing data file " + dir.resolve(base + ".gz") + " (or " + base + " uncompressed)");
    }

    /**
     * {@code count} samples drawn without replacement from the given seed, class-balanced (an
     * equal share of each class, the remainder to the lowest classes), in a seeded random order:
     * a small subset that does not depend on the file's order (Fashion-MNIST's files here are
     * not in the official order).
     */
    public static int[] balancedSubset(Dataset d, int count, long seed) {
        if (count < 1 || count > d.size()) {
            throw new IllegalArgumentException("subset of " + count + " from " + d.size() + " samples");
        }
        int classes = d.classes();
        int[][] byClass = new int[classes][];
        int[] sizes = new int[classes];
        for (byte b : d.labels()) {
            sizes[b]++;
        }
        for (int c = 0; c < classes; c++) {
            byClass[c] = new int[sizes[c]];
            sizes[c] = 0;
        }
        for (int k = 0; k < d.size(); k++) {
            int c = d.labels()[k];
            byClass[c][sizes[c]++] = k;
        }
        SplittableRandom r = new SplittableRandom(seed);
        int[] out = new int[count];
        int pos = 0;
        for (int c = 0; c < classes; c++) {
            int want = count / classes + (c < count % classes ? 1 : 0);
            want = Math.min(want, byClass[c].length);
            shuffle(byClass[c], r);
            System.arraycopy(byClass[c], 0, out, pos, want);
            pos += want;
        }
        for (int k = 0; pos < count; k++) { // classes too small to give their share: fill from the rest
            int idx = k;
            boolean taken = false;
            for (int q = 0; q < pos; q++) {
                taken |= out[q] == idx;
            }
            if (!taken) {
                out[pos++] = idx;
            }
        }
        shuffle(out, r);
        return out;
    }

    /** Fisher-Yates shuffle from a seeded source. */
    public static void shuffle(int[] a, SplittableRandom r) {
        for (int k = a.length - 1; k > 0; k--) {
            int j = r.nextInt(k + 1);
            int t = a[k];
            a[k] = a[j];
            a[j] = t;
        }
    }
}
