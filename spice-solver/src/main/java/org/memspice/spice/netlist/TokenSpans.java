package org.memspice.spice.netlist;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of one netlist line as offsets into its source text, made into {@link Token} objects only
 * when asked for. An element line is mostly read by range (node names looked up, numbers parsed
 * in place), so that a large netlist does not allocate a token object and a string per word.
 * Token k starts at offset {@code bounds[2k]} of the line's {@link SourceLine#source()} (its
 * column is that less the line's start) and ends before {@code bounds[2k + 1]}; its kind is
 * told by its first character (words cannot start with one of {@code =(),{'}), and the text of an
 * expression is what lies inside its braces or quotes. Spans that are reused ({@link
 * Tokenizer#scan}) hold the last line scanned.
 */
public final class TokenSpans {
    /** The line's {@link SourceLine#source()}: offsets index it, columns count from the line's start. */
    private String text;
    private int offset;
    /** Four tokens, as in "R1 a b 1k": the most common line. */
    private int[] bounds = new int[8];
    private int count;

    /**
     * Empty spans, to be filled by {@link Tokenizer#scan}; a builder reuses one for all its
     * element lines (the offsets of a line are needed only while its element is made).
     */
    public TokenSpans() {
    }

    /** Starts over on {@code line}, with no tokens. */
    void reset(SourceLine line) {
        this.text = line.source();
        this.offset = line.start();
        this.count = 0;
    }

    /** Adds a token starting at offset {@code begin} whose text ends before {@code end}. */
    void add(int begin, int end) {
        if (2 * count == bounds.length) {
            bounds = java.util.Arrays.copyOf(bounds, 2 * bounds.length);
        }
        bounds[2 * count] = begin;
        bounds[2 * count + 1] = end;
        count++;
    }

    /** The text that {@link #start} and {@link #end} index: the line's {@link SourceLine#source()}. */
    public String text() {
        return text;
    }

    public int size() {
        return count;
    }

    /** The 0-based column in the line where token k starts (its brace or quote for an expression). */
    public int column(int k) {
        return bounds[2 * k] - offset;
    }

    /** Where token k's text starts in {@link #text()}: inside the brace or quote of an expression. */
    public int start(int k) {
        return kind(k) == Token.Kind.EXPRESSION ? bounds[2 * k] + 1 : bounds[2 * k];
    }

    /** Where token k's text ends in {@link #text()} (exclusive; the closing brace or quote of an expression). */
    public int end(int k) {
        return bounds[2 * k + 1];
    }

    public Token.Kind kind(int k) {
        switch (text.charAt(bounds[2 * k])) {
            case '=':
                return Token.Kind.EQUALS;
            case '(':
                return Token.Kind.LPAREN;
            case ')':
                return Token.Kind.RPAREN;
            case ',':
                return Token.Kind.COMMA;
            case '{':
            case '\'':
                return Token.Kind.EXPRESSION;
            default:
                return Token.Kind.WORD;
        }
    }

    /** The text of token k as a string (a new one for a word or expression). */
    public String string(int k) {
        return text.substring(start(k), end(k));
    }

    /** Token k as an object. */
    public Token token(int k) {
        Token.Kind kind = kind(k);
        switch (kind) {
            case EQUALS:
                return new Token(kind, "=", column(k));
            case LPAREN:
                return new Token(kind, "(", column(k));
            case RPAREN:
                return new Token(kind, ")", column(k));
            case COMMA:
                return new Token(kind, ",", column(k));
            default:
                return new Token(kind, string(k), column(k));
        }
    }

    /** All tokens as objects. */
    public List<Token> tokens() {
        List<Token> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(token(k));
        }
        return out;
    }
}
