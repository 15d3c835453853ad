package io.flock.engine.duckdb;

import static java.util.Objects.requireNonNull;

import io.flock.engine.worker.TableWrite;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/**
 * A primary-key table as its keyed writes see it: its columns, its key and the name of its hidden
 * delta table ({@link DuckDbDeltas}). Read from DuckDB's catalog, and kept by {@link KeyedTableCache}
 * until the next schema change, so a column added by {@code ALTER TABLE} is seen by the next write.
 *
 * @param schema the table's schema
 * @param table the table's name
 * @param columns every column in table order
 * @param key the primary-key column names in key order
 * @param keyIndexFree whether Flock keeps the key ({@link IndexFreeKeys}, a table created
 *     {@code WITH (key_index = false)}) rather than DuckDB's index
 */
record DuckDbKeyedTable(String schema, String table, List<Column> columns, List<String> key, boolean keyIndexFree) {
    /** The schema holding the delta tables; hidden from Flock's metadata. */
    static final String DELTA_SCHEMA = "__flock_delta";
    /** The delta column holding a row's operation ({@code UPSERT} or {@code DELETE}). */
    static final String OP = "__flock_op";
    /** The delta column ordering rows of one table: the highest sequence of a key wins. */
    static final String SEQ = "__flock_seq";
    /** The storage clause of a delta column holding strings. */
    private static final String UNCOMPRESSED = " USING COMPRESSION uncompressed";
    /** The types DuckDB stores as strings, compressed with its dictionary and FSST schemes by default. */
    private static final Set<String> STRING_TYPES = Set.of("VARCHAR", "BLOB", "JSON");

    /**
     * Built-in scalar types as DuckDB's catalog prints them: user-defined types are in lower case,
     * nested ones have brackets or quotes.
     */
    private static final Pattern SCALAR_TYPE = Pattern.compile("[A-Z][A-Z ]*(\\(\\d+(, ?\\d+)?\\))?");

    /** One column of the table. */
    record Column(String name, String type, String defaultExpression, boolean nullable) {
        Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }

        /** Whether the column's type is a built-in scalar type, whose name can be used in a cast as printed. */
        boolean builtInScalar() {
            return SCALAR_TYPE.matcher(type).matches();
        }

        /** Whether DuckDB stores the column's values as strings (VARCHAR, BLOB, JSON). */
        boolean stringTyped() {
            return STRING_TYPES.contains(type);
        }
    }

    DuckDbKeyedTable {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
        key = List.copyOf(key);
    }

    /**
     * Reads {@code write}'s table, refusing a table that does not exist, has no primary key or
     * carries constraints a delta cannot check when the row is written (CHECK, UNIQUE, FOREIGN KEY).
     */
    static DuckDbKeyedTable read(DuckDBConnection connection, TableWrite write) throws SQLException {
        // DuckDB resolves names case-insensitively (also quoted ones): so does this lookup.
        List<Column> columns = new ArrayList<>();
        String schema = null;
        String name = null;
        try (PreparedStatement s = connection.prepareStatement("SELECT column_name, data_type, column_default,"
                + " is_nullable, schema_name, table_name FROM duckdb_columns() WHERE database_name = current_database()"
                + " AND lower(schema_name) = lower(?) AND lower(table_name) = lower(?) ORDER BY column_index")) {
            s.setString(1, write.schema());
            s.setString(2, write.table());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
                    schema = rs.getString(5);
                    name = rs.getString(6);
                }
            }
        }
        if (columns.isEmpty()) {
            throw new FlockException(ErrorCode.NOT_FOUND, "Table '" + write + "' does not exist");
        }
        List<String> key = List.of();
        List<String> others = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT constraint_type, constraint_column_names"
                + " FROM duckdb_constraints() WHERE database_name = current_database()"
                + " AND schema_name = ? AND table_name = ?")) {
            s.setString(1, schema);
            s.setString(2, name);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(1);
                    if (type.equals("PRIMARY KEY")) {
                        key = names(rs.getArray(2));
                    } else if (!type.equals("NOT NULL")) {
                        others.add(type);
                    }
                }
            }
        }
        boolean keyIndexFree = false;
        if (key.isEmpty()) {
            Optional<IndexFreeKey> kept = IndexFreeKeys.read(connection, schema, name);
            if (kept.isPresent()) {
                key = kept.get().key();
                keyIndexFree = true;
            }
        }
        if (key.isEmpty()) {
            throw new FlockException(ErrorCode.NOT_SUPPORTED, "Table '" + write + "' has no primary key: "
                    + write.operation() + " writes need one to find the row each change replaces; create the table"
                    + " with PRIMARY KEY (…) or write with INSERT");
        }
        if (!others.isEmpty()) {
            throw new FlockException(ErrorCode.NOT_SUPPORTED, "Table '" + write + "' has " + others.stream()
                    .distinct().collect(Collectors.joining(", ")) + " constraints, which " + write.operation()
                    + " writes cannot check when a row is acknowledged; drop them or write with SQL");
        }
        return new DuckDbKeyedTable(schema, name, columns, key, keyIndexFree);
    }

    /** The strings of a DuckDB {@code VARCHAR[]} value (column names). */
    static List<String> names(Array array) throws SQLException {
        List<String> names = new ArrayList<>();
        for (Object name : (Object[]) array.getArray()) {
            names.add(String.valueOf(name));
        }
        return names;
    }

    /** The key as {@link IndexFreeKeys} keeps it (meaningful when {@link #keyIndexFree()}). */
    IndexFreeKey indexFreeKey() {
        return new IndexFreeKey(schema, table, key);
    }

    /** {@code "schema"."table"}. */
    String qualifiedName() {
        return quote(schema) + "." + quote(table);
    }

    /** The delta's name inside {@link #DELTA_SCHEMA}: {@code schema.table}. */
    String deltaName() {
        return schema + "." + table;
    }

    /** {@code "__flock_delta"."schema.table"}. */
    String qualifiedDeltaName() {
        return quote(DELTA_SCHEMA) + "." + quote(deltaName());
    }

    /**
     * The DDL of the delta: the table's columns with their types and defaults, then op and sequence.
     *
     * <p>String columns are stored uncompressed: a delta's rows are written once and read once by
     * the next fold, and DuckDB compresses every full row group a write appends, which for strings
     * (dictionary and FSST) cost about a third of DuckDB's CPU in a keyed write. Other types keep
     * DuckDB's compression, which is cheap and keeps the delta small (docs/primary-key-tables.md,
     * round 3).
     */
    String createDeltaSql() {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(qualifiedDeltaName()).append(" (");
        for (Column column : columns) {
            sql.append(quote(column.name())).append(' ').append(column.type());
            if (column.stringTyped()) {
                sql.append(UNCOMPRESSED);
            }
            if (column.defaultExpression() != null) {
                sql.append(" DEFAULT ").append(column.defaultExpression());
            }
            sql.append(", ");
        }
        return sql.append(OP).append(" VARCHAR NOT NULL, ").append(SEQ).append(" BIGINT NOT NULL)").toString();
    }

    /** {@code "a", "b"}: the quoted column names, in table order. */
    String columnList() {
        return columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
    }

    /** {@code "k1", "k2"}: the quoted key columns. */
    String keyList() {
        return key.stream().map(DuckDbKeyedTable::quote).collect(Collectors.joining(", "));
    }

    /** {@code a."k1" = b."k1" AND …}. */
    String keyMatch(String left, String right) {
        return key.stream().map(k -> left + "." + quote(k) + " = " + right + "." + quote(k))
                .collect(Collectors.joining(" AND "));
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
