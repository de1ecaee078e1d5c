package org.memspice.spice.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result of one analysis: a scale vector (time, sweep value, or none for an operating point)
 * and named vectors ({@code v(node)}, {@code i(vname)}, ...) with their units. Rows are kept in
 * blocks; once the blocks in memory pass a budget (64 MB by default) the full ones are appended to
 * a temporary file and dropped from memory, so a transient of ten million points records with
 * bounded memory. Read it with a {@link Cursor} (one pass, any size) or, for small results, with
 * {@link #scale()}, {@link #vector} and {@link #value}. {@link #close} deletes the spill file.
 */
public final class Waveforms implements AutoCloseable {
    /** Units of a vector, for axis labels and raw-file types. */
    public enum Unit {
        TIME("s", "time"), VOLTAGE("V", "voltage"), CURRENT("A", "current"), TEMPERATURE("°C", "temperature"),
        NONE("", "notype");

        public final String symbol;
        public final String rawType;

        Unit(String symbol, String rawType) {
            this.symbol = symbol;
            this.rawType = rawType;
        }

        /** The unit a vector name implies: v(...) volts, i(...) amperes. */
        public static Unit of(String vectorName) {
            String n = vectorName.toLowerCase(Locale.ROOT);
            if (n.equals("time")) {
                return TIME;
            }
            if (n.startsWith("v(") || n.startsWith("v-sweep")) {
                return VOLTAGE;
            }
            if (n.startsWith("i(") || n.startsWith("i-sweep")) {
                return CURRENT;
            }
            if (n.startsWith("temp-sweep")) {
                return TEMPERATURE;
            }
            return NONE;
        }
    }

    /**
     * Receives a recording's rows in order, a block at a time: while it runs ({@link #follow}), or
     * all at once ({@link #replay}).
     */
    public interface Follower {
        /** Called first, once: the recording's names and {@link #width()} are known. */
        void start(Waveforms w);

        /**
         * {@code rows} rows of {@link #width()} values each (the scale value, then the vectors in
         * {@link #names()} order) from the start of {@code values}, an array never written again.
         */
        void block(double[] values, int rows);
    }

    /** Rows per block at most. */
    private static final int MAX_BLOCK_ROWS = 4096;
    /** Values per block at most (1 MB) unless one row is wider: an operating point of a million
     *  unknowns must not allocate 4096 rows of them. */
    private static final int BLOCK_VALUES = 1 << 17;
    /** Default budget of the blocks kept in memory, bytes. */
    public static final long DEFAULT_MEMORY = 64L << 20;

    private final String title;
    private final String analysis;
    private final String scaleName;
    private final List<String> names;
    private final int width;
    /** Rows per block: 4096 for narrow recordings, down to one for very wide ones. */
    private final int blockRows;
    private final long memoryBudget;
    private final List<double[]> blocks = new ArrayList<>();
    private int spilledBlocks;
    private Path spill;
    private FileChannel channel;
    private int rows;
    /** Who receives each block as it fills ({@link #follow}), or null. */
    private Follower follower;

    /**
     * @param analysis  {@code tran}, {@code dc} or {@code op}
     * @param scaleName {@code time}, the sweep vector name, or null for an operating point
     */
    public Waveforms(String title, String analysis, String scaleName, List<String> names) {
        this(title, analysis, scaleName, names, DEFAULT_MEMORY);
    }

    /** As above, keeping at most {@code memoryBudget} bytes of rows in memory. */
    public Waveforms(String title, String analysis, String scaleName, List<String> names, long memoryBudget) {
        this.title = title;
        this.analysis = analysis;
        this.scaleName = scaleName;
        this.names = List.copyOf(names);
        this.width = names.size() + 1;
        this.blockRows = Math.max(1, Math.min(MAX_BLOCK_ROWS, BLOCK_VALUES / width));
        this.memoryBudget = Math.max(memoryBudget, 2L * blockRows * width * Double.BYTES);
    }

    public void add(double scaleValue, double[] values) {
        int inBlock = rows % blockRows;
        if (inBlock == 0) {
            if ((long) (blocks.size() + 1) * blockRows * width * Double.BYTES > memoryBudget) {
                spillFullBlocks();
            }
            blocks.add(new double[blockRows * width]);
        }
        double[] block = blocks.get(blocks.size() - 1);
        int base = inBlock * width;
        block[base] = scaleValue;
        System.arraycopy(values, 0, block, base + 1, width - 1);
        rows++;
        if (follower != null && inBlock == blockRows - 1) {
            follower.block(block, blockRows); // full: only a new block is written from here on
        }
    }

    /**
     * Hands every block to {@code f} as it fills, on the recording thread (the rows recorded so far
     * at once), after {@link Follower#start}; {@link #finishFollowing} hands over the last rows.
     */
    public void follow(Follower f) {
        f.start(this);
        for (int b = 0; b < rows / blockRows; b++) {
            f.block(block(b, null), blockRows);
        }
        follower = f;
    }

    /**
     * The recording is complete: the follower receives the rows of the last, partly filled block
     * (every full one was handed over as it filled) and is let go.
     */
    public void finishFollowing() {
        int rest = rows % blockRows;
        if (follower != null && rest > 0) {
            follower.block(blocks.get(blocks.size() - 1), rest);
        }
        follower = null;
    }

    /** Hands every row to {@code f}, block by block (spilled blocks read back into new arrays). */
    public void replay(Follower f) {
        f.start(this);
        int count = (rows + blockRows - 1) / blockRows;
        for (int b = 0; b < count; b++) {
            f.block(block(b, null), Math.min(blockRows, rows - b * blockRows));
        }
    }

    /** Values per row: the scale value and one per vector. */
    public int width() {
        return width;
    }

    /** Appends every full block in memory to the spill file and drops it from memory. */
    private void spillFullBlocks() {
        try {
            if (channel == null) {
                spill = Files.createTempFile("memspice-" + analysis + "-", ".bin");
                spill.toFile().deleteOnExit();
                channel = FileChannel.open(spill, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            ByteBuffer buf = ByteBuffer.allocate(blockRows * width * Double.BYTES).order(ByteOrder.nativeOrder());
            for (double[] block : blocks) {
                buf.clear();
                buf.asDoubleBuffer().put(block);
                buf.position(0).limit(block.length * Double.BYTES);
                long at = (long) spilledBlocks * buf.capacity();
                while (buf.hasRemaining()) {
                    at += channel.write(buf, at);
                }
                spilledBlocks++;
            }
            blocks.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill the recorded waveforms to a temporary file ("
                    + (spill == null ? System.getProperty("java.io.tmpdir") : spill) + "): " + e.getMessage(), e);
        }
    }

    /** Bytes of rows kept on disk so far (0 while everything fits in memory). */
    public long spilledBytes() {
        return (long) spilledBlocks * blockRows * width * Double.BYTES;
    }

    /** The temporary file the rows spill to, or null. */
    public Path spillFile() {
        return spill;
    }

    /** Deletes the spill file, if any. The rows on disk are gone afterwards. */
    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close();
            }
            if (spill != null) {
                Files.deleteIfExists(spill);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            channel = null;
        }
    }

    /** One pass over the rows, in order, reading spilled blocks a block at a time. */
    public final class Cursor {
        private int row = -1;
        private double[] block;
        private int blockIndex = -1;
        private int offset;

        /** Moves to the next row; false after the last. */
        public boolean next() {
            if (row + 1 >= rows) {
                return false;
            }
            row++;
            int b = row / blockRows;
            if (b != blockIndex) {
                block = block(b, block);
                blockIndex = b;
            }
            offset = (row % blockRows) * width;
            return true;
        }

        /** The row's index. */
        public int row() {
            return row;
        }

        /** The row's scale value (its index for an operating point). */
        public double scale() {
            return block[offset];
        }

        /** Vector {@code k} (in {@link #names()} order) at this row. */
        public double value(int k) {
            return block[offset + 1 + k];
        }
    }

    public Cursor cursor() {
        return new Cursor();
    }

    /** Block {@code b}: from memory, or read from the spill file into {@code reuse}. */
    private double[] block(int b, double[] reuse) {
        if (b >= spilledBlocks) {
            return blocks.get(b - spilledBlocks);
        }
        double[] out = reuse != null && reuse.length == blockRows * width && !blocks.contains(reuse) ? reuse
                : new double[blockRows * width];
        ByteBuffer buf = ByteBuffer.allocate(out.length * Double.BYTES).order(ByteOrder.nativeOrder());
        try {
            long at = (long) b * buf.capacity();
            while (buf.hasRemaining()) {
                int n = channel.read(buf, at);
                if (n < 0) {
                    throw new IOException("spill file ended early");
                }
                at += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the recorded waveforms from " + spill + ": "
                    + e.getMessage(), e);
        }
        buf.flip();
        buf.asDoubleBuffer().get(out);
        return out;
    }

    public String title() {
        return title;
    }

    public String analysis() {
        return analysis;
    }

    /** The scale vector's name, or null for an operating point. */
    public String scaleName() {
        return scaleName;
    }

    public List<String> names() {
        return names;
    }

    public int rows() {
        return rows;
    }

    /** The whole scale vector (a copy: for results that fit in memory). */
    public double[] scale() {
        double[] out = new double[rows];
        Cursor c = cursor();
        while (c.next()) {
            out[c.row()] = c.scale();
        }
        return out;
    }

    /** The vector of that name (case-insensitive), or throws naming the vectors there are. */
    public double[] vector(String name) {
        int i = requireIndex(name);
        double[] out = new double[rows];
        Cursor c = cursor();
        while (c.next()) {
            out[c.row()] = c.value(i);
        }
        return out;
    }

    /** Value of vector number {@code vector} (in {@link #names()} order) at row {@code row}. */
    public double value(int vector, int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
        return block(row / blockRows, null)[(row % blockRows) * width + 1 + vector];
    }

    public int indexOf(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Linear interpolation of vector {@code name} at scale value {@code s} (scale must increase). */
    public double interpolate(String name, double s) {
        return Interpolation.linear(scale(), vector(name), rows, s);
    }

    private int requireIndex(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no vector " + name + " (have " + String.join(", ", names) + ")");
        }
        return i;
    }

    /** Rows × vectors as text, for messages about size. */
    public String describeSize() {
        return String.format(Locale.ROOT, "%,d points x %d vectors", rows, names.size());
    }

    @Override
    public String toString() {
        return analysis + " " + describeSize();
    }
}
