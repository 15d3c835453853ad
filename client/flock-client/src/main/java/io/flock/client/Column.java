package io.flock.client;

import static java.util.Objects.requireNonNull;

/**
 * A column of a result, a table or a statement's parameters.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the column name (parameters are named by the server, e.g. {@code $1} or {@code parameter_1})
 * @param type the SQL type name as DuckDB writes it, e.g. {@code BIGINT}, {@code DECIMAL(18,3)},
 *     {@code VARCHAR[]}, {@code TIMESTAMP WITH TIME ZONE} (docs/types.md)
 * @param nullable whether the column may hold NULL
 */
public record Column(String name, String type, boolean nullable) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
