package io.flock.engine.sql;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into tokens the way DuckDB's parser does for the parts that matter to Flock:
 * string literals ('…', E'…', $tag$…$tag$), quoted identifiers, comments and statement
 * separators. It does not parse; DuckDB does that. Flock only needs to know where statements
 * end and which keywords start them, and that must never be fooled by a keyword inside a string.
 */
public final class SqlLexer {
    private SqlLexer() {
    }

    /** All tokens of {@code sql}, comments and white space dropped. */
    public static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = skipLineComment(sql, i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (c == '\'') {
                int end = endOfQuoted(sql, i, '\'');
                tokens.add(new Token(Token.Kind.STRING, sql.substring(i, end), i, end));
                i = end;
            } else if ((c == 'e' || c == 'E') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                int end = endOfEscapedString(sql, i + 1);
                tokens.add(new Token(Token.Kind.STRING, sql.substring(i, end), i, end));
                i = end;
            } else if (c == '"') {
                int end = endOfQuoted(sql, i, '"');
                tokens.add(new Token(Token.Kind.QUOTED_IDENTIFIER, sql.substring(i, end), i, end));
                i = end;
            } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                if (close < 0) {
                    throw unterminated("dollar-quoted string", i);
                }
                int end = close + tag.length();
                tokens.add(new Token(Token.Kind.STRING, sql.substring(i, end), i, end));
                i = end;
            } else if (isIdentifierStart(c)) {
                int end = i + 1;
                while (end < n && (isIdentifierStart(sql.charAt(end)) || isDigit(sql.charAt(end))
                        || sql.charAt(end) == '$')) {
                    end++;
                }
                tokens.add(new Token(Token.Kind.WORD, sql.substring(i, end), i, end));
                i = end;
            } else if (isDigit(c)) {
                int end = endOfNumber(sql, i);
                tokens.add(new Token(Token.Kind.NUMBER, sql.substring(i, end), i, end));
                i = end;
            } else if (c == ';') {
                tokens.add(new Token(Token.Kind.SEMICOLON, ";", i, i + 1));
                i++;
            } else {
                tokens.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), i, i + 1));
                i++;
            }
        }
        return tokens;
    }

    /**
     * The statements of {@code sql} as token lists, empty statements (stray semicolons) dropped.
     */
    public static List<List<Token>> statements(String sql) {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token token : tokenize(sql)) {
            if (token.kind() == Token.Kind.SEMICOLON) {
                if (!current.isEmpty()) {
                    statements.add(List.copyOf(current));
                    current = new ArrayList<>();
                }
            } else {
                current.add(token);
            }
        }
        if (!current.isEmpty()) {
            statements.add(List.copyOf(current));
        }
        return statements;
    }

    /**
     * White space as DuckDB's scanner knows it: ASCII only. Other Unicode spaces are identifier
     * characters to DuckDB, so treating them as separators here would split tokens differently.
     */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    /**
     * A character that may start an identifier or dollar-quote tag in DuckDB: an ASCII letter,
     * {@code _}, or any non-ASCII character (DuckDB's scanner takes every byte from 0x80 up as an
     * identifier byte, whatever the character is, e.g. {@code €}).
     */
    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * End of the number starting at {@code start}, cut where DuckDB's scanner cuts it: digits,
     * '_' and '.', then an exponent only if digits follow the 'e'. Letters after a number start a
     * new token there too, so {@code 1e'…'} is the number 1 and the escape string e'…', and
     * {@code 1xe'…'} is 1, the word xe and a plain string.
     */
    private static int endOfNumber(String sql, int start) {
        int n = sql.length();
        int end = start;
        while (end < n && (isDigit(sql.charAt(end)) || sql.charAt(end) == '_' || sql.charAt(end) == '.')) {
            end++;
        }
        if (end < n && (sql.charAt(end) == 'e' || sql.charAt(end) == 'E')) {
            int exponent = end + 1;
            if (exponent < n && (sql.charAt(exponent) == '+' || sql.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < n && isDigit(sql.charAt(exponent))) {
                end = exponent;
                while (end < n && isDigit(sql.charAt(end))) {
                    end++;
                }
            }
        }
        return end;
    }

    private static int skipLineComment(String sql, int i) {
        int end = sql.indexOf('\n', i);
        return end < 0 ? sql.length() : end + 1;
    }

    private static int skipBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length() - 1) {
            if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        throw unterminated("comment", start);
    }

    private static int endOfQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw unterminated(quote == '"' ? "quoted identifier" : "string literal", start);
    }

    private static int endOfEscapedString(String sql, int start) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            } else {
                i++;
            }
        }
        throw unterminated("string literal", start);
    }

    /** End of a {@code $tag$} opener starting at {@code i}, or -1 when {@code $} starts a parameter. */
    private static int dollarTagEnd(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (isIdentifierStart(sql.charAt(j)) || isDigit(sql.charAt(j)))) {
            if (j == i + 1 && isDigit(sql.charAt(j))) {
                return -1;
            }
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
    }

    private static FlockException unterminated(String what, int offset) {
        return new FlockException(ErrorCode.SYNTAX_ERROR,
                "Unterminated " + what + " starting at character " + (offset + 1));
    }

    /** The index of the {@code )} that closes the {@code (} at {@code open} in {@code tokens}, or -1. */
    static int closing(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol("(")) {
                depth++;
            } else if (tokens.get(i).isSymbol(")") && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
