package org.memspice.spice.netlist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line splitting and comment stripping the reader does without regular expressions ({@link PhysicalLines}). */
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
            assertEquals(List.of(text.split("\r?\n|\r", -1)), lines(text), '"' + text.replace("\r", "\\r")
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
            assertEquals(reference(line), new PhysicalLines(line, false).code(0), '"' + line + '"');
        }
    }

    /** The lines of {@code text} as strings, split at \n, \r\n and a lone \r. */
    private static List<String> lines(String text) {
        PhysicalLines lines = new PhysicalLines(text, true);
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add(lines.get(i));
        }
        return out;
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
    @Test
    void elementLinesAreRangesOfTheFileAndCardsHaveTheirOwnText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.cir");
        Files.writeString(file, "t\nR1 a 0 1k ; c\n.model m R(R=1)\n.op\n");
        List<SourceLine> lines = new NetlistReader().read(file).lines();
        assertEquals("R1 a 0 1k", lines.get(0).text());
        assertEquals(file.toFile().length(), lines.get(0).source().length()); // read in place
        for (SourceLine card : lines.subList(1, 3)) {
            // a card may be kept with the circuit (a model, a measure): it must not hold the whole file
            assertEquals(card.text(), card.source(), card.toString());
            assertEquals(new SourceLine(file, card.line(), card.text()), card);
        }
    }

    @Test
    void logicalLinesAsTheFormerReaderMadeThem(@TempDir Path dir) throws Exception {
        // random texts of words, comments (* ; $), continuations, white space, CR and LF, quotes and
        // braces: the reader now strips and joins by offsets into the file's text; the lines, their
        // numbers and their errors must be what the string-per-line reader gave
        Random random = new Random(20);
        String[] pieces = {"R1", "a", " ", "\t", "\n", "\r\n", "\r", "+", ";", "$", "*", "1$x", "{p}", "'q'", "x"};
        Files.writeString(dir.resolve("part.inc"), "R9 a b 1\r\n+ 2 ; c\n  * c\nR8 b 0 $ c\n");
        for (int t = 0; t < 20_000; t++) {
            StringBuilder s = new StringBuilder("title\n");
            int len = random.nextInt(24);
            for (int i = 0; i < len; i++) {
                s.append(pieces[random.nextInt(pieces.length)]);
            }
            if (random.nextInt(8) == 0) {
                s.append("\n.include part.inc ; the include's lines in place\nR7 c 0 1");
            }
            String text = s.toString();
            String what = '"' + text.replace("\r", "\\r").replace("\n", "\\n") + '"';
            Path pretend = dir.resolve("text.cir");
            assertEquals(reference(text.split("\r?\n", -1), pretend, dir), outcome(() -> new NetlistReader()
                    .read(text, pretend)), what);
            if (t % 10 == 0) { // a file: split at a lone CR too
                Path file = dir.resolve("f.cir");
                Files.writeString(file, text, StandardCharsets.UTF_8);
                assertEquals(reference(text.split("\r?\n|\r", -1), file, dir), outcome(() -> new NetlistReader()
                        .read(file)), what);
            }
        }
    }

    /** The lines read as "number:text" each, or the error. */
    private static List<String> outcome(java.util.function.Supplier<NetlistReader.Result> read) {
        try {
            return read.get().lines().stream().map(l -> l.file().getFileName() + ":" + l.line() + ":" + l.text())
                    .toList();
        } catch (NetlistException e) {
            return List.of("error " + e.getMessage());
        }
    }

    /** The former reader's logical lines (a string per physical line), for texts whose only card is .include. */
    private static List<String> reference(String[] raw, Path file, Path dir) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        String current = null;
        int currentLine = 0;
        for (int i = 1; i <= raw.length; i++) {
            String trimmed = i == raw.length ? "" : reference(raw[i]).trim();
            if (trimmed.isEmpty() && i < raw.length) {
                continue;
            }
            if (trimmed.startsWith("+")) {
                if (current == null) {
                    return List.of("error " + file + ":" + (i + 1) + ": continuation line '+' with no line before it"
                            + " to continue");
                }
                current = current + " " + trimmed.substring(1);
                continue;
            }
            if (current != null) {
                if (current.startsWith(".include")) {
                    String[] inc = Files.readString(dir.resolve("part.inc")).split("\r?\n|\r", -1);
                    String[] withTitle = new String[inc.length + 1];
                    withTitle[0] = "";
                    System.arraycopy(inc, 0, withTitle, 1, inc.length);
                    for (String l : reference(withTitle, dir.resolve("part.inc"), dir)) {
                        // the include's line numbers count from its first line, which is no title
                        int colon = l.indexOf(':', l.indexOf(':') + 1);
                        int number = Integer.parseInt(l.substring(l.indexOf(':') + 1, colon)) - 1;
                        out.add("part.inc:" + number + l.substring(colon));
                    }
                } else {
                    out.add(file.getFileName() + ":" + currentLine + ":" + current);
                }
            }
            current = trimmed;
            currentLine = i + 1;
        }
        return out;
    }
}
