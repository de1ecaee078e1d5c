package org.memspice.spice.netlist;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One logical netlist line (continuations joined, comments removed) with where it came from,
 * so that every error can name {@code file:line}. A line read from a file is a range of the
 * file's text, made into a string of its own only when {@link #text()} is asked for: the
 * element lines of a large netlist are tokenized in place (see {@link Tokenizer#scan}), and a
 * string per line was a tenth of what reading and building a crossbar allocated.
 */
public final class SourceLine {
    private final Path file;
    private final int line;
    /** The text this line is {@code [start, end)} of: the file's, or the line's own. */
    private final String source;
    private final int start;
    private final int end;
    /** The line's text, once made. */
    private String text;

    public SourceLine(Path file, int line, String text) {
        this(file, line, text, 0, text.length());
    }

    /** The line that is {@code source[start, end)}. */
    SourceLine(Path file, int line, String source, int start, int end) {
        this.file = file;
        this.line = line;
        this.source = source;
        this.start = start;
        this.end = end;
        if (start == 0 && end == source.length()) {
            text = source;
        }
    }

    public Path file() {
        return file;
    }

    /** The 1-based line number (of the first physical line, for a continued one). */
    public int line() {
        return line;
    }

    /** The line's text (made from the file's on the first call). */
    public String text() {
        if (text == null) {
            text = source.substring(start, end);
        }
        return text;
    }

    /** The text that {@link #start()} and {@link #end()} index: the file's, or the line's own. */
    public String source() {
        return source;
    }

    /** Where the line starts in {@link #source()}; columns count from here. */
    public int start() {
        return start;
    }

    /** Where the line ends in {@link #source()} (exclusive). */
    public int end() {
        return end;
    }

    /**
     * This line with a string of its own, not holding on to the whole file's text: for lines kept
     * after the circuit is built (control cards, models, measures, behavioural expressions).
     */
    public SourceLine detached() {
        return start == 0 && end == source.length() ? this : new SourceLine(file, line, text());
    }

    /** The first word of the line, lower-cased (the card keyword or element name). */
    public String keyword() {
        int to = start;
        while (to < end && !Character.isWhitespace(source.charAt(to))) {
            to++;
        }
        return source.substring(start, to).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * True when the line is a dot card ({@code .param}, {@code .tran} ...): its {@link #keyword()}
     * starts with a dot. Cheaper than the keyword, which element lines do not need.
     */
    public boolean isDotCard() {
        return start < end && source.charAt(start) == '.';
    }

    /** True when the line's first word starts with {@code c} (ignoring case; {@code c} lower case). */
    public boolean startsWithLetter(char c) {
        return start < end && Character.toLowerCase(source.charAt(start)) == c;
    }

    /** {@code file:line} as used in error messages. */
    public String location() {
        return (file == null ? "<netlist>" : file.toString()) + ":" + line;
    }

    // equal as the record this class was: by file, line number and text

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceLine other && line == other.line && Objects.equals(file, other.file)
                && text().equals(other.text());
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, line, text());
    }

    @Override
    public String toString() {
        return "SourceLine[file=" + file + ", line=" + line + ", text=" + text() + "]";
    }
}
