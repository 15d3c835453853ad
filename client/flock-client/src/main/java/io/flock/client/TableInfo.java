package io.flock.client;

import static java.util.Objects.requireNonNull;

/**
 * A table or view, from {@link FlockClient#tables(String)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param database the Flock database (Flight SQL catalog)
 * @param schema the DuckDB schema inside it, usually {@code main}
 * @param name the table's name
 * @param type {@code TABLE} or {@code VIEW}
 */
public record TableInfo(String database, String schema, String name, String type) {
    public TableInfo {
        requireNonNull(database, "database is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
