package org.memspice.spice.netlist;

/** One token of a netlist line with its 0-based column. */
public record Token(Kind kind, String text, int column) {
    /** Token kinds: words (names and numbers), punctuation, and braced or quoted expressions. */
    public enum Kind { WORD, EQUALS, LPAREN, RPAREN, COMMA, EXPRESSION }

    public boolean is(Kind k) {
        return kind == k;
    }

    /** Case-insensitive comparison for words. */
    public boolean isWord(String w) {
        return kind == Kind.WORD && text.equalsIgnoreCase(w);
    }

    @Override
    public String toString() {
        return kind == Kind.EXPRESSION ? "{" + text + "}" : text;
    }
}
