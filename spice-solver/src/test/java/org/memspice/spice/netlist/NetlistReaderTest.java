package org.memspice.spice.netlist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line splitting and comment stripping the reader does without regular expressions. */
class NetlistReaderTest {
    @Test
    void linesSplitAsTheRegularExpressionDid() {
        Random random = new Random(15);
        String alphabet = "ab \r\n\r\n;$*+";
        for (int t = 0; t < 20_000; t++) {
            StringBuilder s = new StringBuilder();
            int len = random.nextInt(16);
            for (int i = 0; i < len; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            assertEquals(List.of(text.split("\r?\n|\r", -1)), NetlistReader.lines(text), '"' + text.replace("\r", "\\r")
                    .replace("\n", "\\n") + '"');
        }
    }

    @Test
    void commentsAreStrippedAsBefore() {
        Random random = new Random(16);
        String alphabet = "ab \t;$*";
        for (int t = 0; t < 20_000; t++) {
            StringBuilder s = new StringBuilder();
            int len = random.nextInt(12);
            for (int i = 0; i < len; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String line = s.toString();
            assertEquals(reference(line), NetlistReader.stripComment(line), '"' + line + '"');
        }
    }

    /** The former implementation. */
    private static String reference(String line) {
        String t = line.stripLeading();
        if (t.startsWith("*")) {
            return "";
        }
        int cut = line.length();
        int semi = line.indexOf(';');
        if (semi >= 0) {
            cut = semi;
        }
        for (int i = 1; i < cut; i++) {
            if (line.charAt(i) == '$' && Character.isWhitespace(line.charAt(i - 1))) {
                cut = i;
                break;
            }
        }
        return line.substring(0, cut);
    }

    @Test
    void crlfFilesAndContinuationsReadAsUnixOnes(@TempDir Path dir) throws Exception {
        String unix = "title\nR1 a 0\n+ 1k ; a comment\n* a comment line\n\nV1 a 0 DC 1 $ inline\n.op\n.end\n";
        Path a = dir.resolve("a.cir");
        Path b = dir.resolve("b.cir");
        Files.writeString(a, unix, StandardCharsets.UTF_8);
        Files.writeString(b, unix.replace("\n", "\r\n"), StandardCharsets.UTF_8);
        NetlistReader.Result ra = new NetlistReader().read(a);
        NetlistReader.Result rb = new NetlistReader().read(b);
        assertEquals(List.of("R1 a 0  1k", "V1 a 0 DC 1", ".op"), ra.lines().stream().map(SourceLine::text).toList());
        assertEquals(ra.lines().stream().map(l -> l.line() + ":" + l.text()).toList(),
                rb.lines().stream().map(l -> l.line() + ":" + l.text()).toList());
        assertEquals("title", rb.title());
    }
}
