package io.flock.engine.duckdb;

import static io.flock.engine.duckdb.DuckDbKeyedTable.OP;
import static io.flock.engine.duckdb.DuckDbKeyedTable.SEQ;
import static io.flock.engine.duckdb.DuckDbKeyedTable.quote;

import io.flock.engine.worker.TableWrite;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An UPSERT or CHANGES write into a primary-key table (docs/primary-key-tables.md).
 *
 * <p>The Arrow rows are first staged in a temporary table, in their order, and checked: every
 * column exists in the table, no key is NULL, no UPSERT leaves a NOT NULL column NULL, every
 * {@code __flock_op} is UPSERT or DELETE. A bad row fails the whole write, naming the row (1-based,
 * in the order of the stream) and the column; nothing is written.
 *
 * <p>In a transaction of its own, the staged rows are appended to the table's delta
 * ({@link DuckDbDeltas}) with consecutive sequence numbers, so later rows win over earlier ones of
 * the same key; the cost does not grow with the table. Inside the caller's open transaction the
 * rows apply to the table itself (delete the keys, insert the last UPSERT per key), so the
 * transaction's next statements see them.
 */
final class DuckDbKeyedWrite extends DuckDbTableWrite {
    private static final Logger log = LoggerFactory.getLogger(DuckDbKeyedWrite.class);
    private static final AtomicLong STREAMS = new AtomicLong();

    private boolean inTransaction;

    /** The explicit transaction the write applies to the table in; null for a write into the delta. */
    private final DuckDbTransaction transaction;

    private DuckDbKeyedWrite(DuckDbInstance instance, DuckDBConnection connection, Runnable releaseConnection,
                             DuckDbTransaction transaction, TableWrite write, ArrowReader rows,
                             BufferAllocator allocator) {
        super(instance, connection, releaseConnection, transaction == null, write, rows, allocator);
        this.transaction = transaction;
    }

    /** A keyed write in a transaction of its own, appended to the table's delta. */
    static DuckDbKeyedWrite prepare(DuckDbInstance instance, TableWrite write, ArrowReader rows,
                                    BufferAllocator allocator) {
        instance.deltas().foldBacklog();
        DuckDBConnection connection = instance.borrow();
        return new DuckDbKeyedWrite(instance, connection, () -> instance.release(connection), null, write, rows,
                allocator);
    }

    /** A keyed write inside {@code transaction}, applied to the table on the transaction's connection. */
    static DuckDbKeyedWrite prepare(DuckDbTransaction transaction, TableWrite write, ArrowReader rows,
                                    BufferAllocator allocator) {
        DuckDbInstance instance = transaction.instance();
        // Older changes still in the delta must not land on top of this transaction's rows.
        instance.deltas().foldPending(write);
        DuckDBConnection connection = transaction.takeTurn();
        return new DuckDbKeyedWrite(instance, connection, transaction::endTurn, transaction, write, rows, allocator);
    }

