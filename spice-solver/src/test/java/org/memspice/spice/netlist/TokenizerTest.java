package org.memspice.spice.netlist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Token offsets ({@link TokenSpans}) against the token objects the tokenizer made before them. */
class TokenizerTest {
    @Test
    void spansGiveTheTokensOfTheFormerTokenizer() {
        Random random = new Random(17);
        String alphabet = "aB1. \t=(),{}'+$;";
        TokenSpans reused = new TokenSpans();
        for (int t = 0; t < 50_000; t++) {
            StringBuilder s = new StringBuilder();
            int len = random.nextInt(14);
            for (int i = 0; i < len; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            SourceLine line = new SourceLine(null, 1, s.toString());
            String expected = outcome(() -> reference(line));
            assertEquals(expected, outcome(() -> Tokenizer.tokenize(line)), '"' + line.text() + '"');
            // one TokenSpans for all lines, as the circuit builder does: nothing left from the line before
            assertEquals(expected, outcome(() -> Tokenizer.scan(line, reused).tokens()), '"' + line.text() + '"');
            if (!expected.startsWith("error")) {
                for (int k = 0; k < reused.size(); k++) {
                    Token token = reused.token(k);
                    assertEquals(token.kind(), reused.kind(k));
                    assertEquals(token.column(), reused.column(k));
                    if (token.is(Token.Kind.WORD) || token.is(Token.Kind.EXPRESSION)) {
                        assertEquals(token.text(), line.text().substring(reused.start(k), reused.end(k)));
                    }
                }
            }
            // the line as a range of a file's text, as the reader makes it: nothing read beyond it
            // (a closing quote or brace on the next line does not close it), columns from its start
            String before = "a 'b {c\n";
            SourceLine ranged = new SourceLine(null, 1, before + line.text() + "\n'}' x", before.length(),
                    before.length() + line.text().length());
            assertEquals(line.text(), ranged.text());
            assertEquals(expected, outcome(() -> Tokenizer.scan(ranged, reused).tokens()), '"' + line.text() + '"');
        }
    }

    @Test
    void expressionsInBracesAndQuotes() {
        SourceLine line = new SourceLine(null, 1, "R1 a b {x*{y}} 'p+1' k=2");
        TokenSpans spans = Tokenizer.spans(line);
        assertEquals(List.of("R1", "a", "b", "{x*{y}}", "{p+1}", "k", "=", "2"),
                spans.tokens().stream().map(Token::toString).toList());
        assertEquals(Token.Kind.EXPRESSION, spans.kind(3));
        assertEquals(7, spans.column(3)); // the brace
        assertEquals("x*{y}", spans.string(3)); // inside it
        assertEquals(15, spans.column(4));
        assertEquals("p+1", spans.string(4));
    }

    /** The tokens as text, or the error with its column. */
    private static String outcome(java.util.function.Supplier<List<Token>> tokens) {
        try {
            return tokens.get().toString();
        } catch (NetlistException e) {
            return "error " + e.getMessage();
        }
    }

    /** The former tokenizer, which made a token object and a string for every token. */
    private static List<Token> reference(SourceLine line) {
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
                while (j < n && !Character.isWhitespace(s.charAt(j)) && "=(),{}'".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                out.add(new Token(Token.Kind.WORD, s.substring(i, j), i));
                i = j;
            }
        }
        return out;
    }
}
