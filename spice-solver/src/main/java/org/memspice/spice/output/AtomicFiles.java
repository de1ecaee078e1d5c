package org.memspice.spice.output;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Output files are written to a temporary file of a unique name in the target's folder and moved
 * over the target only once complete: an existing file is untouched unless the write succeeds, two
 * runs writing the same target never mix their bytes, and a run that is interrupted (Ctrl-C,
 * kill) leaves no temporary file behind.
 */
public final class AtomicFiles {
    /** Writes the content of a file at the path it is given. */
    public interface FileContent {
        void writeTo(Path file) throws IOException;
    }

    /** Writes text through a writer. */
    public interface TextContent {
        void writeTo(Writer out) throws IOException;
    }

    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : PENDING) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // the process is ending: nothing more can be done about it
                }
            }
        }, "memspice-temporary-files"));
    }

    private AtomicFiles() {
    }

    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    /**
     * The temporary file is created private (rw-------); the result gets the permissions of the
     * file it replaces, or those of a newly created file (rw-r--r--, as with the usual umask), so
     * that a plot or table is as readable as any other file the user makes. Where the file system
     * has no POSIX permissions nothing is changed.
     */
    private static void permissions(Path tmp, Path target) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> wanted = Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FILE;
        Files.setPosixFilePermissions(tmp, wanted);
    }

    /** Writes {@code content} to a unique temporary sibling of {@code target}, then moves it over the target. */
    public static void write(Path target, FileContent content) throws IOException {
        Pending file = begin(target);
        try {
            content.writeTo(file.path());
            file.publish();
        } finally {
            file.discard();
        }
    }

    /**
     * A file being written over some time (while a simulation runs): its unique temporary sibling
     * of the target, moved over the target by {@link #publish}, or deleted by {@link #discard}
     * (which does nothing once published).
     */
    public static final class Pending {
        private final Path target;
        private final Path tmp;
        private boolean done;

        private Pending(Path target, Path tmp) {
            this.target = target;
            this.tmp = tmp;
        }

        /** The temporary file to write. */
        public Path path() {
            return tmp;
        }

        /** Moves the complete temporary file over the target. */
        public void publish() throws IOException {
            permissions(tmp, target);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            PENDING.remove(tmp);
        }

        /** Deletes the temporary file unless it was published; the target is untouched. */
        public void discard() throws IOException {
            if (!done) {
                done = true;
                try {
                    Files.deleteIfExists(tmp);
                } finally {
                    PENDING.remove(tmp);
                }
            }
        }
    }

    /** Creates the temporary file for {@code target} (see {@link Pending}). */
    public static Pending begin(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = createTemporary(abs.getParent(), "." + abs.getFileName() + ".");
        PENDING.add(tmp);
        return new Pending(abs, tmp);
    }

    private static final AtomicLong NEXT = new AtomicLong();
    private static final FileAttribute<?>[] PRIVATE = {PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"))};

    /**
     * A new empty file {@code prefix}PID.N.tmp in {@code dir}, private where permissions exist: the
     * process id and a counter make the name unique among running processes, and creation fails
     * rather than open a file that exists (a leftover of a killed process whose id came round
     * again), so the next number is tried. Not {@code Files.createTempFile}: its random name
     * initializes a SecureRandom, about 10 ms of every run that writes a file.
     */
    static Path createTemporary(Path dir, String prefix) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0;; attempt++) {
            Path tmp = dir.resolve(prefix + pid + "." + NEXT.getAndIncrement() + ".tmp");
            try {
                return posix ? Files.createFile(tmp, PRIVATE) : Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 1000) {
                    throw e;
                }
            }
        }
    }

    /** Writes text in {@code charset} atomically. */
    public static void writeText(Path target, Charset charset, TextContent content) throws IOException {
        write(target, tmp -> {
            try (Writer out = Files.newBufferedWriter(tmp, charset)) {
                content.writeTo(out);
            }
        });
    }

    /** Writes a UTF-8 string atomically. */
    public static void writeText(Path target, String text) throws IOException {
        writeText(target, StandardCharsets.UTF_8, out -> out.write(text));
    }

    /**
     * Why {@code target} cannot be written, or null when it can: its folder must exist and be
     * writable, and the target must not be a folder. Checked before a long run, not after it.
     */
    public static String whyNotWritable(Path target) {
        Path abs;
        try {
            abs = target.toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return "not a usable path";
        }
        if (Files.isDirectory(abs)) {
            return "it is a folder";
        }
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return "the folder " + dir + " does not exist";
        }
        if (!Files.isWritable(dir)) {
            return "the folder " + dir + " is not writable";
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            return "the file is not writable";
        }
        return null;
    }
}
