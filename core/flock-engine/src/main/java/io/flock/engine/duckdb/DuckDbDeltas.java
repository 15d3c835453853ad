package io.flock.engine.duckdb;

import static io.flock.engine.duckdb.DuckDbKeyedTable.DELTA_SCHEMA;
import static io.flock.engine.duckdb.DuckDbKeyedTable.OP;
import static io.flock.engine.duckdb.DuckDbKeyedTable.SEQ;
import static io.flock.engine.duckdb.DuckDbKeyedTable.literal;
import static io.flock.engine.duckdb.DuckDbKeyedTable.quote;

import io.flock.engine.worker.CompactionStats;
import io.flock.engine.worker.TableWrite;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delta tables of one database's primary-key tables (merge-on-read, docs/primary-key-tables.md).
 *
 * <p>An UPSERT or CHANGES write appends its rows, with their operation and a sequence number, to
 * the hidden table {@code "__flock_delta"."schema.table"} and commits: that is all the write costs,
 * whatever the size of the table. {@link #foldPending()} folds every delta into its table in one
 * transaction per table — delete the rows whose keys the delta holds, insert the latest UPSERT per
 * key, empty the delta — and runs before every statement on the database, so every query, every SQL
 * UPDATE/DELETE/MERGE and every DDL sees the merged latest state of every table; a background
 * compaction runs it too, so the delta a statement finds is small. One fold takes at most
 * {@link #compactAt foldRows} rows, the oldest by sequence number; a larger backlog is folded by
 * several in a row (one huge fold costs several times more than its parts).
 *
 * <p>Bookkeeping: per delta, the rows appended by writes (counted just before their commit) and the
 * rows folded by committed folds; a delta is pending while the first exceeds the second. Folds run
 * one at a time.
 *
 * <p>Thread-safe.
 */
final class DuckDbDeltas {
    private static final Logger log = LoggerFactory.getLogger(DuckDbDeltas.class);

    private final DuckDbInstance instance;
    private final ReentrantLock folding = new ReentrantLock();
    private final Map<String, Delta> deltas = new ConcurrentHashMap<>();
    /** Per delta, the column signature it was last seen to have, so most writes skip reading it. */
    private final Map<String, List<String>> checkedColumns = new ConcurrentHashMap<>();
    private volatile boolean loaded;
    /** The connection folds run on, opened on first use; guarded by {@link #folding}. */
    private DuckDBConnection foldConnection;
    /** Set when the instance closes; guarded by {@link #folding}. */
    private boolean closed;
    /** The most delta rows one fold takes, and the pending rows at which {@link #backlog} runs. */
    private volatile long foldRows = DuckDbSettings.DEFAULT_COMPACTION_ROWS;
    /** The pending rows at which a keyed write folds before it writes ({@link #foldBacklog()}). */
    private volatile long maxPending = DuckDbSettings.DEFAULT_MAX_PENDING_ROWS;
    private volatile Runnable backlog = () -> {};

    /** One table's delta: its counters and the next sequence number. */
    private static final class Delta {
        final String schema;
        final String table;
        final AtomicLong appended = new AtomicLong();
        final AtomicLong folded = new AtomicLong();
        final AtomicLong nextSeq = new AtomicLong();
        final AtomicLong folds = new AtomicLong();
        final AtomicLong failedFolds = new AtomicLong();
        volatile long lastFoldMillis = -1;
        volatile Instant lastFoldAt;
        volatile String lastError;

        Delta(String schema, String table) {
            this.schema = schema;
            this.table = table;
        }

        boolean pending() {
            return appended.get() > folded.get();
        }
    }

    DuckDbDeltas(DuckDbInstance instance) {
        this.instance = instance;
    }

    /**
     * Makes sure the delta of {@code table} exists with the table's current columns; a delta whose
     * columns differ (the table was altered or re-created) is folded and re-created.
     */
    void prepare(DuckDBConnection connection, DuckDbKeyedTable table) throws SQLException {
        load();
        List<String> wanted = new ArrayList<>();
        table.columns().forEach(c -> wanted.add(c.name() + " " + c.type()));
        wanted.add(OP + " VARCHAR");
        wanted.add(SEQ + " BIGINT");
        if (wanted.equals(checkedColumns.get(table.deltaName()))) {
            return;
        }
        List<String> existing = deltaColumns(connection, table);
        if (existing.equals(wanted)) {
            checkedColumns.put(table.deltaName(), wanted);
            return;
        }
        folding.lock();
        try {
            // Another writer may have created or re-created the delta while this one waited.
            existing = deltaColumns(connection, table);
            if (existing.equals(wanted)) {
                checkedColumns.put(table.deltaName(), wanted);
                return;
            }
            foldLocked();
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + quote(DELTA_SCHEMA));
                if (!existing.isEmpty()) {
                    s.execute("DROP TABLE IF EXISTS " + table.qualifiedDeltaName());
                }
                s.execute(table.createDeltaSql());
            }
            deltas.computeIfAbsent(table.deltaName(), n -> new Delta(table.schema(), table.table()));
            checkedColumns.put(table.deltaName(), wanted);
        } finally {
            folding.unlock();
        }
    }

    private static List<String> deltaColumns(DuckDBConnection connection, DuckDbKeyedTable table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT column_name, data_type FROM duckdb_columns()"
                     + " WHERE database_name = current_database() AND schema_name = " + literal(DELTA_SCHEMA)
                     + " AND table_name = " + literal(table.deltaName()) + " ORDER BY column_index")) {
            while (rs.next()) {
                columns.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return columns;
    }

    /** Forgets what {@link #prepare} learned about {@code table}'s delta (after a write into it failed). */
    void forget(DuckDbKeyedTable table) {
        checkedColumns.remove(table.deltaName());
    }

    /**
     * Folds take at most {@code rows} delta rows per transaction (a larger backlog is folded in
     * several, oldest first), and {@code action} runs (it must return at once: it asks the
     * background compaction to fold) whenever a committed write leaves {@code rows} or more rows
     * pending in this database's deltas.
     */
    void compactAt(long rows, Runnable action) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be positive");
        }
        backlog = Objects.requireNonNull(action, "action is null");
        foldRows = rows;
    }

    /** Keyed writes fold first once {@code rows} delta rows are pending ({@link #foldBacklog()}). */
    void limitPending(long rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be positive");
        }
        maxPending = rows;
    }

    /**
     * Before a keyed write: folds the pending rows if there are {@code maxPending} or more, on the
     * writer's thread. This is the back-pressure of keyed writes: a writer waits for the folds
     * instead of growing the delta (and the wait of the next statement) without bound, and its
     * client's in-flight limit then holds the client.
     */
    void foldBacklog() {
        if (pendingRows() >= maxPending) {
            foldPending();
        }
    }

    /** After a write committed into a delta: asks for a fold when {@link #foldRows} rows are pending. */
    void committed() {
        if (pendingRows() >= foldRows) {
            backlog.run();
        }
    }

    /** Each delta's backlog and folds, as {@code flock.compactions} shows them. */
    List<CompactionStats> stats() {
        load();
        List<CompactionStats> stats = new ArrayList<>();
        for (Delta delta : deltas.values()) {
            stats.add(new CompactionStats(instance.name(), delta.schema + "." + delta.table,
                    Math.max(0, delta.appended.get() - delta.folded.get()), delta.folds.get(), delta.folded.get(),
                    delta.lastFoldMillis, delta.lastFoldAt, delta.failedFolds.get(), delta.lastError));
        }
        return stats;
    }

    /** The rows written into this database's deltas and not yet folded. */
    long pendingRows() {
        long rows = 0;
        for (Delta delta : deltas.values()) {
            rows += Math.max(0, delta.appended.get() - delta.folded.get());
        }
        return rows;
    }

    /** Reserves {@code rows} consecutive sequence numbers of {@code table}'s delta; returns the first. */
    long reserve(DuckDbKeyedTable table, long rows) {
        return delta(table).nextSeq.getAndAdd(rows);
    }

    /**
     * Counts {@code rows} rows of a write into {@code table}'s delta, just before its commit (and
     * takes them back, negative, if the commit fails).
     */
    void appended(DuckDbKeyedTable table, long rows) {
        delta(table).appended.addAndGet(rows);
    }

    private Delta delta(DuckDbKeyedTable table) {
        return deltas.computeIfAbsent(table.deltaName(), n -> new Delta(table.schema(), table.table()));
    }

    /** Whether some delta holds rows not yet folded, or a fold is running. */
    boolean pending() {
        load();
        for (Delta delta : deltas.values()) {
            if (delta.pending()) {
                return true;
            }
        }
        return folding.isLocked();
    }

    /**
     * Folds every pending delta into its table, waiting for a fold already running; returns at
     * once when nothing is pending. Afterwards every write acknowledged before the call is in its
     * table.
     */
    void foldPending() {
        if (!pending()) {
            return;
        }
        folding.lock();
        try {
            foldLocked();
        } finally {
            folding.unlock();
        }
    }

    /** Folds the delta of one table, if it has pending rows (before a write inside a transaction). */
    void foldPending(TableWrite write) {
        load();
        String name = write.schema() + "." + write.table();
        for (Map.Entry<String, Delta> entry : deltas.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && (entry.getValue().pending() || folding.isLocked())) {
                foldPending();
                return;
            }
        }
    }

    private void foldLocked() {
        if (closed) {
            throw new FlockException(ErrorCode.DATABASE_NOT_FOUND, "Database '" + instance.name() + "' is closed");
        }
        if (foldConnection == null) {
            foldConnection = instance.openConnection();
        }
        for (Map.Entry<String, Delta> entry : deltas.entrySet()) {
            Delta delta = entry.getValue();
            if (delta.pending()) {
                try {
                    // A large backlog is folded in several transactions of at most foldRows rows each,
                    // oldest first: one huge fold costs far more than its parts (docs/primary-key-tables.md).
                    Folded folded;
                    do {
                        long start = System.nanoTime();
                        folded = fold(foldConnection, delta);
                        delta.folded.addAndGet(folded.rows());
                        if (folded.rows() > 0) {
                            delta.folds.incrementAndGet();
                            delta.lastFoldMillis = (System.nanoTime() - start) / 1_000_000;
                            delta.lastFoldAt = Instant.now();
                        }
                    } while (!folded.complete());
                } catch (SQLException | RuntimeException e) {
                    delta.failedFolds.incrementAndGet();
                    delta.lastError = e.getMessage();
                    throw e instanceof SQLException sql ? DuckDbErrors.toFlock(sql, "Folding the changes written into "
                            + delta.schema + "." + delta.table + " failed; they stay pending and are retried")
                            : (RuntimeException) e;
                }
            }
        }
    }

    /** Waits for a running fold and refuses later ones (the instance is closing). */
    void close() {
        folding.lock();
        try {
            closed = true;
        } finally {
            folding.unlock();
        }
    }

    /**
     * What one fold did: the delta rows it folded, and whether they were all the rows the delta
     * showed it (otherwise it took the oldest {@link #foldRows} and more are left).
     */
    private record Folded(long rows, boolean complete) {}

    /** Folds the oldest (at most {@link #foldRows}) rows of one delta in one transaction. */
    private Folded fold(DuckDBConnection connection, Delta delta) throws SQLException {
        TableWrite write = TableWrite.upsertInto(delta.schema, delta.table);
        String deltaName = quote(DELTA_SCHEMA) + "." + quote(delta.schema + "." + delta.table);
        DuckDbKeyedTable table;
        try {
            table = DuckDbKeyedTable.read(connection, write);
        } catch (FlockException e) {
            // The table was dropped or lost its key: its delta can never be folded.
            log.warn("Discarding the delta of {}: {}", write, e.getMessage());
            checkedColumns.remove(delta.schema + "." + delta.table);
            try (Statement s = connection.createStatement()) {
                long rows = count(s, deltaName);
                s.execute("DROP TABLE IF EXISTS " + deltaName);
                return new Folded(rows, true);
            }
        }
        List<String> deltaColumns = deltaColumns(connection, table);
        List<String> columns = new ArrayList<>();
        for (DuckDbKeyedTable.Column column : table.columns()) {
            if (deltaColumns.contains(column.name() + " " + column.type())) {
                columns.add(quote(column.name()));
            }
        }
        String columnList = String.join(", ", columns);
        // A table whose key Flock keeps: writers that add keys take turns with the fold, and the
        // guard keeps out explicit transactions (IndexFreeKeys).
        ReentrantLock turn = table.keyIndexFree() ? instance.indexFreeKeys().writeTurn(table.indexFreeKey()) : null;
        if (turn != null) {
            turn.lock();
        }
        try {
            return fold(connection, table, deltaName, columnList, write);
        } finally {
            if (turn != null) {
                turn.unlock();
            }
        }
    }

    private Folded fold(DuckDBConnection connection, DuckDbKeyedTable table, String deltaName, String columnList,
                        TableWrite write) throws SQLException {
        long start = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN TRANSACTION");
            try {
                if (table.keyIndexFree()) {
                    IndexFreeKeys.guard(connection, table.indexFreeKey());
                }
                long[] marks = new long[5];
                long first;
                long last;
                try (ResultSet rs = s.executeQuery("SELECT min(" + SEQ + "), max(" + SEQ + ") FROM " + deltaName)) {
                    rs.next();
                    first = rs.getLong(1);
                    if (rs.wasNull()) {
                        s.execute("COMMIT");
                        return new Folded(0, true);
                    }
                    last = rs.getLong(2);
                }
                // Sequence numbers grow with the order of the rows: the oldest foldRows rows at most.
                boolean complete = last - first < foldRows;
                String rowsToFold = deltaName + (complete ? "" : " WHERE " + SEQ + " < " + (first + foldRows));
                marks[0] = System.nanoTime();
                s.execute("DELETE FROM " + table.qualifiedName() + " USING (SELECT DISTINCT " + table.keyList()
                        + " FROM " + rowsToFold + ") AS __flock_keys WHERE "
                        + table.keyMatch(quote(table.table()), "__flock_keys"));
                marks[1] = System.nanoTime();
                s.execute("INSERT INTO " + table.qualifiedName() + " (" + columnList + ") SELECT " + columnList
                        + " FROM " + rowsToFold + " QUALIFY row_number() OVER (PARTITION BY " + table.keyList()
                        + " ORDER BY " + SEQ + " DESC) = 1 AND " + OP + " = 'UPSERT'");
                marks[2] = System.nanoTime();
                s.execute("DELETE FROM " + rowsToFold);
                long rows = Math.max(0, s.getLargeUpdateCount());
                marks[3] = System.nanoTime();
                s.execute("COMMIT");
                marks[4] = System.nanoTime();
                log.debug("Folded {} delta rows into {} in {} ms (delete keys {} ms, insert {} ms, clear delta {} ms,"
                        + " commit {} ms)", rows, write, (marks[4] - start) / 1_000_000,
                        (marks[1] - marks[0]) / 1_000_000, (marks[2] - marks[1]) / 1_000_000,
                        (marks[3] - marks[2]) / 1_000_000, (marks[4] - marks[3]) / 1_000_000);
                return new Folded(rows, complete);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(s);
                throw e;
            }
        }
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void rollbackQuietly(Statement s) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // DuckDB already ended the failed transaction
        }
    }

    /** Finds the deltas left by the last run: their rows are pending until folded. */
    private void load() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            instance.withServerConnection(c -> {
                List<String> names = new ArrayList<>();
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT table_name FROM duckdb_tables()"
                             + " WHERE database_name = current_database() AND schema_name = "
                             + literal(DELTA_SCHEMA))) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                try (Statement s = c.createStatement()) {
                    for (String name : names) {
                        try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(max(" + SEQ + ") + 1, 0) FROM "
                                + quote(DELTA_SCHEMA) + "." + quote(name))) {
                            rs.next();
                            int dot = name.indexOf('.');
                            Delta delta = new Delta(name.substring(0, dot), name.substring(dot + 1));
                            delta.appended.set(rs.getLong(1));
                            delta.nextSeq.set(rs.getLong(2));
                            deltas.put(name, delta);
                        }
                    }
                }
                return null;
            });
            loaded = true;
        }
    }
}
