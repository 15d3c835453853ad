package io.flock.engine.duckdb;

import static io.flock.engine.duckdb.DuckDbKeyedTable.literal;
import static io.flock.engine.duckdb.DuckDbKeyedTable.quote;

import io.flock.engine.sql.CreateTable;
import io.flock.engine.sql.TableName;
import io.flock.engine.sql.Token;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/**
 * The primary keys Flock keeps for one database's tables created {@code WITH (key_index = false)}
 * (docs/primary-key-tables.md): their record, the guard that lets one writer at a time add keys to
 * such a table, and the checks that keep each key unique without a DuckDB index.
 *
 * <p><b>Record.</b> The hidden table {@value #TABLE} holds one row per such table: its schema, name,
 * key columns and a write counter. It lives in the database itself, so a table and its key are
 * created, dropped and rolled back together.
 *
 * <p><b>Guard.</b> Every transaction that may add a key to such a table — a SQL INSERT, MERGE or
 * UPDATE of a key column, a write of Arrow rows, a fold of the table's delta — first increments the
 * table's counter. DuckDB lets only one transaction update a row until it ends, and refuses an
 * update of a row committed after the updater's snapshot began, so two such transactions never both
 * commit: a check inside each one's snapshot sees every key the table can hold. Writers in a
 * transaction of their own (and folds) take {@link #writeTurn} before they begin and hold it until
 * they commit, so they wait for each other instead of failing. An explicit transaction takes the
 * turn and the guard only when it commits ({@link DuckDbTransaction#guardAtCommit}), so it never
 * holds up the others; its commit fails with {@code TRANSACTION_CONFLICT} if another writer added
 * keys since it began.
 *
 * <p><b>Checks.</b> After a statement that may add keys, the keys of the rows the transaction added
 * (DuckDB numbers a transaction's uncommitted rows from {@link #LOCAL_ROW_IDS}) are looked up in the
 * table; a key found twice fails the statement as DuckDB's own primary key would. An UPDATE of a key
 * column changes rows in place, so it checks the whole table instead.
 *
 * <p>Thread-safe.
 */
final class IndexFreeKeys {
    /** The hidden record; {@code __flock_} tables are not listed in metadata. */
    static final String NAME = "__flock_table_keys";
    static final String TABLE = "main." + NAME;
    /** The first row id DuckDB gives rows a transaction has added and not committed yet (about 2^55, measured at start). */
    static final long LOCAL_ROW_IDS = localRowIds();

    private record Kept(long generation, List<IndexFreeKey> keys) {}

    private final DuckDbInstance instance;
    private volatile Kept kept = new Kept(-1, List.of());
    private final Map<String, ReentrantLock> turns = new ConcurrentHashMap<>();

    IndexFreeKeys(DuckDbInstance instance) {
        this.instance = instance;
    }

    /** Every table of the database whose key Flock keeps, as committed (kept until the next schema change). */
    List<IndexFreeKey> all() {
        long generation = instance.shapes().generation();
        Kept current = kept;
        if (current.generation() == generation) {
            return current.keys();
        }
        List<IndexFreeKey> keys = instance.withServerConnection(IndexFreeKeys::read);
        if (instance.shapes().generation() == generation) {
            kept = new Kept(generation, keys);
        }
        return keys;
    }

