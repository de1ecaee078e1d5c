package org.memspice.spice.output;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes waveforms as CSV (RFC 4180): the scale vector first (if any), then one column per vector,
 * ngspice names; a name with a comma or a quote ({@code v(3,2)}) is quoted. Rows are read block by
 * block, so a recording spilled to disk is written without being loaded; a {@link Stream} writes
 * them while the recording runs.
 */
public final class CsvWriter {
    private CsvWriter() {
    }

    public static void write(Waveforms w, Path file) throws IOException {
        AtomicFiles.write(file, tmp -> {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                Table out = new Table(os);
                try {
                    w.replay(out);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                out.flush();
            }
        });
    }

    /**
     * The CSV of a recording written while it runs, by a thread of its own: the recording thread
     * hands over each full block of rows ({@link Waveforms#follow}) and goes on simulating, the
     * writer formats it into a temporary file. {@link #complete} adds the last rows and waits for
     * the writer; {@link #publish} then moves the file over the target, and {@link #discard} drops
     * it. The bytes are those of {@link CsvWriter#write}. On a 104,000-point transient the text of
     * 208,000 numbers took 0.05-0.10 s after the simulation; now it is made during it, on the
     * other processor.
     */
    public static final class Stream implements Waveforms.Follower {
        /**
         * Blocks waiting for the writer at most (up to 1 MB each): when it falls this far behind, the
         * recording thread waits rather than hold every block in memory.
         */
        private static final int QUEUE = 16;
        private static final Object END = new Object();

        private record Chunk(double[] values, int rows) {
        }

        private final AtomicFiles.Pending file;
        private final OutputStream os;
        private final Table out;
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
        private final Thread writer;
        /** The writer's failure, reported by {@link #complete}. */
        private volatile IOException failure;

        /** Opens the temporary file for {@code target} and starts the writer. */
        public Stream(Path target) throws IOException {
            file = AtomicFiles.begin(target);
            try {
                os = Files.newOutputStream(file.path());
            } catch (IOException e) {
                file.discard();
                throw e;
            }
            out = new Table(os);
            writer = new Thread(this::run, "memspice-csv-writer");
            writer.setDaemon(true);
            writer.start();
        }

        private void run() {
            try {
                for (Object item = queue.take(); item != END; item = queue.take()) {
                    if (failure != null) {
                        continue; // drain, so that the recording thread never waits for a dead writer
                    }
                    try {
                        if (item instanceof Waveforms) {
                            out.start((Waveforms) item);
                        } else {
                            Chunk c = (Chunk) item;
                            out.block(c.values, c.rows);
                        }
                    } catch (UncheckedIOException e) {
                        failure = e.getCause();
                    } catch (RuntimeException e) {
                        failure = new IOException("the CSV writer failed: " + e, e);
                    }
                }
                if (failure == null) {
                    out.flush();
                }
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                failure = new IOException("the CSV writer was interrupted");
            }
        }

        private void hand(Object item) {
            try {
                queue.put(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing rows to the CSV writer", e);
            }
        }

        @Override
        public void start(Waveforms w) {
            hand(w); // the names and widths it reads never change
        }

        @Override
        public void block(double[] values, int rows) {
            hand(new Chunk(values, rows));
        }

        /**
         * The recording {@code w} is complete: hands over its last rows, waits for the writer and
         * closes the file; throws the writer's failure (the file is then discarded).
         */
        public void complete(Waveforms w) throws IOException {
            w.finishFollowing();
            hand(END);
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                discard();
                throw new IOException("interrupted while waiting for the CSV writer", e);
            }
            try {
                os.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
            if (failure != null) {
                discard();
                throw failure;
            }
        }

        /** Moves the completed file over the target. */
        public void publish() throws IOException {
            file.publish();
        }

        /** Stops the writer and deletes the temporary file (nothing once published). */
        public void discard() {
            writer.interrupt();
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                os.close();
            } catch (IOException e) {
                // the file is deleted next
            }
            try {
                file.discard();
            } catch (IOException e) {
                // left for the shutdown hook of AtomicFiles
            }
        }
    }

    /** The CSV text of a recording's rows, as a follower of its blocks. */
    private static final class Table implements Waveforms.Follower {
        private final Rows out;
        private boolean scale;
        private int width;

        Table(OutputStream os) {
            out = new Rows(os);
        }

        @Override
        public void start(Waveforms w) {
            try {
                boolean first = true;
                if (w.scaleName() != null) {
                    out.text(quote(w.scaleName()));
                    first = false;
                }
                for (String n : w.names()) {
                    if (!first) {
                        out.ascii(',');
                    }
                    out.text(quote(n));
                    first = false;
                }
                out.ascii('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            scale = w.scaleName() != null;
            width = w.width();
        }

        @Override
        public void block(double[] values, int rows) {
            try {
                for (int r = 0; r < rows; r++) {
                    int base = r * width;
                    if (scale) {
                        out.number(values[base]);
                    }
                    for (int k = 1; k < width; k++) {
                        if (k > 1 || scale) {
                            out.ascii(',');
                        }
                        out.number(values[base + k]);
                    }
                    out.ascii('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void flush() throws IOException {
            out.flush();
        }
    }

    /**
     * The rows as bytes: numbers' text (ASCII) copied straight into one buffer, names encoded as
     * UTF-8. Writing each row as a String through a Writer copied every character three times
     * (builder, string, encoder); on a 104,000-point transient that was half the time of writing.
     */
    private static final class Rows {
        private final OutputStream os;
        private final byte[] buf = new byte[1 << 16];
        private int pos;

        Rows(OutputStream os) {
            this.os = os;
        }

        void ascii(char ch) throws IOException {
            if (pos == buf.length) {
                flush();
            }
            buf[pos++] = (byte) ch;
        }

        void number(double v) throws IOException {
            String s = format(v); // ASCII: digits, sign, '.', 'E', "Infinity", "NaN"
            int n = s.length();
            if (pos + n > buf.length) {
                flush();
            }
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
        }

        void text(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (pos + b.length > buf.length) {
                flush();
            }
            if (b.length > buf.length) {
                os.write(b);
            } else {
                System.arraycopy(b, 0, buf, pos, b.length);
                pos += b.length;
            }
        }

        void flush() throws IOException {
            os.write(buf, 0, pos);
            pos = 0;
        }
    }

    /** A CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /**
     * The shortest text that reads back as the same double, in Double.toString's format (Jackson's
     * Schubfach, Giulietti's algorithm, which JDK 19 adopted for Double.toString): 54-62 ns a value
     * against JDK 17's 297-400 ns (2 million values, bench/NumberText.java). For about 1 value in 1,000 of random bits
     * the text differs from JDK 17's and reads back as the same double: shorter where the JDK
     * prints a digit too many (1.0E23 for 9.999999999999999E22), or with the last digit closer to
     * the exact value.
     */
    static String format(double v) {
        return NumberOutput.toString(v, true);
    }
}
