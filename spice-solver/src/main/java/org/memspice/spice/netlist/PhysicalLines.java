package org.memspice.spice.netlist;

import java.util.Arrays;

/**
 * The physical lines of a netlist's text as offsets into it, without a string per line: the
 * reader strips comments and white space by offset, and most logical lines stay ranges of the
 * text (see {@link SourceLine}).
 */
final class PhysicalLines {
    private final String text;
    private int[] starts;
    private int[] ends;
    private int count;
    /** Where the next {@code ;} and {@code $} are, for {@link #codeEnd}. */
    private final Occurrences semicolons;
    private final Occurrences dollars;

    /**
     * Splits {@code text} at {@code \n} and {@code \r\n}, and also at a lone {@code \r} when
     * {@code loneReturnEndsLine} (as {@code split("\r?\n|\r", -1)} does; otherwise as
     * {@code split("\r?\n", -1)}).
     */
    PhysicalLines(String text, boolean loneReturnEndsLine) {
        this.text = text;
        this.semicolons = new Occurrences(text, ';');
        this.dollars = new Occurrences(text, '$');
        int capacity = Math.max(16, text.length() / 24);
        starts = new int[capacity];
        ends = new int[capacity];
        boolean returns = loneReturnEndsLine && text.indexOf('\r') >= 0;
        // String.indexOf per line (compiled from the JVM's start), not a loop over characters
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            int end = nl > start && text.charAt(nl - 1) == '\r' ? nl - 1 : nl; // a \r\n ends one line
            piece(start, end, returns);
            start = nl + 1;
        }
        piece(start, text.length(), returns);
    }

    /** Adds text[start, end), split at every \r when {@code returns}. */
    private void piece(int start, int end, boolean returns) {
        if (returns) {
            for (int cr = text.indexOf('\r', start); cr >= 0 && cr < end; cr = text.indexOf('\r', start)) {
                add(start, cr);
                start = cr + 1;
            }
        }
        add(start, end);
    }

    private void add(int start, int end) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, 2 * count);
            ends = Arrays.copyOf(ends, 2 * count);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    /** The text the lines are ranges of. */
    String text() {
        return text;
    }

    int size() {
        return count;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    /**
     * Where the code of line i ends: at its comment ({@code ;}, or {@code $} after white space),
     * at its start for a {@code *} comment line, else at its end.
     */
    int codeEnd(int i) {
        int start = starts[i];
        int end = ends[i];
        int lead = start;
        while (lead < end && Character.isWhitespace(text.charAt(lead))) {
            lead++;
        }
        if (lead < end && text.charAt(lead) == '*') {
            return start;
        }
        int semicolon = semicolons.next(lead);
        int cut = semicolon < 0 || semicolon >= end ? end : semicolon;
        for (int d = dollars.next(lead); d >= 0 && d < cut; d = dollars.next(d + 1)) {
            if (d > start && Character.isWhitespace(text.charAt(d - 1))) {
                cut = d; // a $ after white space starts a comment; 1$ or a$b does not
                break;
            }
        }
        return cut;
    }

    /**
     * {@code text.indexOf(c, from)} for lines asked in order: the answer is kept until a line
     * passes it, so that the whole text is searched about once (String.indexOf, compiled from
     * the JVM's start, where a loop over every character of every line would run interpreted
     * for the first thousands of lines; Java 17 has no indexOf with an end).
     */
    private static final class Occurrences {
        private final String text;
        private final char c;
        /** {@code found} is the first c at or after {@code from}, or -1 for none. */
        private int from = Integer.MAX_VALUE;
        private int found;

        Occurrences(String text, char c) {
            this.text = text;
            this.c = c;
        }

        int next(int at) {
            if (at < from || found >= 0 && found < at) {
                found = text.indexOf(c, at);
                from = at;
            }
            return found;
        }
    }

    /** Line i without its comment, as a string of its own. */
    String code(int i) {
        return text.substring(starts[i], codeEnd(i));
    }

    /** Line i as a string of its own (for the few places that want one: errors, .lib sections). */
    String get(int i) {
        return text.substring(starts[i], ends[i]);
    }
}
