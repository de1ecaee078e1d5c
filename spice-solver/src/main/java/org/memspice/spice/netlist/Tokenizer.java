package org.memspice.spice.netlist;

import java.util.ArrayList;
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
        String s = line.text();
        List<Token> out = new ArrayList<>(8);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '=') {
                out.add(new Token(Token.Kind.EQUALS, "=", i++));
            } else if (c == '(') {
                out.add(new Token(Token.Kind.LPAREN, "(", i++));
            } else if (c == ')') {
                out.add(new Token(Token.Kind.RPAREN, ")", i++));
            } else if (c == ',') {
                out.add(new Token(Token.Kind.COMMA, ",", i++));
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
                out.add(new Token(Token.Kind.EXPRESSION, s.substring(i + 1, j), i));
                i = j + 1;
            } else if (c == '\'') {
                int j = s.indexOf('\'', i + 1);
                if (j < 0) {
                    throw new NetlistException(line, i, "unbalanced quote: expected a closing '");
                }
                out.add(new Token(Token.Kind.EXPRESSION, s.substring(i + 1, j), i));
                i = j + 1;
            } else if (c == '}') {
                throw new NetlistException(line, i, "unexpected '}'");
            } else {
                int j = i;
                while (j < n && !endsWord(s.charAt(j))) {
                    j++;
                }
                out.add(new Token(Token.Kind.WORD, s.substring(i, j), i));
                i = j;
            }
        }
        return out;
    }
}
