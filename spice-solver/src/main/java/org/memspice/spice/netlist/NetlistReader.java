package org.memspice.spice.netlist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads netlist files into logical lines: the first line of the top file is the title;
 * {@code *} starts a comment line, {@code ;} and a {@code $} after white space start an inline
 * comment; a line starting with {@code +} continues the previous one; {@code .include} is
 * expanded in place (paths relative to the including file); reading stops at {@code .end}.
 */
public final class NetlistReader {
    private final Set<Path> including = new HashSet<>();

    /** The title and the logical lines of a netlist. */
    public record Result(String title, List<SourceLine> lines) {
    }

    public Result read(Path file) {
        List<String> raw = readAll(file, null);
        String title = title(raw);
        List<SourceLine> lines = new ArrayList<>();
        including.add(file.toAbsolutePath().normalize());
        collect(file, raw, 1, lines);
        return new Result(title, lines);
    }

    /** Reads netlist text that is not in a file (tests, generated netlists). */
    public Result read(String text, Path pretendFile) {
        List<String> raw = List.of(text.split("\r?\n", -1));
        String title = title(raw);
        List<SourceLine> lines = new ArrayList<>();
        collect(pretendFile, raw, 1, lines);
        return new Result(title, lines);
    }

    /** The first line, without the comment star many netlists give it. */
    private static String title(List<String> raw) {
        String t = raw.isEmpty() ? "" : raw.get(0).trim();
        while (t.startsWith("*")) {
            t = t.substring(1).trim();
        }
        return t;
    }

    private List<String> readAll(Path file, SourceLine from) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String msg = "cannot read netlist " + file + ": " + e.getMessage();
            if (from != null) {
                throw new NetlistException(from, msg);
            }
            throw new NetlistException(msg);
        }
    }

    /** Adds the logical lines of {@code raw} from index {@code first}; returns false once .end is seen. */
    private boolean collect(Path file, List<String> raw, int first, List<SourceLine> out) {
        StringBuilder current = null;
        int currentLine = 0;
        for (int i = first; i < raw.size(); i++) {
            String text = stripComment(raw.get(i));
            String trimmed = text.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("+")) {
                if (current == null) {
                    throw new NetlistException(new SourceLine(file, i + 1, raw.get(i)),
                            "continuation line '+' with no line before it to continue");
                }
                current.append(' ').append(trimmed.substring(1));
                continue;
            }
            if (current != null && !emit(file, currentLine, current.toString(), out)) {
                return false;
            }
            current = new StringBuilder(trimmed);
            currentLine = i + 1;
        }
        return current == null || emit(file, currentLine, current.toString(), out);
    }

    private boolean emit(Path file, int lineNo, String text, List<SourceLine> out) {
        SourceLine line = new SourceLine(file, lineNo, text);
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals(".end") || lower.startsWith(".end ")) {
            return false;
        }
        if (lower.startsWith(".include") || lower.startsWith(".inc ")) {
            String arg = text.substring(text.indexOf(' ') + 1).trim();
            if (arg.isEmpty() || !text.contains(" ")) {
                throw new NetlistException(line, "expected a file name after .include");
            }
            if ((arg.startsWith("\"") && arg.endsWith("\"")) || (arg.startsWith("'") && arg.endsWith("'"))) {
                arg = arg.substring(1, arg.length() - 1);
            }
            Path base = file == null ? Path.of(".") : file.toAbsolutePath().getParent();
            Path target = base.resolve(arg).normalize();
            if (!Files.isRegularFile(target)) {
                throw new NetlistException(line, "included file not found: " + target);
            }
            if (!including.add(target)) {
                throw new NetlistException(line, "recursive .include of " + target);
            }
            collect(target, readAll(target, line), 0, out);
            including.remove(target);
            return true;
        }
        out.add(line);
        return true;
    }

    static String stripComment(String line) {
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
}
