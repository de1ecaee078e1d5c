package org.memspice.spice.output;

import java.nio.file.Path;

/** Output files are written beside their target and moved into place, so a crash never leaves half a file. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static Path temporarySibling(Path target) {
        Path abs = target.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".tmp");
    }
}
