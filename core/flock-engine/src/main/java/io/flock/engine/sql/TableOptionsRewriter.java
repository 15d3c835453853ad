package io.flock.engine.sql;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Flock's table options in {@code CREATE TABLE … (columns) WITH (option = value, …)} (DESIGN.md §3:
 * Flock's own additions are DDL options). DuckDB refuses a {@code WITH} clause on its tables, so the
 * clause is removed before DuckDB sees the statement.
 *
 * <p>The one option is {@code key_index}: {@code true} (the default) keeps the primary key as DuckDB
 * does, in an ART index; {@code false} keeps it in Flock: the {@code PRIMARY KEY} is removed from
 * the DuckDB table, whose key columns become {@code NOT NULL}, and the key is recorded by the
 * engine, which enforces it (docs/primary-key-tables.md).
 */
final class TableOptionsRewriter {
    static final String KEY_INDEX = "key_index";

    /** The statement to run and what it creates. */
    record Rewritten(String sql, Optional<CreateTable> table) {}

    private TableOptionsRewriter() {
    }

    /** Rewrites a CREATE statement ({@code tokens} lexed from {@code text}); other statements pass unchanged. */
    static Rewritten rewrite(String text, List<Token> tokens) {
        int base = tokens.get(0).start();
        int i = 1;
        boolean orReplace = false;
        if (at(tokens, i, "OR") && at(tokens, i + 1, "REPLACE")) {
            orReplace = true;
            i += 2;
        }
        boolean temporary = at(tokens, i, "TEMP") || at(tokens, i, "TEMPORARY");
        if (temporary) {
            i++;
        }
        if (!at(tokens, i, "TABLE")) {
            return new Rewritten(text, Optional.empty());
        }
        i++;
        boolean ifNotExists = at(tokens, i, "IF") && at(tokens, i + 1, "NOT") && at(tokens, i + 2, "EXISTS");
        if (ifNotExists) {
            i += 3;
        }
        Optional<TableName.Parsed> parsed = TableName.read(tokens, i);
        if (parsed.isEmpty() || parsed.get().next() >= tokens.size() || !tokens.get(parsed.get().next()).isSymbol("(")) {
            // CREATE TABLE t WITH (…) AS SELECT …, or … AS SELECT … WITH (…): options right after the
            // name, or as the statement's last clause
            int after = parsed.map(TableName.Parsed::next).orElse(i);
            boolean namesOption = after + 1 < tokens.size() && tokens.get(after).isWord("WITH")
                    && tokens.get(after + 1).isSymbol("(") || endsWithOptions(tokens);
            if (namesOption) {
                throw new FlockException(ErrorCode.NOT_SUPPORTED, "The table option " + KEY_INDEX + " needs a"
                        + " CREATE TABLE with a column list and a table named as table or schema.table"
                        + " (not CREATE TABLE … AS SELECT)");
            }
            // CREATE TABLE … AS SELECT: a table without a declared key (it may replace one that had)
            return new Rewritten(text, parsed.isEmpty() ? Optional.empty()
                    : Optional.of(new CreateTable(parsed.get().name(), orReplace, ifNotExists, List.of())));
        }
        TableName name = parsed.get().name();
        int open = parsed.get().next();
        int close = SqlLexer.closing(tokens, open);
        if (close < 0 || close + 1 >= tokens.size() || !tokens.get(close + 1).isWord("WITH")) {
            return new Rewritten(text, Optional.of(new CreateTable(name, orReplace, ifNotExists, List.of())));
        }
        int optionsOpen = close + 2;
        int optionsClose = optionsOpen < tokens.size() && tokens.get(optionsOpen).isSymbol("(")
                ? SqlLexer.closing(tokens, optionsOpen) : -1;
        if (optionsClose != tokens.size() - 1) {
            throw new FlockException(ErrorCode.SYNTAX_ERROR, "Table options are written last, as WITH (name = value,"
                    + " …) after the column list");
        }
        boolean keyIndex = keyIndexOption(tokens, optionsOpen, optionsClose);
        String withoutOptions = text.substring(0, tokens.get(close).end() - base);
        if (keyIndex) {
            return new Rewritten(withoutOptions, Optional.of(new CreateTable(name, orReplace, ifNotExists, List.of())));
        }
        if (temporary) {
            throw new FlockException(ErrorCode.NOT_SUPPORTED, "A temporary table cannot be created with "
                    + KEY_INDEX + " = false: temporary tables take no keyed writes");
        }
        return withoutPrimaryKey(withoutOptions, tokens, base, open, close, name, orReplace, ifNotExists);
    }

    /** Whether the statement ends with {@code WITH (… key_index …)}. */
    private static boolean endsWithOptions(List<Token> tokens) {
        int last = tokens.size() - 1;
        if (!tokens.get(last).isSymbol(")")) {
            return false;
        }
        int depth = 0;
        for (int i = last; i > 0; i--) {
            if (tokens.get(i).isSymbol(")")) {
                depth++;
            } else if (tokens.get(i).isSymbol("(") && --depth == 0) {
                return tokens.get(i - 1).isWord("WITH")
                        && tokens.subList(i, last).stream().anyMatch(t -> t.isWord(KEY_INDEX));
            }
        }
        return false;
    }

