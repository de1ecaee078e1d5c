package org.memspice.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memspice.cli.CliRun;
import org.memspice.cli.ExitCodes;

/**
 * {@code memspice train sweep} as a script sees it, on a synthetic data set in MNIST's format:
 * the table, the figure and a resumed run; the example; bad configurations are one line naming
 * file:line:column and exit 2. (The same table on cluster members: the cluster module's
 * TrainingSweepClusterTest; the command's cluster options are dse run's, ClusterCommandTest.)
 */
class TrainSweepCommandTest {
    @TempDir
    static Path data;

    @BeforeAll
    static void writeData() throws IOException {
        CliRun.syntheticMnist(data, 100, 40);
    }

    private static Path config(Path dir) throws IOException {
        return Files.writeString(dir.resolve("sweep.yaml"), """
                task: train
                dataset: mnist
                train_images: 60
                test_images: 20
                seeds: [1, 2]
                base:
                  hidden: 8
                  steps: 10
                  dt: 4e-4
                  epochs: 1
                  batch: 10
                grid:
                  lr: [0.01, 0.05]
                """);
    }

    @Test
    void aSweepWritesTheTableAndFigureAndResumes(@TempDir Path dir) throws IOException {
        Path config = config(dir);
        CliRun r = CliRun.of("train", "sweep", "--config", config.toString(), "--data", data.toString(), "-o", dir.resolve("out").toString(),
                "--threads", "2", "--quiet");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("4 points on mnist (60 training and 20 test images each), 2 at a time"), r.out());
        assertTrue(r.out().contains("4 points computed now, 0 found finished; 4 rows in"), r.out());
        assertTrue(r.out().matches("(?s).*best: point \\d, test accuracy \\d+\\.\\d\\d % \\(lr=0\\.0[15], seed=[12]\\).*"), r.out());
        String table = Files.readString(dir.resolve("out/results.csv"));
        assertTrue(table.startsWith("index,key,varied,lr,seed,accuracy,test_loss,"), table);
        assertEquals(5, table.lines().count());
        assertTrue(Files.size(dir.resolve("out/accuracy-vs-lr.png")) > 1000);
        assertEquals(4, Files.list(dir.resolve("out/points")).count());

        CliRun again = CliRun.of("train", "sweep", "--config", config.toString(), "--data", data.toString(), "-o",
                dir.resolve("out").toString(), "--quiet");
        assertEquals(ExitCodes.OK, again.code(), again.err());
        assertTrue(again.out().contains("0 points computed now, 4 found finished"), again.out());
        assertEquals(table, Files.readString(dir.resolve("out/results.csv")));
    }

    /**
     * The example as shipped, with its training and test subsets cut to 100 and 40 images (all the synthetic set has) (its
     * full size is a minute and a half of training): every other key runs as written.
     */
    @Test
    void theExampleRuns(@TempDir Path dir) throws IOException {
        String example = Files.readString(Path.of("../examples/train/lr-hidden-sweep.yaml"));
        String small = example.replaceFirst("(?m)^train_images: 1000 ", "train_images: 100 ").replaceFirst("(?m)^test_images: 500 ",
                "test_images: 40 ");
        assertEquals(example.length() - 2, small.length(), "both subsets cut");
        Path config = Files.writeString(dir.resolve("example.yaml"), small);
        CliRun r = CliRun.of("train", "sweep", "--config", config.toString(), "--data", data.toString(), "-o", dir.resolve("out").toString(),
                "--quiet");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("12 points on mnist (100 training and 40 test images each)"), r.out());
        assertEquals(13, Files.readString(dir.resolve("out/results.csv")).lines().count());
        assertTrue(Files.size(dir.resolve("out/accuracy-vs-lr.png")) > 1000);
        assertTrue(Files.size(dir.resolve("out/accuracy-vs-hidden.png")) > 1000);
    }

    private static void assertOneLine(CliRun r, String regex) {
        assertEquals(ExitCodes.INPUT, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().strip().matches(regex), "'" + regex + "' in: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void badConfigurationsAreOneLineNamingFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path config = config(dir);
        String text = Files.readString(config);
        String out = dir.resolve("out").toString();
        Files.writeString(config, text.replace("hidden: 8", "hiden: 8"));
        assertOneLine(CliRun.of("train", "sweep", "--config", config.toString(), "--data", data.toString(), "-o", out),
                "error: .*sweep.yaml:7:\\d+: unknown training parameter 'hiden'.*");
        Files.writeString(config, text.replace("lr: [0.01, 0.05]", "lr: [0.01, 50]"));
        assertOneLine(CliRun.of("train", "sweep", "--config", config.toString(), "--data", data.toString(), "-o", out),
                "error: .*sweep.yaml:13:\\d+: lr: 50 is out of range \\(0, 10\\]");
        Files.writeString(config, text.replace("test_images: 20", "test_images: 200"));
        assertOneLine(CliRun.of("train", "sweep", "--config", config.toString(), "--data", data.toString(), "-o", out),
                "error: .*sweep.yaml: train_images 60 and test_images 200: .* holds 100 training and 40 test images");
        Files.writeString(config, text);
        assertOneLine(CliRun.of("dse", "run", "--config", config.toString(), "--data", data.toString(), "-o", out),
                "error: .*sweep.yaml: a training sweep \\(task: train\\): run it with memspice train sweep");
        Files.writeString(config, "network: net\ndataset: mnist\ngrid: {adc_bits: [4, 6]}\n");
        assertOneLine(CliRun.of("train", "sweep", "--config", config.toString(), "--data", data.toString(), "-o", out),
                "error: .*sweep.yaml: a design-space sweep \\(no 'task: train'\\): run it with memspice dse run");
        Files.writeString(config, text.replace("hidden: 8", "tile: 64x64"));
        assertOneLine(CliRun.of("train", "sweep", "--config", config.toString(), "--data", data.toString(), "-o", out),
                "error: .*sweep.yaml:7:\\d+: unknown training parameter 'tile'.*");
    }
}
