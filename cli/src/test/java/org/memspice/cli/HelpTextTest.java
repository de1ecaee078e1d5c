package org.memspice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help renders cleanly: picocli formats descriptions with {@code String.format},
 * so a bare "%" (as in "90 % of") makes it print a warning and show the raw text instead.
 */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        List<CommandLine> all = new ArrayList<>();
        collect(MemspiceCommand.commandLine(null), all);
        assertTrue(all.size() > 10, "commands found: " + all.size());
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine command : all) {
                StringWriter help = new StringWriter();
                command.usage(new PrintWriter(help));
                String name = command.getCommandSpec().qualifiedName();
                assertFalse(help.toString().contains("%n"), name + " shows a raw format string");
                assertEquals("", captured.toString(StandardCharsets.UTF_8), name + "'s help printed warnings");
            }
        } finally {
            System.setErr(stderr);
        }
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
