package org.memspice.spice.netlist;

import java.io.IOException;
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
 * comment; a line starting with {@code +} continues the previous one; {@code .include FILE} is
 * expanded in place and {@code .lib FILE SECTION} expands the lines between {@code .lib SECTION}
 * and {@code .endl} of FILE (paths relative to the including file); a library section defined in
 * the file being read ({@code .lib SECTION} ... {@code .endl}) is skipped unless referenced;
 * reading stops at {@code .end}. Files must be UTF-8 (a byte that is not is reported by line).
 */
public final class NetlistReader {
    private final Set<String> including = new HashSet<>();

    /** The title and the logical lines of a netlist, and the file it was read from (null for text). */
    public record Result(String title, List<SourceLine> lines, Path file) {
    }

    public Result read(Path file) {
        PhysicalLines raw = readAll(file, null);
        String title = title(raw);
        List<SourceLine> lines = new ArrayList<>(raw.size()); // at once: growing copies the array again and again
        including.add(key(file, null));
        collect(file, raw, 1, raw.size(), lines);
        return new Result(title, lines, file);
    }

    /** Reads netlist text that is not in a file (tests, generated netlists). */
    public Result read(String text, Path pretendFile) {
        PhysicalLines raw = new PhysicalLines(text, false); // as text.split("\r?\n", -1)
        String title = title(raw);
        List<SourceLine> lines = new ArrayList<>(raw.size());
        collect(pretendFile, raw, 1, raw.size(), lines);
        return new Result(title, lines, pretendFile);
    }

    /** The first line, without the comment star many netlists give it. */
    private static String title(PhysicalLines raw) {
        String t = raw.size() == 0 ? "" : raw.get(0).trim();
        while (t.startsWith("*")) {
            t = t.substring(1).trim();
        }
        return t;
    }

    private static String key(Path file, String section) {
        return file.toAbsolutePath().normalize() + (section == null ? "" : "#" + section);
    }