    /** Reads {@code (key_index = true|false)}; refuses other options and values by name. */
    private static boolean keyIndexOption(List<Token> tokens, int open, int close) {
        if (close == open + 1) {
            throw new FlockException(ErrorCode.SYNTAX_ERROR, "WITH () names no table option; write WITH ("
                    + KEY_INDEX + " = false) or leave the clause out");
        }
        Boolean keyIndex = null;
        int i = open + 1;
        while (i < close) {
            Token option = tokens.get(i);
            if (option.kind() != Token.Kind.WORD || i + 2 >= close + 1 || !tokens.get(i + 1).isSymbol("=")) {
                throw new FlockException(ErrorCode.SYNTAX_ERROR, "Table options are written as WITH (name = value, …);"
                        + " found '" + option.text() + "'");
            }
            if (!option.isWord(KEY_INDEX)) {
                throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Unknown table option '" + option.text()
                        + "': the table options Flock knows are " + KEY_INDEX + " (true or false)");
            }
            if (keyIndex != null) {
                throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Table option " + KEY_INDEX + " is given twice");
            }
            Token value = tokens.get(i + 2);
            String word = value.kind() == Token.Kind.STRING ? value.text().substring(1, value.text().length() - 1)
                    : value.text();
            keyIndex = switch (word.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Table option " + KEY_INDEX
                        + " is true or false, not '" + word + "'");
            };
            i += 3;
            if (i < close && (!tokens.get(i).isSymbol(",") || i + 1 == close)) {
                throw new FlockException(ErrorCode.SYNTAX_ERROR, "Table options are separated by commas, with none"
                        + " after the last; found '" + tokens.get(i).text() + "'");
            }
            i++;
        }
        return keyIndex == null || keyIndex;
    }

    /**
     * Removes the primary key from the column list: a column's {@code PRIMARY KEY} becomes
     * {@code NOT NULL}; a table constraint {@code [CONSTRAINT c] PRIMARY KEY (…)} is dropped (the
     * engine makes its columns NOT NULL in the same transaction).
     */
    private static Rewritten withoutPrimaryKey(String text, List<Token> tokens, int base, int open, int close,
                                               TableName name, boolean orReplace, boolean ifNotExists) {
        List<String> key = new ArrayList<>();
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int elementStart = open + 1;
        for (int i = open + 1; i <= close; i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(")) {
                i = SqlLexer.closing(tokens, i);
                continue;
            }
            if (!t.isSymbol(",") && i != close) {
                continue;
            }
            // tokens elementStart .. i-1 form one element of the column list
            int element = elementStart;
            elementStart = i + 1;
            int constraintAt = element;
            if (tokens.get(element).isWord("CONSTRAINT")) {
                constraintAt = element + 2;
            }
            if (at(tokens, constraintAt, "PRIMARY") && at(tokens, constraintAt + 1, "KEY")) {
                checkOneKey(key);
                int columnsOpen = constraintAt + 2;
                int columnsClose = SqlLexer.closing(tokens, columnsOpen);
                for (int c = columnsOpen + 1; c < columnsClose; c++) {
                    if (!tokens.get(c).isSymbol(",")) {
                        key.add(tokens.get(c).identifier());
                    }
                }
                // drop the element together with the comma before it (or after it, when it comes first)
                boolean first = element == open + 1;
                int from = first ? tokens.get(element).start() : tokens.get(element - 1).start();
                int to = first && i != close ? tokens.get(i + 1).start() : tokens.get(i - 1).end();
                out.append(text, copied, from - base);
                copied = to - base;
                continue;
            }
            for (int k = element + 1; k + 1 < i; k++) {
                if (tokens.get(k).isWord("PRIMARY") && tokens.get(k + 1).isWord("KEY")) {
                    checkOneKey(key);
                    key.add(tokens.get(element).identifier());
                    int from = tokens.get(k).start();
                    if (tokens.get(k - 2).isWord("CONSTRAINT")) {
                        from = tokens.get(k - 2).start();
                    }
                    out.append(text, copied, from - base).append("NOT NULL");
                    copied = tokens.get(k + 1).end() - base;
                }
            }
        }
        if (key.isEmpty()) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Table " + name + " is created with " + KEY_INDEX
                    + " = false but has no PRIMARY KEY: the option says where the primary key is kept; declare one,"
                    + " e.g. id BIGINT PRIMARY KEY or PRIMARY KEY (a, b)");
        }
        out.append(text, copied, text.length());
        return new Rewritten(out.toString(), Optional.of(new CreateTable(name, orReplace, ifNotExists, key)));
    }

    private static void checkOneKey(List<String> key) {
        if (!key.isEmpty()) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "A table has at most one PRIMARY KEY");
        }
    }

    private static boolean at(List<Token> tokens, int i, String word) {
        return i < tokens.size() && tokens.get(i).isWord(word);
    }


}
