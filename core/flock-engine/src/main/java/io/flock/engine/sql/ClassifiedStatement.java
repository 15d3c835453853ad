package io.flock.engine.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One statement that passed {@link StatementClassifier}: safe to hand to DuckDB (or to Flock's
 * own administration) once the session holds the privilege its {@link #kind()} needs.
 *
 * @param kind what the statement does
 * @param sql the statement text to execute (possibly rewritten, e.g. VARCHAR(n) checks)
 * @param tokens the statement's tokens, as lexed from the original text
 * @param analyze whether this is {@code EXPLAIN ANALYZE}, which executes the statement
 * @param createdTable for {@code CREATE TABLE} with a column list: the table it creates and where
 *     its key is kept ({@link CreateTable})
 */
public record ClassifiedStatement(StatementKind kind, String sql, List<Token> tokens, boolean analyze,
                                  Optional<CreateTable> createdTable) {
    public ClassifiedStatement {
        requireNonNull(kind, "kind is null");
        requireNonNull(sql, "sql is null");
        tokens = List.copyOf(tokens);
        requireNonNull(createdTable, "createdTable is null");
    }

    /** A statement that creates no table. */
    public ClassifiedStatement(StatementKind kind, String sql, List<Token> tokens, boolean analyze) {
        this(kind, sql, tokens, analyze, Optional.empty());
    }

    /** The first word of the statement, upper case (empty for one that starts with a parenthesis). */
    public String firstWord() {
        if (tokens.isEmpty()) {
            return "";
        }
        Token first = tokens.get(0);
        return first.kind() == Token.Kind.WORD ? first.text().toUpperCase(Locale.ROOT) : "";
    }

    /** Whether the statement returns rows rather than an update count (DML returns rows only with RETURNING). */
    public boolean returnsRows() {
        return kind == StatementKind.QUERY || analyze || kind == StatementKind.ADMIN
                || (kind == StatementKind.DML && tokens.stream().anyMatch(token -> token.isWord("RETURNING")));
    }
}