    private PhysicalLines readAll(Path file, SourceLine from) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new IOException("it is a directory");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            String msg = "cannot read netlist " + file + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
            if (from != null) {
                throw new NetlistException(from, msg);
            }
            throw new NetlistException(msg);
        }
        return new PhysicalLines(NetlistText.decode(file, bytes), true);
    }

    /** Mutable state of one file being collected: the library section being skipped, if any. */
    private static final class Pass {
        SourceLine skipping;
    }

    /** Adds the logical lines of {@code raw[first, end)}; returns false once .end is seen. */
    private boolean collect(Path file, PhysicalLines raw, int first, int end, List<SourceLine> out) {
        Gather gather = new Gather(file, raw, out);
        int stop = Math.min(end, raw.size());
        // one call per physical line: a short method the JIT compiles after a few hundred lines,
        // where a long loop body would run interpreted until on-stack replacement
        for (int i = first; i < stop; i++) {
            if (!gather.physical(i)) {
                return false;
            }
        }
        return gather.finish();
    }

    /** Joins the physical lines of one file into logical lines and emits them. */
    private final class Gather {
        private final Path file;
        private final PhysicalLines raw;
        private final List<SourceLine> out;
        private final Pass pass = new Pass();
        /**
         * The logical line being gathered: the number of its first physical line (0 before the
         * first line), that line as raw.text()[currentStart, currentEnd) with comment and white
         * space cut off, and its continuations if any.
         */
        private int currentLine;
        private int currentStart;
        private int currentEnd;
        private StringBuilder continued;

        Gather(Path file, PhysicalLines raw, List<SourceLine> out) {
            this.file = file;
            this.raw = raw;
            this.out = out;
        }

        /** Takes physical line i (0-based); false once .end is seen. */
        boolean physical(int i) {
            // stripComment(line).trim() by offsets: no string for the line
            String text = raw.text();
            int start = raw.start(i);
            int end = raw.codeEnd(i);
            while (start < end && text.charAt(start) <= ' ') {
                start++;
            }
            while (end > start && text.charAt(end - 1) <= ' ') {
                end--;
            }
            if (start == end) {
                return true;
            }
            if (text.charAt(start) == '+') {
                if (currentLine == 0) {
                    throw new NetlistException(new SourceLine(file, i + 1, raw.get(i)),
                            "continuation line '+' with no line before it to continue");
                }
                if (continued == null) {
                    continued = new StringBuilder().append(text, currentStart, currentEnd);
                }
                continued.append(' ').append(text, start + 1, end);
                return true;
            }
            if (currentLine != 0 && !emit(file, logical(), out, pass)) {
                return false;
            }
            currentLine = i + 1;
            currentStart = start;
            currentEnd = end;
            continued = null;
            return true;
        }

        /** The logical line gathered: a range of the file's text unless it was continued. */
        private SourceLine logical() {
            return continued == null ? new SourceLine(file, currentLine, raw.text(), currentStart, currentEnd)
                    : new SourceLine(file, currentLine, continued.toString());
        }

        /** Emits the last logical line; false when .end was seen. */
        boolean finish() {
            boolean going = currentLine == 0 || emit(file, logical(), out, pass);
            if (going && pass.skipping != null) {
                throw new NetlistException(pass.skipping, "library section has no .endl");
            }
            return going;
        }
    }

    private boolean emit(Path file, SourceLine line, List<SourceLine> out, Pass pass) {
        if (pass.skipping == null && !line.isDotCard()) {
            out.add(line); // an element line: the common case, decided without the keyword
            return true;
        }
        String keyword = line.keyword();
        if (pass.skipping != null) {
            if (keyword.equals(".endl")) {
                pass.skipping = null;
            }
            return true;
        }
        if (keyword.equals(".end")) {
            return false;
        }
        if (keyword.equals(".include") || keyword.equals(".inc")) {
            List<String> args = arguments(line.text());
            if (args.size() != 1) {
                throw new NetlistException(line, "expected .include FILE");
            }
            Path target = resolve(line, file, args.get(0));
            if (!Files.isRegularFile(target)) {
                throw new NetlistException(line, "included file not found: " + target);
            }
            descend(line, key(target, null), () -> collect(target, readAll(target, line), 0, Integer.MAX_VALUE, out));
            return true;
        }
        if (keyword.equals(".lib")) {
            List<String> args = arguments(line.text());
            if (args.size() == 1) {
                pass.skipping = line; // a section defined here: it enters the netlist only where referenced
                return true;
            }
            if (args.size() != 2) {
                throw new NetlistException(line, "expected .lib FILE SECTION (or .lib SECTION ... .endl in a library)");
            }
            Path target = resolve(line, file, args.get(0));
            if (!Files.isRegularFile(target)) {
                throw new NetlistException(line, "library file not found: " + target);
            }
            String section = args.get(1).toLowerCase(Locale.ROOT);
            descend(line, key(target, section), () -> section(line, target, section, out));
            return true;
        }
        if (keyword.equals(".endl")) {
            throw new NetlistException(line, ".endl without a .lib SECTION before it");
        }
        out.add(line.detached()); // a card may be kept with the circuit (models, measures): not the file's text
        return true;
    }

    /** Runs {@code body} with {@code key} marked as being read, refusing a file or section that includes itself. */
    private void descend(SourceLine line, String key, Runnable body) {
        if (!including.add(key)) {
            throw new NetlistException(line, "recursive .include/.lib of " + key);
        }
        try {
            body.run();
        } finally {
            including.remove(key);
        }
    }

    /** Collects the lines of library section {@code name} of {@code file}. */
    private void section(SourceLine from, Path file, String name, List<SourceLine> out) {
        PhysicalLines raw = readAll(file, from);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            List<String> args = sectionStart(raw.code(i));
            if (args == null) {
                continue;
            }
            String here = args.get(0).toLowerCase(Locale.ROOT);
            found.add(here);
            if (!here.equals(name)) {
                continue;
            }
            for (int j = i + 1; j < raw.size(); j++) {
                String kw = raw.code(j).trim().toLowerCase(Locale.ROOT);
                if (kw.equals(".endl") || kw.startsWith(".endl ") || kw.startsWith(".endl\t")) {
                    collect(file, raw, i + 1, j, out);
                    return;
                }
            }
            throw new NetlistException(new SourceLine(file, i + 1, raw.get(i)), "library section " + here
                    + " has no .endl");
        }
        throw new NetlistException(from, "no section '" + name + "' in " + file
                + (found.isEmpty() ? " (it defines no .lib sections)" : " (sections: " + String.join(", ", found) + ")"));
    }

    /** The arguments of a {@code .lib SECTION} definition line, or null when the line is not one. */
    private static List<String> sectionStart(String code) {
        String t = code.trim();
        if (!t.toLowerCase(Locale.ROOT).startsWith(".lib") || t.length() > 4 && !Character.isWhitespace(t.charAt(4))) {
            return null;
        }
        List<String> args = arguments(t);
        return args.size() == 1 ? args : null;
    }

    /** The words after the keyword, with one pair of quotes removed from each. */
    private static List<String> arguments(String text) {
        List<String> args = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            char q = text.charAt(i);
            int j;
            if (q == '"' || q == '\'') {
                j = text.indexOf(q, i + 1);
                if (j < 0) {
                    j = n;
                }
                args.add(text.substring(i + 1, j));
                i = j + 1;
            } else {
                j = i;
                while (j < n && !Character.isWhitespace(text.charAt(j))) {
                    j++;
                }
                args.add(text.substring(i, j));
                i = j;
            }
        }
        return args;
    }

    private static Path resolve(SourceLine line, Path including, String name) {
        Path base = including == null || including.toAbsolutePath().getParent() == null ? Path.of(".")
                : including.toAbsolutePath().getParent();
        try {
            return base.resolve(name).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new NetlistException(line, "not a usable file name: '" + name + "' (" + e.getReason() + ")");
        }
    }
}
