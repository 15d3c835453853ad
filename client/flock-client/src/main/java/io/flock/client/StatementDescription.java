package io.flock.client;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a statement will return and which parameters it takes, known before it runs
 * ({@link FlockClient#prepare(String)}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param sql the statement
 * @param columns the columns of its result; empty for a statement that returns no rows
 * @param parameters its parameters ({@code ?} or {@code $n}) in order, with the types the server expects
 */
public record StatementDescription(String sql, List<Column> columns, List<Column> parameters) {
    public StatementDescription {
        requireNonNull(sql, "sql is null");
        columns = List.copyOf(columns);
        parameters = List.copyOf(parameters);
    }

    /** Whether the statement returns rows (a query) rather than an update count. */
    public boolean returnsRows() {
        return !columns.isEmpty();
    }
}
