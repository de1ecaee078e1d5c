package org.memspice.stdp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.memspice.stdp.SynapseSettings;

/**
 * A checkpoint is fingerprinted by the text of its settings, so another process must print the
 * same settings the same way. {@code Map.of} and {@code Map.copyOf} iterate in an order salted per
 * JVM: with them in the settings, a run could not go on from its own checkpoint after a restart.
 */
class SettingsTextTest {
    /** Prints the default digit-task settings; run in a child JVM. */
    public static void main(String[] args) {
        System.out.print(setup().toString());
    }

    private static DigitTask.Setup setup() {
        return DigitTask.defaults(SynapseSettings.defaults(), 784, 400, 10000);
    }

    @Test
    void anotherJvmPrintsTheSameSettings() throws IOException, InterruptedException {
        String here = setup().toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int run = 0; run < 2; run++) {
            Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), SettingsTextTest.class.getName()))
                    .redirectErrorStream(true).start();
            String there = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            assertEquals(0, p.exitValue(), there);
            assertEquals(here, there);
        }
    }
}
