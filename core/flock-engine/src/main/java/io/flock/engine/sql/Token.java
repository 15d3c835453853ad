package io.flock.engine.sql;

/**
 * One lexical token of a SQL text, with its position so that rewrites can splice the original text.
 *
 * @param kind what the token is
 * @param text the token's text exactly as written (quotes included)
 * @param start offset of the first character in the statement text
 * @param end offset after the last character
 */
public record Token(Kind kind, String text, int start, int end) {
    /** Token kinds the classifier needs; everything else is {@link Kind#SYMBOL}. */
    public enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, SYMBOL, SEMICOLON }

    /** Whether this is the bare word {@code word}, compared case-insensitively. */
    public boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** The identifier this token names: unquoted words as written, quoted ones without quotes. */
    public String identifier() {
        if (kind == Kind.QUOTED_IDENTIFIER) {
            return text.substring(1, text.length() - 1).replace("\"\"", "\"");
        }
        return text;
    }
}
