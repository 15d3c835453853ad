package io.flock.engine.duckdb;

import io.flock.engine.sql.TableName;
import io.flock.engine.worker.Execution;
import io.flock.engine.worker.TableWrite;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts a stream of Arrow batches into one table in one DuckDB statement: the stream is handed to
 * DuckDB through the Arrow C stream interface (no row-by-row Java on the way) and read by
 * {@code INSERT INTO … BY NAME SELECT * FROM <stream>} — or, for a write that creates its table,
 * {@code CREATE [OR REPLACE] TABLE … AS SELECT * FROM <stream>}. Either in its own transaction,
 * committed when every row is in, or in the caller's open transaction.
 */
final class DuckDbAppendExecution extends DuckDbTableWrite {
    private static final Logger log = LoggerFactory.getLogger(DuckDbAppendExecution.class);
    private static final AtomicLong STREAMS = new AtomicLong();

    private boolean committed;
    /** Whether the write adds keys to a table whose key Flock keeps (a failure must then end its transaction). */
    private boolean guarded;

    /** The explicit transaction the write runs in; null for a write in a transaction of its own. */
    private final DuckDbTransaction transaction;

    private DuckDbAppendExecution(DuckDbInstance instance, DuckDBConnection connection, Runnable releaseConnection,
                                  DuckDbTransaction transaction, TableWrite write, ArrowReader rows,
                                  BufferAllocator allocator) {
        super(instance, connection, releaseConnection, transaction == null, write, rows, allocator);
        this.transaction = transaction;
    }

    /** An append in a transaction of its own (a keyed write for UPSERT and CHANGES). */
    static Execution prepare(DuckDbInstance instance, TableWrite write, ArrowReader rows, BufferAllocator allocator) {
        if (write.operation().keyed()) {
            return DuckDbKeyedWrite.prepare(instance, write, rows, allocator);
        }
        instance.deltas().foldPending(write);
        DuckDBConnection connection = instance.borrow();
        try (Statement begin = connection.createStatement()) {
            if (write.stream().isPresent()) {
                instance.streamPositions().ensureTable(connection);
            }
            begin.execute("BEGIN TRANSACTION");
        } catch (SQLException e) {
            instance.release(connection);
            throw DuckDbErrors.toFlock(e, "Cannot begin a transaction on database '" + instance.name() + "'");
        }
        return schemaChanging(instance, new DuckDbAppendExecution(instance, connection,
                () -> instance.release(connection), null, write, rows, allocator));
    }

    /** An append inside {@code transaction}, on its connection (a keyed write for UPSERT and CHANGES). */
    static Execution prepare(DuckDbTransaction transaction, TableWrite write, ArrowReader rows,
                             BufferAllocator allocator) {
        if (write.operation().keyed()) {
            return DuckDbKeyedWrite.prepare(transaction, write, rows, allocator);
        }
        transaction.instance().deltas().foldPending(write);
        if (write.operation().createsTable()) {
            transaction.schemaChanging();
        }
        DuckDBConnection connection = transaction.takeTurn();
        return schemaChanging(transaction.instance(), new DuckDbAppendExecution(transaction.instance(), connection,
                transaction::endTurn, transaction, write, rows, allocator));
    }

    /** A write that creates its table changes the schema: cached statement shapes are forgotten around it. */
    private static Execution schemaChanging(DuckDbInstance instance, DuckDbAppendExecution execution) {
        return execution.write.operation().createsTable() ? new SchemaChangeExecution(execution, instance.shapes())
                : execution;
    }

    @Override
    public void run() {
        String view = "__flock_append_" + STREAMS.incrementAndGet();
        try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator);
             Statement statement = connection.createStatement()) {
            if (cancelled()) {
                throw new FlockException(ErrorCode.QUERY_CANCELLED, "The write into " + write + " was cancelled");
            }
            Optional<IndexFreeKey> kept = indexFreeKey();
            ReentrantLock turn = ownTransaction ? kept.map(instance.indexFreeKeys()::writeTurn).orElse(null) : null;
            if (turn != null) {
                turn.lock();
            }
            try {
                guarded = kept.isPresent();
                if (turn != null) {
                    IndexFreeKeys.guard(connection, kept.get());
                }
                Data.exportArrayStream(allocator, rows, stream);
                connection.registerArrowStream(view, stream);
                running(statement);
                try {
                    statement.execute(switch (write.operation()) {
                        case CREATE -> "CREATE TABLE " + write.qualifiedName() + " AS SELECT * FROM " + view;
                        case REPLACE -> "CREATE OR REPLACE TABLE " + write.qualifiedName() + " AS SELECT * FROM " + view;
                        default -> "INSERT INTO " + write.qualifiedName() + " BY NAME SELECT * FROM " + view;
                    });
                    updateCount = Math.max(0, statement.getLargeUpdateCount());
                    if (write.operation() == TableWrite.Operation.REPLACE) {
                        // the new table has no key: forget one Flock kept for the table it replaced
                        IndexFreeKeys.forget(connection, new TableName(Optional.of(write.schema()), write.table()));
                    }
                    if (kept.isPresent()) {
                        IndexFreeKeys.checkUnique(connection, kept.get(), false);
                        if (transaction != null) {
                            transaction.guardAtCommit(kept.get());
                        }
                    }
                    instance.streamPositions().record(connection, write, updateCount);
                } finally {
                    running(null);
                    dropView(statement, view);
                }
                if (ownTransaction) {
                    statement.execute("COMMIT");
                    committed = true;
                }
            } finally {
                if (turn != null) {
                    turn.unlock();
                }
            }
        } catch (SQLException e) {
            abortOpenTransaction();
            throw DuckDbErrors.toFlock(e, ownTransaction ? "Nothing was written into " + write
                    : "The write into " + write + " failed");
        } catch (RuntimeException e) {
            abortOpenTransaction();
            throw e;
        }
    }

    /**
     * The key Flock keeps for the table this write inserts into, if it was created {@code WITH
     * (key_index = false)}: the write (or, inside a transaction, its commit) guards it, and the rows
     * it adds are checked.
     */
    private Optional<IndexFreeKey> indexFreeKey() throws SQLException {
        if (write.operation().createsTable()) {
            return Optional.empty();
        }
        if (!ownTransaction) {
            return IndexFreeKeys.read(connection, write.schema(), write.table());
        }
        return instance.indexFreeKeys().all().stream()
                .filter(k -> k.schema().equalsIgnoreCase(write.schema()) && k.table().equalsIgnoreCase(write.table()))
                .findFirst();
    }

    /**
     * A failed write into a table whose key Flock keeps, inside an open transaction, leaves the
     * transaction unable to commit: DuckDB aborts it on most errors, but not when a key check failed.
     */
    private void abortOpenTransaction() {
        if (!ownTransaction && guarded) {
            IndexFreeKeys.abort(connection);
        }
    }

    private static void dropView(Statement statement, String view) {
        try {
            statement.execute("DROP VIEW IF EXISTS " + view);
        } catch (SQLException e) {
            log.debug("Dropping the stream view {} failed: {}", view, e.getMessage());
        }
    }

    @Override
    boolean transactionOpen() {
        return ownTransaction && !committed;
    }
}
