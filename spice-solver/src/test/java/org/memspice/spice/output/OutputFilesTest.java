package org.memspice.spice.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording, writing and reading waveforms: bounded memory, atomic files, standard CSV, ASCII raw. */
class OutputFilesTest {
    @Test
    void writtenFilesAreReadableLikeOthersAndKeepTheModeOfTheFileTheyReplace(@TempDir Path dir) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path fresh = dir.resolve("table.csv");
        AtomicFiles.writeText(fresh, "a,b\n");
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)),
                "a new output is readable by others, not left private as its temporary file");
        Files.setPosixFilePermissions(fresh, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.writeText(fresh, "a,b\n1,2\n");
        assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)),
                "a replaced file keeps its mode");
    }

    @Test
    void aVeryWideRecordingKeepsSmallBlocksAndSpillsThem() throws IOException {
        // an operating point of a large circuit: 500,000 vectors; a block of 4,096 such rows would be
        // 16 GB, so blocks shrink to fit about a megabyte (here one row) and spill past the budget
        int width = 500_000;
        List<String> names = new java.util.ArrayList<>();
        for (int k = 0; k < width; k++) {
            names.add("v(n" + k + ")");
        }
        try (Waveforms w = new Waveforms("t", "tran", "time", names, 8L << 20)) {
            double[] row = new double[width];
            for (int r = 0; r < 5; r++) {
                java.util.Arrays.fill(row, r);
                row[width - 1] = -r;
                w.add(r, row);
            }
            assertTrue(w.spilledBytes() > 0, "nothing spilled");
            assertEquals(5, w.rows());
            for (int r = 0; r < 5; r++) {
                assertEquals(r, w.value(0, r), 0);
                assertEquals(-r, w.value(width - 1, r), 0);
            }
            Waveforms.Cursor c = w.cursor();
            int n = 0;
            while (c.next()) {
                assertEquals(n, c.scale(), 0);
                assertEquals(n, c.value(width / 2), 0);
                n++;
            }
            assertEquals(5, n);
        }
    }

    @Test
    void aLongRecordingSpillsToDiskAndReadsBackInOrder() throws IOException {
        // a 1 MB budget for 300,000 rows of 3 vectors (9.6 MB): most rows go to the spill file
        Path spill;
        try (Waveforms w = new Waveforms("t", "tran", "time", List.of("v(a)", "v(b)", "i(v1)"), 1 << 20)) {
            double[] row = new double[3];
            for (int r = 0; r < 300_000; r++) {
                row[0] = r;
                row[1] = -r;
                row[2] = r * 0.5;
                w.add(r * 1e-9, row);
            }
            assertTrue(w.spilledBytes() > 8_000_000, "spilled " + w.spilledBytes());
            spill = w.spillFile();
            assertNotNull(spill);
            Waveforms.Cursor c = w.cursor();
            int n = 0;
            while (c.next()) {
                assertEquals(n * 1e-9, c.scale(), 0);
                assertEquals(-n, c.value(1), 0);
                n++;
            }
            assertEquals(300_000, n);
            assertEquals(123_456 * 0.5, w.value(2, 123_456), 0);
            assertEquals(299_999, w.vector("v(a)")[299_999], 0);
        }
        assertFalse(Files.exists(spill), "close() deletes the spill file");
    }

    @Test
    void csvQuotesNamesWithCommasAndReadsThemBack(@TempDir Path dir) throws IOException {
        Waveforms w = new Waveforms("t", "dc", "v-sweep", List.of("v(3,2)", "i(v1)"));
        w.add(0, new double[] {1, 2});
        w.add(1, new double[] {3, 4});
        Path csv = dir.resolve("a.csv");
        CsvWriter.write(w, csv);
        assertEquals("v-sweep,\"v(3,2)\",i(v1)", Files.readAllLines(csv).get(0));
        Waveforms back = WaveformReader.read(csv);
        assertEquals(List.of("v(3,2)", "i(v1)"), back.names());
        assertEquals(3, back.vector("v(3,2)")[1], 0);
    }

    @Test
    void csvBytesAreEachValuesJavaTextAcrossBufferBoundariesAndNamesInUtf8(@TempDir Path dir) throws IOException {
        // the byte writer against the plain definition: a header of quoted and non-ASCII names, then
        // the text of every value (CsvWriter.format, tested below); 20,000 rows cross the 64 kB
        // buffer many times
        double[] odd = {0, -0.0, 1e-300, -4.9e-324, Double.MAX_VALUE, 1.0 / 3, Double.NaN, Double.POSITIVE_INFINITY, 2e23};
        Waveforms w = new Waveforms("t", "tran", "time", List.of("v(3,2)", "i(vµ)", "say \"x\""));
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        StringBuilder want = new StringBuilder("time,\"v(3,2)\",i(vµ),\"say \"\"x\"\"\"\n");
        for (int k = 0; k < 20_000; k++) {
            double t = k * 1e-6;
            double[] v = {odd[k % odd.length], Double.longBitsToDouble(r.nextLong()), r.nextDouble() - 0.5};
            w.add(t, v);
            want.append(CsvWriter.format(t));
            for (double x : v) {
                want.append(',').append(CsvWriter.format(x));
            }
            want.append('\n');
        }
        Path csv = dir.resolve("b.csv");
        CsvWriter.write(w, csv);
        assertEquals(want.toString(), Files.readString(csv, StandardCharsets.UTF_8));
        // a wide operating point: 20,000 names (a header of several buffers) and one longer than a buffer
        java.util.List<String> names = new java.util.ArrayList<>();
        StringBuilder header = new StringBuilder("v(");
        header.append("µ".repeat(40_000)).append(')');
        names.add(header.toString());
        for (int i = 0; i < 20_000; i++) {
            names.add("v(n" + i + ")");
            header.append(',').append("v(n").append(i).append(')');
        }
        Waveforms op = new Waveforms("t", "op", null, names);
        double[] row = new double[names.size()];
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            row[i] = i * 0.1;
            values.append(i == 0 ? "" : ",").append(CsvWriter.format(row[i]));
        }
        op.add(0, row);
        Path wide = dir.resolve("op.csv");
        CsvWriter.write(op, wide);
        assertEquals(header + "\n" + values + "\n", Files.readString(wide, StandardCharsets.UTF_8));
    }

    /**
     * A value's text reads back as the same double and is never longer than JDK 17's
     * Double.toString; it is the same text for all but a few values of random bits (the same
     * format), where the JDK prints a digit too many or, at the same length, a last digit farther
     * from the exact value.
     */
    @Test
    void valueTextIsTheShortestThatReadsBackInDoubleToStringsFormat() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        int shorter = 0;
        int otherDigit = 0;
        for (int k = 0; k < 300_000; k++) {
            double v = k % 3 == 0 ? Double.longBitsToDouble(r.nextLong()) : k % 3 == 1 ? r.nextDouble() * 1e-6 : k * 1e-7;
            String s = CsvWriter.format(v);
            String jdk = Double.toString(v);
            if (Double.isNaN(v)) {
                assertEquals("NaN", s);
                continue;
            }
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Double.parseDouble(s)), s);
            assertTrue(s.length() <= jdk.length(), s + " longer than " + jdk);
            if (s.length() < jdk.length()) {
                shorter++;
            } else if (!s.equals(jdk)) {
                otherDigit++;
            }
        }
        assertTrue(shorter > 0, "JDK 17 prints a digit too many for some values");
        assertTrue(shorter + otherDigit < 1_000, "the same text for all but a few of 300,000 values: " + shorter + " shorter, "
                + otherDigit + " with another last digit");
        assertEquals("1.0E23", CsvWriter.format(1.0E23)); // JDK 17: 9.999999999999999E22
        assertEquals("-0.0", CsvWriter.format(-0.0));
        assertEquals("-Infinity", CsvWriter.format(Double.NEGATIVE_INFINITY));
        assertEquals("4.9E-324", CsvWriter.format(Double.MIN_VALUE));
    }

    @Test
    void rawFileEscapesNonAsciiTitles(@TempDir Path dir) throws IOException {
        Waveforms w = new Waveforms("1 µm cell — ±5 %", "tran", "time", List.of("v(a)"));
        w.add(0, new double[] {1});
        Path raw = dir.resolve("a.raw");
        RawWriter.write(w, raw);
        String title = Files.readAllLines(raw, StandardCharsets.US_ASCII).get(0);
        assertEquals("Title: 1 \\u00b5m cell \\u2014 \\u00b15 %", title);
    }

    @Test
    void aCsvHoldingInfinityIsRefusedAtItsLine(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("inf.csv");
        Files.writeString(csv, "time,v(a)\n0,1\n1e-6,Infinity\n");
        IOException e = assertThrows(IOException.class, () -> WaveformReader.read(csv));
        assertTrue(e.getMessage().endsWith("inf.csv:3: column 2: Infinity is not a finite value"), e.getMessage());
    }

    @Test
    void atomicWritesLeaveTheOldFileUntilTheNewOneIsComplete(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.csv");
        Files.writeString(target, "old");
        assertThrows(IOException.class, () -> AtomicFiles.writeText(target, StandardCharsets.UTF_8, out -> {
            out.write("half");
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no temporary file is left behind");
        }
        AtomicFiles.writeText(target, "new");
        assertEquals("new", Files.readString(target));
    }

    @Test
    void temporaryFilesArePrivateUniqueAndStepOverALeftoverOfTheSameName(@TempDir Path dir) throws IOException {
        Path first = AtomicFiles.createTemporary(dir, ".out.csv.");
        Path second = AtomicFiles.createTemporary(dir, ".out.csv.");
        assertFalse(first.equals(second));
        String name = first.getFileName().toString();
        assertTrue(name.startsWith(".out.csv." + ProcessHandle.current().pid() + ".") && name.endsWith(".tmp"), name);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(first)));
        }
        // a killed process with this id left the next name behind: it is neither opened nor overwritten
        String[] parts = second.getFileName().toString().split("\\.");
        long next = Long.parseLong(parts[parts.length - 2]) + 1;
        Path leftover = dir.resolve(".out.csv." + ProcessHandle.current().pid() + "." + next + ".tmp");
        Files.writeString(leftover, "someone else's");
        Path third = AtomicFiles.createTemporary(dir, ".out.csv.");
        assertFalse(third.equals(leftover));
        assertEquals("someone else's", Files.readString(leftover));
        assertEquals(0, Files.size(third));
    }

    @Test
    void unwritableTargetsAreExplainedBeforeARun(@TempDir Path dir) throws IOException {
        assertNull(AtomicFiles.whyNotWritable(dir.resolve("ok.csv")));
        assertEquals("it is a folder", AtomicFiles.whyNotWritable(dir));
        assertTrue(AtomicFiles.whyNotWritable(dir.resolve("missing").resolve("x.csv")).contains("does not exist"));
    }

    /** Fills {@code w} with {@code rows} rows of three vectors, distinct in every place. */
    private static void record(Waveforms w, int from, int to) {
        double[] row = new double[3];
        for (int r = from; r < to; r++) {
            row[0] = r * 0.25;
            row[1] = -r - 1e-7 * r;
            row[2] = Math.sin(r);
            w.add(r * 1e-9, row);
        }
    }

    /**
     * A stream follows a recording while it runs, over a spill to disk and a last block only partly
     * filled, and writes the bytes the writer writes; the target appears only when published, and
     * no temporary file is left.
     */
    @Test
    void aStreamWritesWhileTheRecordingRunsTheBytesOfTheWriter(@TempDir Path dir) throws IOException {
        Path streamed = dir.resolve("streamed.csv");
        Path written = dir.resolve("written.csv");
        try (Waveforms w = new Waveforms("t", "tran", "time", List.of("v(a)", "v(b,c)", "i(v1)"), 1 << 20)) {
            CsvWriter.Stream s = new CsvWriter.Stream(streamed);
            record(w, 0, 1000);
            w.follow(s); // rows recorded before it follows are handed over at once
            record(w, 1000, 100_001); // 25 blocks of 4096 rows and a last one of 1,601
            assertTrue(w.spilledBytes() > 0, "the recording spilled");
            s.complete(w);
            assertFalse(Files.exists(streamed), "not published yet");
            s.publish();
            CsvWriter.write(w, written);
        }
        assertEquals(Files.readString(written), Files.readString(streamed));
        assertEquals(100_002, Files.readAllLines(streamed).size());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left behind");
        }
    }

    /** A stream discarded (the simulation failed) leaves the earlier file as it was, and nothing else. */
    @Test
    void aDiscardedStreamLeavesTheEarlierFileAndNoTemporaryOne(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.csv");
        Files.writeString(target, "earlier");
        try (Waveforms w = new Waveforms("t", "tran", "time", List.of("v(a)", "v(b)", "v(c)"))) {
            CsvWriter.Stream s = new CsvWriter.Stream(target);
            w.follow(s);
            record(w, 0, 10_000);
            s.discard();
        }
        assertEquals("earlier", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    /** Following hands every row over once, in order, in blocks that are never written again. */
    @Test
    void aFollowerReceivesEveryRowOnceInOrder() {
        Waveforms w = new Waveforms("t", "tran", "time", List.of("v(a)", "v(b)", "v(c)"));
        List<double[]> blocks = new java.util.ArrayList<>();
        List<double[]> copies = new java.util.ArrayList<>();
        int[] started = {0};
        Waveforms.Follower f = new Waveforms.Follower() {
            @Override
            public void start(Waveforms recording) {
                started[0]++;
                assertEquals(4, recording.width());
            }

            @Override
            public void block(double[] values, int rows) {
                blocks.add(values);
                copies.add(java.util.Arrays.copyOf(values, rows * 4));
            }
        };
        record(w, 0, 5000);
        w.follow(f);
        assertEquals(1, blocks.size(), "the one full block recorded before");
        record(w, 5000, 12_289);
        w.finishFollowing();
        record(w, 12_289, 12_300); // after the end: no longer followed
        assertEquals(1, started[0]);
        int row = 0;
        for (int b = 0; b < blocks.size(); b++) {
            double[] copy = copies.get(b);
            assertEquals(java.util.Arrays.toString(copy), java.util.Arrays.toString(
                    java.util.Arrays.copyOf(blocks.get(b), copy.length)), "block " + b + " was written again");
            for (int k = 0; k < copy.length; k += 4) {
                assertEquals(row * 1e-9, copy[k], 0);
                assertEquals(row * 0.25, copy[k + 1], 0);
                row++;
            }
        }
        assertEquals(12_289, row);
    }
}
