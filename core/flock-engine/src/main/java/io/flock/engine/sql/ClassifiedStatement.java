package io.flock.engine.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One statement that passed {@link StatementClassifier}: safe to hand to DuckDB (or to Flock's
 * own administration) once the session holds the privilege its {@link #kind()} needs.
 *
 * @param kind what the statement does
 * @param sql the statement text to execute (possibly rewritten, e.g. VARCHAR(n) checks)
 * @param tokens the statement's tokens, as lexed from the original text
 * @param analyze whether this is {@code EXPLAIN ANALYZE}, which executes the statement
 */
public record ClassifiedStatement(StatementKind kind, String sql, List<Token> tokens, boolean analyze) {
    public ClassifiedStatement {
        requireNonNull(kind, "kind is null");
        requireNonNull(sql, "sql is null");
        tokens = List.copyOf(tokens);
    }

    /** Whether the statement returns rows rather than an update count (DML returns rows only with RETURNING). */
    public boolean returnsRows() {
        return kind == StatementKind.QUERY || analyze || kind == StatementKind.ADMIN
                || (kind == StatementKind.DML && tokens.stream().anyMatch(token -> token.isWord("RETURNING")));
    }
}
