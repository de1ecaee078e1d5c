package org.memspice.memprop.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An IDX file (the format of MNIST and Fashion-MNIST: a magic number whose third byte is the
 * element type and fourth the number of dimensions, the dimensions as big-endian ints, then the
 * elements), gzipped or plain: gzip is recognised by its own magic bytes, not by the file name.
 * Only unsigned-byte elements (type 0x08) are read, which is what both data sets use.
 */
public record IdxFile(Path path, int[] dimensions, byte[] data, int missingRecords) {

    /** Reads into {@code data} until it is full or the stream ends (a cut gzip stream included); returns the bytes read. */
    private static int readAll(DataInputStream d, byte[] data) throws IOException {
        int got = 0;
        while (got < data.length) {
            int r;
            try {
                r = d.read(data, got, data.length - got);
            } catch (EOFException e) {
                break;
            }
            if (r < 0) {
                break;
            }
            got += r;
        }
        return got;
    }

    /** Largest element count read (a corrupt header could otherwise ask for gigabytes). */
    private static final long MAX_ELEMENTS = 1L << 30;

    /** Reads the whole file; a file shorter than its header says is refused. */
    public static IdxFile read(Path path) {
        return read(path, false);
    }

    /**
     * Reads the whole file. With {@code allowTruncated}, a file that ends early at a record
     * boundary or inside a record keeps its complete records (the first dimension shrinks, and
     * {@link #missingRecords} says by how many); otherwise it is refused.
     */
    public static IdxFile read(Path path, boolean allowTruncated) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
            DataInputStream d = new DataInputStream(new BufferedInputStream(in, 1 << 16));
            int magic;
            try {
                magic = d.readInt();
            } catch (EOFException e) {
                throw new DataException(path + ": empty or shorter than an IDX header");
            }
            if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != 0x08) {
                throw new DataException(String.format(java.util.Locale.ROOT,
                        "%s: not an IDX file of unsigned bytes (magic number 0x%08x; expected 0x0000080N)", path, magic));
            }
            int rank = magic & 0xff;
            if (rank < 1 || rank > 4) {
                throw new DataException(path + ": IDX rank " + rank + " is not 1-4");
            }
            int[] dims = new int[rank];
            long count = 1;
            for (int k = 0; k < rank; k++) {
                dims[k] = d.readInt();
                if (dims[k] <= 0) {
                    throw new DataException(path + ": dimension " + (k + 1) + " is " + dims[k]);
                }
                count *= dims[k];
                if (count > MAX_ELEMENTS) {
                    throw new DataException(path + ": header announces more than " + MAX_ELEMENTS + " elements");
                }
            }
            byte[] data = new byte[(int) count];
            int got = readAll(d, data);
            if (got < data.length) {
                long recordSize = count / dims[0];
                int complete = (int) (got / recordSize);
                if (!allowTruncated || complete == 0) {
                    throw new DataException(String.format(java.util.Locale.ROOT,
                            "%s: truncated: the header announces %d records (%d bytes), the file holds %d bytes (%d complete"
                            + " records)%s", path, dims[0], count, got, complete,
                            complete > 0 ? "; 'memspice data check' finds where records went missing" : ""));
                }
                int missing = dims[0] - complete;
                dims[0] = complete;
                return new IdxFile(path, dims, java.util.Arrays.copyOf(data, (int) (complete * recordSize)), missing);
            }
            return new IdxFile(path, dims, data, 0);
        } catch (NoSuchFileException e) {
            throw new DataException(path + ": no such file");
        } catch (ZipException e) {
            throw new DataException(path + ": corrupt gzip data (" + e.getMessage() + ")");
        } catch (EOFException e) {
            throw new DataException(path + ": truncated (ends inside the header or the gzip stream)");
        } catch (IOException e) {
            throw new DataException(path + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
