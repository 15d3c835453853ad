package io.flock.engine.duckdb;

import static io.flock.engine.duckdb.DuckDbKeyedTable.quote;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The primary key of a table created {@code WITH (key_index = false)}: kept by Flock in
 * {@link IndexFreeKeys}, not by a DuckDB index (docs/primary-key-tables.md).
 *
 * @param schema the table's schema, as DuckDB spells it
 * @param table the table's name, as DuckDB spells it
 * @param key the key columns in key order, as DuckDB spells them
 */
record IndexFreeKey(String schema, String table, List<String> key) {
    IndexFreeKey {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        key = List.copyOf(key);
    }

    /** {@code "schema"."table"}. */
    String qualifiedName() {
        return quote(schema) + "." + quote(table);
    }

    /** {@code "k1", "k2"}. */
    String keyList() {
        return key.stream().map(DuckDbKeyedTable::quote).collect(Collectors.joining(", "));
    }

    /** {@code alias."k1", alias."k2"}. */
    String keyList(String alias) {
        return key.stream().map(k -> alias + "." + quote(k)).collect(Collectors.joining(", "));
    }

    /** {@code a."k1" = b."k1" AND …}. */
    String keyMatch(String left, String right) {
        return key.stream().map(k -> left + "." + quote(k) + " = " + right + "." + quote(k))
                .collect(Collectors.joining(" AND "));
    }

    /** Whether {@code identifier} names one of the key columns (case-insensitively, as DuckDB resolves names). */
    boolean isKeyColumn(String identifier) {
        return key.stream().anyMatch(k -> k.equalsIgnoreCase(identifier));
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
