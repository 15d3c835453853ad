package io.flock.engine.sql;

import java.util.List;

/**
 * DuckDB accepts {@code VARCHAR(n)} but ignores the length. Flock enforces it: every column
 * declared {@code VARCHAR(n)}, {@code CHAR(n)} or {@code CHARACTER VARYING(n)} in a CREATE TABLE
 * gets a CHECK constraint {@code length(col) <= n}, so an over-long value is an error instead of
 * being stored (or silently truncated).
 */
final class VarcharLengthRewriter {
    private VarcharLengthRewriter() {
    }

    static String rewrite(String text, List<Token> tokens) {
        if (!isCreateTable(tokens)) {
            return text;
        }
        int base = tokens.get(0).start();
        StringBuilder out = new StringBuilder(text.length() + 64);
        int copied = 0;
        int depth = 0;
        Token column = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (t.isSymbol(",") && depth == 1) {
                column = null;
            } else if (depth == 1 && column == null && (t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED_IDENTIFIER)
                    && (i == 0 || tokens.get(i - 1).isSymbol("(") || tokens.get(i - 1).isSymbol(","))) {
                column = t;
            } else if (depth == 1 && column != null && isLengthType(tokens, i)) {
                int close = i + lengthTypeSize(tokens, i) - 1;
                String length = tokens.get(close - 1).text();
                int insertAt = tokens.get(close).end() - base;
                out.append(text, copied, insertAt);
                out.append(" CHECK (length(").append(quote(column.identifier())).append(") <= ").append(length).append(')');
                copied = insertAt;
                i = close;
            }
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    private static boolean isCreateTable(List<Token> tokens) {
        for (int i = 1; i < Math.min(tokens.size(), 5); i++) {
            if (tokens.get(i).isWord("TABLE")) {
                return !isCreateTableAs(tokens);
            }
        }
        return false;
    }

    /** CREATE TABLE … AS SELECT: an AS outside parentheses (an AS inside belongs to a generated column). */
    private static boolean isCreateTableAs(List<Token> tokens) {
        int depth = 0;
        for (Token t : tokens) {
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && t.isWord("AS")) {
                return true;
            }
        }
        return false;
    }

    /** Matches {@code VARCHAR ( n )}, {@code CHAR ( n )} or {@code CHARACTER VARYING ( n )} at {@code i}. */
    private static boolean isLengthType(List<Token> tokens, int i) {
        int size = lengthTypeSize(tokens, i);
        return size > 0;
    }

    private static int lengthTypeSize(List<Token> tokens, int i) {
        int nameTokens;
        Token t = tokens.get(i);
        if (t.isWord("VARCHAR") || t.isWord("CHAR") || t.isWord("NVARCHAR") || t.isWord("BPCHAR")) {
            nameTokens = 1;
        } else if ((t.isWord("CHARACTER") || t.isWord("CHAR")) && i + 1 < tokens.size() && tokens.get(i + 1).isWord("VARYING")) {
            nameTokens = 2;
        } else if (t.isWord("CHARACTER")) {
            nameTokens = 1;
        } else {
            return 0;
        }
        int open = i + nameTokens;
        if (open + 2 < tokens.size() && tokens.get(open).isSymbol("(")
                && tokens.get(open + 1).kind() == Token.Kind.NUMBER && tokens.get(open + 2).isSymbol(")")) {
            return nameTokens + 3;
        }
        return 0;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
