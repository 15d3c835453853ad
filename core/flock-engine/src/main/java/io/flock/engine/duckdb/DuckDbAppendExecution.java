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

    /** Whether the write's own transaction is open (rolled back if the write fails). */
    private boolean open;
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
        if (write.stream().isPresent()) {
            try {
                instance.streamPositions().ensureTable(connection);
            } catch (SQLException e) {
                instance.release(connection);
                throw DuckDbErrors.toFlock(e, "Cannot prepare the write into " + write);
            }
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
        String staged = null;
        ReentrantLock turn = null;
        try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator);
             Statement statement = connection.createStatement()) {
            if (cancelled()) {
                throw new FlockException(ErrorCode.QUERY_CANCELLED, "The write into " + write + " was cancelled");
            }
            Optional<IndexFreeKey> kept = indexFreeKey();
            guarded = kept.isPresent();
            Data.exportArrayStream(allocator, rows, stream);
            connection.registerArrowStream(view, stream);
            running(statement);
            try {
                String source = view;
                if (ownTransaction && kept.isPresent()) {
                    // Writers that add keys to the table take turns until they commit: the rows are
                    // read from the client first, so that a slow sender does not hold the others up.
                    staged = view + "_staged";
                    statement.execute("CREATE TEMP TABLE " + staged + " AS SELECT * FROM " + view);
                    source = "temp." + staged;
                    turn = instance.indexFreeKeys().writeTurn(kept.get());
                    turn.lock();
                }
                if (ownTransaction) {
                    statement.execute("BEGIN TRANSACTION");
                    open = true;
                }
                if (turn != null) {
                    IndexFreeKeys.guard(connection, kept.get());
                }
                statement.execute(switch (write.operation()) {
                    case CREATE -> "CREATE TABLE " + write.qualifiedName() + " AS SELECT * FROM " + source;
                    case REPLACE -> "CREATE OR REPLACE TABLE " + write.qualifiedName() + " AS SELECT * FROM " + source;
                    default -> "INSERT INTO " + write.qualifiedName() + " BY NAME SELECT * FROM " + source;
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
                if (ownTransaction) {
                    statement.execute("COMMIT");
                    open = false;
                }
            } catch (SQLException | RuntimeException e) {
                endFailedTransaction(); // before the turn is given back: the guard is still held
                throw e;
            } finally {
                running(null);
                if (turn != null) {
                    turn.unlock();
                }
                drop("VIEW", view);
                if (staged != null) {
                    drop("TABLE", "temp." + staged);
                }
            }
        } catch (SQLException e) {
            throw DuckDbErrors.toFlock(e, ownTransaction ? "Nothing was written into " + write
                    : "The write into " + write + " failed");
        }
    }

    /**
     * Ends what a failed write leaves: its own transaction is rolled back; an open transaction in
     * which it added keys to a table whose key Flock keeps is made unable to commit (DuckDB aborts
     * it on most errors, but not when a key check failed).
     */
    private void endFailedTransaction() {
        if (open) {
            open = false;
            // a statement of DuckDB's JDBC layer is closed once it failed: use a new one
            try (Statement statement = connection.createStatement()) {
                statement.execute("ROLLBACK");
            } catch (SQLException e) {
                log.debug("Rolling back a failed write into {}: {}", write, e.getMessage());
            }
        } else if (!ownTransaction && guarded) {
            IndexFreeKeys.abort(connection);
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
        return IndexFreeKeys.find(instance.indexFreeKeys().all(), write.schema(), write.table());
    }

    private void drop(String kind, String name) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP " + kind + " IF EXISTS " + name);
        } catch (SQLException e) {
            log.debug("Dropping {} {} failed: {}", kind, name, e.getMessage());
        }
    }

    @Override
    boolean transactionOpen() {
        return open;
    }
}