    @Override
    public void run() {
        String stage = "__flock_stage_" + STREAMS.incrementAndGet();
        String view = stage + "_stream";
        DuckDbKeyedTable prepared = null;
        try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator);
             Statement statement = connection.createStatement()) {
            checkCancelled();
            long start = System.nanoTime();
            long[] marks = new long[4]; // staged, checked, appended, committed
            DuckDbKeyedTable table = ownTransaction ? instance.keyedTables().get(connection, write)
                    : DuckDbKeyedTable.read(connection, write);
            if (ownTransaction) {
                prepared = table;
                instance.deltas().prepare(connection, table);
                if (write.stream().isPresent()) {
                    instance.streamPositions().ensureTable(connection);
                }
                statement.execute("BEGIN TRANSACTION");
                inTransaction = true;
            }
            Map<String, String> columns = streamColumns(table);
            Data.exportArrayStream(allocator, rows, stream);
            connection.registerArrowStream(view, stream);
            running(statement);
            try {
                statement.execute("CREATE TEMP TABLE " + stage + " AS SELECT * FROM " + view);
            } finally {
                dropQuietly(statement, "VIEW", view);
            }
            marks[0] = System.nanoTime();
            try {
                DuckDbKeyedChecks.Staged staged = DuckDbKeyedChecks.check(statement, write, table, stage, columns);
                checkCancelled();
                marks[1] = System.nanoTime();
                if (ownTransaction) {
                    appendToDelta(statement, table, stage, columns, staged);
                } else {
                    if (table.keyIndexFree()) {
                        transaction.guardAtCommit(table.indexFreeKey());
                    }
                    applyToTable(statement, table, stage, columns);
                }
                updateCount = staged.rows();
                instance.streamPositions().record(connection, write, updateCount); // the stream's position, same transaction
                marks[2] = System.nanoTime();
            } finally {
                running(null);
                dropQuietly(statement, "TABLE", "temp." + stage);
            }
            if (ownTransaction) {
                // Counted before the commit, so a fold can never have folded more rows than are
                // counted, and a statement after the acknowledgement always sees them pending.
                instance.deltas().appended(table, updateCount);
                try {
                    statement.execute("COMMIT");
                } catch (SQLException e) {
                    instance.deltas().appended(table, -updateCount);
                    throw e;
                }
                inTransaction = false;
                marks[3] = System.nanoTime();
                log.debug("Wrote {} rows into the delta of {} in {} ms (until staged {} ms, check {} ms, append {} ms,"
                        + " commit {} ms)", updateCount, write, (marks[3] - start) / 1_000_000,
                        (marks[0] - start) / 1_000_000, (marks[1] - marks[0]) / 1_000_000,
                        (marks[2] - marks[1]) / 1_000_000, (marks[3] - marks[2]) / 1_000_000);
                instance.deltas().committed();
            }
        } catch (SQLException e) {
            if (prepared != null) {
                instance.deltas().forget(prepared);
            }
            throw DuckDbErrors.toFlock(e, ownTransaction ? "Nothing was written into " + write
                    : "The write into " + write + " failed");
        } catch (FlockException e) {
            if (prepared != null) {
                instance.deltas().forget(prepared);
            }
            throw e;
        }
    }

    private void checkCancelled() {
        if (cancelled()) {
            throw new FlockException(ErrorCode.QUERY_CANCELLED, "The write into " + write + " was cancelled");
        }
    }

    /**
     * The stream's columns, each mapped to the table column it fills ({@code __flock_op} to itself),
     * refusing a column the table does not have.
     */
    private Map<String, String> streamColumns(DuckDbKeyedTable table) {
        Schema schema;
        try {
            schema = rows.getVectorSchemaRoot().getSchema();
        } catch (IOException e) {
            throw new FlockException(ErrorCode.IO_ERROR, "Cannot read the rows written into " + write + ": "
                    + e.getMessage(), e);
        }
        Map<String, String> byLowerName = new TreeMap<>();
        table.columns().forEach(c -> byLowerName.put(c.name().toLowerCase(Locale.ROOT), c.name()));
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        boolean hasOp = false;
        for (Field field : schema.getFields()) {
            String name = field.getName();
            if (write.operation() == TableWrite.Operation.CHANGES && name.equals(TableWrite.OPERATION_COLUMN)) {
                hasOp = true;
                continue;
            }
            String column = byLowerName.get(name.toLowerCase(Locale.ROOT));
            if (column == null) {
                throw new FlockException(ErrorCode.NOT_FOUND, "Column '" + name + "' of the rows written into "
                        + write + " does not exist in the table; its columns are "
                        + table.columns().stream().map(DuckDbKeyedTable.Column::name).toList());
            }
            columns.put(name, column);
        }
        if (write.operation() == TableWrite.Operation.CHANGES && !hasOp) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "The rows of a CHANGES write into " + write
                    + " need the VARCHAR column '" + TableWrite.OPERATION_COLUMN + "' (UPSERT or DELETE)");
        }
        for (String key : table.key()) {
            if (!columns.containsValue(key)) {
                throw new FlockException(ErrorCode.INVALID_ARGUMENT, "The rows written into " + write
                        + " lack the primary-key column '" + key + "'");
            }
        }
        return columns;
    }

    private String opExpression() {
        return write.operation() == TableWrite.Operation.CHANGES ? quote(TableWrite.OPERATION_COLUMN) : "'UPSERT'";
    }

    private void appendToDelta(Statement statement, DuckDbKeyedTable table, String stage, Map<String, String> columns,
                               DuckDbKeyedChecks.Staged staged) throws SQLException {
        long first = instance.deltas().reserve(table, staged.rows()) - staged.firstRowId();
        List<String> targets = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        columns.forEach((source, target) -> {
            sources.add(quote(source));
            targets.add(quote(target));
        });
        statement.execute("INSERT INTO " + table.qualifiedDeltaName() + " (" + String.join(", ", targets) + ", " + OP
                + ", " + SEQ + ") SELECT " + String.join(", ", sources) + ", " + opExpression() + ", " + first
                + " + rowid FROM " + stage);
    }

    private void applyToTable(Statement statement, DuckDbKeyedTable table, String stage, Map<String, String> columns)
            throws SQLException {
        List<String> targets = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<String> keyMatch = new ArrayList<>();
        columns.forEach((source, target) -> {
            sources.add(quote(source));
            targets.add(quote(target));
            if (table.key().contains(target)) {
                keyMatch.add(quote(table.table()) + "." + quote(target) + " = __flock_keys." + quote(source));
            }
        });
        List<String> keySources = new ArrayList<>();
        columns.forEach((source, target) -> {
            if (table.key().contains(target)) {
                keySources.add(quote(source));
            }
        });
        statement.execute("DELETE FROM " + table.qualifiedName() + " USING (SELECT DISTINCT "
                + String.join(", ", keySources) + " FROM " + stage + ") AS __flock_keys WHERE "
                + String.join(" AND ", keyMatch));
        statement.execute("INSERT INTO " + table.qualifiedName() + " (" + String.join(", ", targets) + ") SELECT "
                + String.join(", ", sources) + " FROM " + stage + " QUALIFY row_number() OVER (PARTITION BY "
                + String.join(", ", keySources) + " ORDER BY rowid DESC) = 1 AND " + opExpression() + " = 'UPSERT'");
    }

    private static void dropQuietly(Statement statement, String kind, String name) {
        try {
            statement.execute("DROP " + kind + " IF EXISTS " + name);
        } catch (SQLException e) {
            log.debug("Dropping {} {} failed: {}", kind, name, e.getMessage());
        }
    }

    @Override
    boolean transactionOpen() {
        return inTransaction;
    }
}
