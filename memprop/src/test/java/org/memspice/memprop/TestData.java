package org.memspice.memprop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the MNIST files are for tests: MEMSPICE_DATA (CI sets it), else the shared folder beside the project. */
final class TestData {
    private TestData() {
    }

    static Path folder() {
        String env = System.getenv("MEMSPICE_DATA");
        Path p = env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "..", "shared", "datasets");
        boolean present = Files.isRegularFile(p.resolve("mnist").resolve("train-images-idx3-ubyte.gz"));
        if (!present) {
            System.out.println("MNIST not found at " + p.toAbsolutePath() + " (set MEMSPICE_DATA): skipping");
        }
        assumeTrue(present, "MNIST files not found at " + p.toAbsolutePath() + "; set MEMSPICE_DATA");
        return p;
    }
}
