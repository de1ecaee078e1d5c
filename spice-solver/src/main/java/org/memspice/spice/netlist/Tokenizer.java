package org.memspice.spice.netlist;

import java.util.List;

/** Splits a logical netlist line into {@link Token}s; braces and single quotes delimit expressions. */
public final class Tokenizer {
    private Tokenizer() {
    }

    /** ASCII characters that end a word: white space and {@code =(),{}'}. */
    private static final boolean[] ENDS_WORD = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ENDS_WORD[c] = Character.isWhitespace(c) || "=(),{}'".indexOf(c) >= 0;
        }
    }

    private static boolean endsWord(char c) {
        return c < 128 ? ENDS_WORD[c] : Character.isWhitespace(c);
    }

    public static List<Token> tokenize(SourceLine line) {
        return spans(line).tokens();
    }

    /** The tokens of the line as offsets into its text (see {@link TokenSpans}). */
    public static TokenSpans spans(SourceLine line) {
        return scan(line, new TokenSpans());
    }

    /** Fills {@code into} with the tokens of the line (what it held before is dropped); returns it. */
    public static TokenSpans scan(SourceLine line, TokenSpans into) {
        into.reset(line);
        // the line is s[line.start(), n): often a range of the file's text, read in place
        String s = line.source();
        int offset = line.start();
        int i = offset;
        int n = line.end();
        while (i < n) {
            char c = s.charAt(i);
            int end; // where the token's text ends
            int next; // where scanning goes on
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            } else if (c == '=' || c == '(' || c == ')' || c == ',') {
                end = i + 1;
                next = end;
            } else if (c == '{') {
                int depth = 0;
                int j = i;
                for (; j < n; j++) {
                    if (s.charAt(j) == '{') {
                        depth++;
                    } else if (s.charAt(j) == '}' && --depth == 0) {
                        break;
                    }
                }
                if (j >= n) {
                    throw new NetlistException(line, i - offset, "unbalanced '{': expected a closing '}'");
                }
                end = j;
                next = j + 1;
            } else if (c == '\'') {
                int j = s.indexOf('\'', i + 1);
                if (j < 0 || j >= n) {
                    throw new NetlistException(line, i - offset, "unbalanced quote: expected a closing '");
                }
                end = j;
                next = j + 1;
            } else if (c == '}') {
                throw new NetlistException(line, i - offset, "unexpected '}'");
            } else {
                int j = i;
                while (j < n && !endsWord(s.charAt(j))) {
                    j++;
                }
                end = j;
                next = j;
            }
            into.add(i, end);
            i = next;
        }
        return into;
    }
}
