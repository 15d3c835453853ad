package io.flock.engine.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a {@code CREATE TABLE} statement with a column list creates, as far as Flock needs to know.
 *
 * @param name the table
 * @param orReplace {@code CREATE OR REPLACE TABLE}
 * @param ifNotExists {@code CREATE TABLE IF NOT EXISTS}
 * @param indexFreeKey the primary-key columns Flock keeps for a table created
 *     {@code WITH (key_index = false)} (docs/primary-key-tables.md); empty for every other table,
 *     whose key (if any) DuckDB keeps
 */
public record CreateTable(TableName name, boolean orReplace, boolean ifNotExists, List<String> indexFreeKey) {
    public CreateTable {
        requireNonNull(name, "name is null");
        indexFreeKey = List.copyOf(indexFreeKey);
    }

    /** Whether Flock keeps this table's primary key instead of DuckDB's index. */
    public boolean keyIndexFree() {
        return !indexFreeKey.isEmpty();
    }
}