    /** Every table of the database whose key Flock keeps, as {@code connection}'s transaction sees them. */
    static List<IndexFreeKey> read(DuckDBConnection connection) throws SQLException {
        if (!recordExists(connection)) {
            return List.of();
        }
        List<IndexFreeKey> keys = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT schema_name, table_name, key_columns FROM " + TABLE
                     + " ORDER BY 1, 2")) {
            while (rs.next()) {
                keys.add(new IndexFreeKey(rs.getString(1), rs.getString(2), DuckDbKeyedTable.names(rs.getArray(3))));
            }
        }
        return keys;
    }

    /** The key Flock keeps for {@code schema.table}, as {@code connection}'s transaction sees it. */
    static Optional<IndexFreeKey> read(DuckDBConnection connection, String schema, String table) throws SQLException {
        return find(read(connection), schema, table);
    }

    /** The key of {@code schema.table} among {@code keys} (names compared as DuckDB resolves them). */
    static Optional<IndexFreeKey> find(List<IndexFreeKey> keys, String schema, String table) {
        return keys.stream().filter(k -> k.schema().equalsIgnoreCase(schema) && k.table().equalsIgnoreCase(table))
                .findFirst();
    }

    /** The tables of {@link #all()} that {@code tokens} name (a statement that writes a table names it). */
    List<IndexFreeKey> namedIn(List<Token> tokens) {
        List<IndexFreeKey> all = all();
        return all.isEmpty() ? List.of() : namedIn(all, tokens);
    }

    /** The tables of {@code keys} that {@code tokens} name. */
    static List<IndexFreeKey> namedIn(List<IndexFreeKey> keys, List<Token> tokens) {
        List<IndexFreeKey> named = new ArrayList<>();
        for (IndexFreeKey key : keys) {
            boolean mentioned = tokens.stream().anyMatch(t -> (t.kind() == Token.Kind.WORD
                    || t.kind() == Token.Kind.QUOTED_IDENTIFIER) && t.identifier().equalsIgnoreCase(key.table()));
            if (mentioned) {
                named.add(key);
            }
        }
        return named;
    }

    /**
     * The lock writers of {@code key}'s table in a transaction of their own (and its folds) take in
     * turn, held until their commit, so they wait for each other instead of failing on the guard.
     */
    ReentrantLock writeTurn(IndexFreeKey key) {
        return turns.computeIfAbsent((key.schema() + "." + key.table()).toLowerCase(Locale.ROOT),
                k -> new ReentrantLock());
    }

    /**
     * Takes the guard of {@code key}'s table in {@code connection}'s transaction: no other
     * transaction adds keys to the table until this one ends.
     *
     * @throws FlockException {@code TRANSACTION_CONFLICT} when another transaction holds it, or
     *     committed keys to the table after this transaction began
     */
    static void guard(DuckDBConnection connection, IndexFreeKey key) {
        try (PreparedStatement s = connection.prepareStatement("UPDATE " + TABLE + " SET writes = writes + 1"
                + " WHERE schema_name = ? AND table_name = ?")) {
            s.setString(1, key.schema());
            s.setString(2, key.table());
            s.executeUpdate();
        } catch (SQLException e) {
            if (DuckDbErrors.codeOf(e) != ErrorCode.TRANSACTION_CONFLICT) {
                throw DuckDbErrors.toFlock(e, "Cannot write into table " + key);
            }
            throw new FlockException(ErrorCode.TRANSACTION_CONFLICT, "Another transaction added keys to table " + key
                    + " (or folded changes into it) since this transaction began; a table created WITH (key_index ="
                    + " false) takes the keys of one such transaction at a time: retry", e);
        }
    }

    /**
     * Checks that the rows {@code connection}'s transaction added to {@code key}'s table (or, with
     * {@code wholeTable}, every row) hold no key twice.
     *
     * @throws FlockException {@code CONSTRAINT_VIOLATION} naming the first duplicate key
     */
    static void checkUnique(DuckDBConnection connection, IndexFreeKey key, boolean wholeTable) throws SQLException {
        String table = key.qualifiedName();
        String sql;
        try (Statement s = connection.createStatement()) {
            if (wholeTable) {
                sql = "SELECT " + key.keyList() + " FROM " + table + " GROUP BY ALL HAVING count(*) > 1 LIMIT 1";
            } else {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table + " WHERE rowid >= "
                        + LOCAL_ROW_IDS)) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                sql = "SELECT " + key.keyList("t") + " FROM " + table + " AS t SEMI JOIN (SELECT " + key.keyList()
                        + " FROM " + table + " WHERE rowid >= " + LOCAL_ROW_IDS + ") AS added ON "
                        + key.keyMatch("t", "added") + " GROUP BY ALL HAVING count(*) > 1 LIMIT 1";
            }
            try (ResultSet rs = s.executeQuery(sql)) {
                if (rs.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < key.key().size(); i++) {
                        values.add(key.key().get(i) + ": " + rs.getString(i + 1));
                    }
                    throw new FlockException(ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key \""
                            + String.join(", ", values) + "\" violates the primary key of table " + key
                            + " (kept by Flock: key_index = false)");
                }
            }
        }
    }

    /**
     * Makes {@code connection}'s open transaction unable to commit: after a write that failed a key
     * check, nothing of it may be committed, and DuckDB has no savepoint to undo just that write.
     */
    static void abort(DuckDBConnection connection) {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT error('a write of this transaction failed; roll it back')");
        } catch (SQLException expected) {
            // the error aborts the transaction (or it was aborted already)
        }
    }

    /**
     * Records the key of a table just created by {@code created} in {@code connection}'s transaction:
     * its key columns become NOT NULL and the record names them as DuckDB spells them.
     */
    static void record(DuckDBConnection connection, CreateTable created) throws SQLException {
        TableName name = created.name();
        String schema = null;
        String table = null;
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT schema_name, table_name, column_name"
                + " FROM duckdb_columns() WHERE database_name = current_database() AND lower(schema_name) = lower(?)"
                + " AND lower(table_name) = lower(?) ORDER BY column_index")) {
            s.setString(1, name.schemaOrDefault());
            s.setString(2, name.table());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    schema = rs.getString(1);
                    table = rs.getString(2);
                    columns.put(rs.getString(3).toLowerCase(Locale.ROOT), rs.getString(3));
                }
            }
        }
        if (table == null) {
            throw new FlockException(ErrorCode.INTERNAL, "Table " + name + " was created but is not in the catalog");
        }
        List<String> key = new ArrayList<>();
        for (String column : created.indexFreeKey()) {
            String spelled = columns.get(column.toLowerCase(Locale.ROOT));
            if (spelled == null) {
                throw new FlockException(ErrorCode.NOT_FOUND, "The PRIMARY KEY of table " + name + " names column '"
                        + column + "', which the table does not have");
            }
            key.add(spelled);
        }
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (schema_name VARCHAR NOT NULL, table_name VARCHAR"
                    + " NOT NULL, key_columns VARCHAR[] NOT NULL, writes BIGINT NOT NULL DEFAULT 0)");
            for (String column : key) {
                s.execute("ALTER TABLE " + quote(schema) + "." + quote(table) + " ALTER COLUMN " + quote(column)
                        + " SET NOT NULL");
            }
            s.execute("DELETE FROM " + TABLE + " WHERE lower(schema_name) = lower(" + literal(schema)
                    + ") AND lower(table_name) = lower(" + literal(table) + ")");
            s.execute("INSERT INTO " + TABLE + " (schema_name, table_name, key_columns) VALUES (" + literal(schema)
                    + ", " + literal(table) + ", " + key.stream().map(DuckDbKeyedTable::literal)
                    .collect(Collectors.joining(", ", "[", "]")) + ")");
        }
    }

    /** Forgets the key of {@code name} (a {@code CREATE OR REPLACE TABLE} without the option replaced it). */
    static void forget(DuckDBConnection connection, TableName name) throws SQLException {
        if (!recordExists(connection)) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("DELETE FROM " + TABLE + " WHERE lower(schema_name) = lower(" + literal(name.schemaOrDefault())
                    + ") AND lower(table_name) = lower(" + literal(name.table()) + ")");
        }
    }

    /** Forgets the keys of tables that no longer exist (dropped, alone or with their schema). */
    static void forgetDropped(DuckDBConnection connection) throws SQLException {
        if (!recordExists(connection)) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("DELETE FROM " + TABLE + " AS k WHERE NOT EXISTS (SELECT 1 FROM duckdb_tables() AS t"
                    + " WHERE t.database_name = current_database() AND t.schema_name = k.schema_name"
                    + " AND t.table_name = k.table_name)");
        }
    }

    private static boolean recordExists(DuckDBConnection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM duckdb_tables() WHERE database_name"
                     + " = current_database() AND schema_name = 'main' AND table_name = '" + NAME + "'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }



    /**
     * Asks DuckDB where it numbers a transaction's uncommitted rows (an internal constant, just below
     * 2^55 in DuckDB 2.0), so a new DuckDB version cannot silently break the checks.
     */
    private static long localRowIds() {
        try (DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
             Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE probe (x INTEGER)");
            s.execute("INSERT INTO probe VALUES (1)");
            s.execute("BEGIN TRANSACTION");
            s.execute("INSERT INTO probe VALUES (2)");
            try (ResultSet rs = s.executeQuery("SELECT rowid FROM probe WHERE x = 2")) {
                rs.next();
                long first = rs.getLong(1);
                if (first < 1L << 40) {
                    throw new IllegalStateException("DuckDB numbers uncommitted rows from " + first
                            + ", too close to committed ones for key checks");
                }
                return first;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot learn how DuckDB numbers uncommitted rows: " + e.getMessage(), e);
        }
    }
}
