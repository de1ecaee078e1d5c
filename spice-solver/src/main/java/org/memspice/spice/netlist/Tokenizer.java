package org.memspice.spice.netlist;

import java.util.Arrays;
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
        String s = line.text();
        int[] bounds = new int[8]; // four tokens, as in "R1 a b 1k": the most common line
        int count = 0;
        int i = 0;
        int n = s.length();
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
                    throw new NetlistException(line, i, "unbalanced '{': expected a closing '}'");
                }
                end = j;
                next = j + 1;
            } else if (c == '\'') {
                int j = s.indexOf('\'', i + 1);
                if (j < 0) {
                    throw new NetlistException(line, i, "unbalanced quote: expected a closing '");
                }
                end = j;
                next = j + 1;
            } else if (c == '}') {
                throw new NetlistException(line, i, "unexpected '}'");
            } else {
                int j = i;
                while (j < n && !endsWord(s.charAt(j))) {
                    j++;
                }
                end = j;
                next = j;
            }
            if (2 * count == bounds.length) {
                bounds = Arrays.copyOf(bounds, 2 * bounds.length);
            }
            bounds[2 * count] = i;
            bounds[2 * count + 1] = end;
            count++;
            i = next;
        }
        return new TokenSpans(line, bounds, count);
    }
}
