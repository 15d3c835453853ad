package io.flock.engine.duckdb;

import io.flock.engine.worker.TableWrite;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.duckdb.DuckDBConnection;

/**
 * The definitions ({@link DuckDbKeyedTable}) of one database's primary-key tables, as keyed writes
 * read them: columns, types, defaults and key. Reading one from DuckDB's catalog functions costs a
 * few milliseconds — most of what a single-row keyed write cost — so a definition is kept until the
 * next schema change ({@link ShapeCache#generation()}, which every DDL statement and the end of every
 * explicit transaction that ran one move on; batches of parameter rows, which bypass that tracking,
 * run DML only). A definition read while the schema changed is not kept. Thread-safe.
 *
 * <p>Only for writes in a transaction of their own: inside an open transaction the catalog may hold
 * the transaction's own uncommitted changes, which no other writer may see, so those writes read it
 * themselves ({@link DuckDbKeyedTable#read}).
 */
final class KeyedTableCache {
    private record Kept(long generation, DuckDbKeyedTable table) {}

    /** A table's name as DuckDB resolves it: case-insensitively, schema and table apart (either may hold a dot). */
    private record Name(String schema, String table) {
        static Name of(TableWrite write) {
            return new Name(write.schema().toLowerCase(Locale.ROOT), write.table().toLowerCase(Locale.ROOT));
        }
    }

    private final ShapeCache shapes;
    private final Map<Name, Kept> tables = new ConcurrentHashMap<>();

    KeyedTableCache(ShapeCache shapes) {
        this.shapes = shapes;
    }

    /** The definition of the table {@code write} names, kept or read on {@code connection}. */
    DuckDbKeyedTable get(DuckDBConnection connection, TableWrite write) throws SQLException {
        Name name = Name.of(write);
        long generation = shapes.generation();
        Kept kept = tables.get(name);
        if (kept != null && kept.generation() == generation) {
            return kept.table();
        }
        DuckDbKeyedTable table = DuckDbKeyedTable.read(connection, write);
        if (shapes.generation() == generation) {
            tables.put(name, new Kept(generation, table));
        }
        return table;
    }
}
