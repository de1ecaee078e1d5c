package org.memspice.spice.output;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Output files are written beside their target and moved into place, so a crash never leaves half a file. */
public final class AtomicFiles {
    /** Writes the content of a file at the path it is given. */
    public interface FileContent {
        void writeTo(Path file) throws IOException;
    }

    /** Writes text through a writer. */
    public interface TextContent {
        void writeTo(Writer out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code content} to a temporary sibling of {@code target}, then moves it over the target. */
    public static void write(Path target, FileContent content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
        try {
            content.writeTo(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
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
}
