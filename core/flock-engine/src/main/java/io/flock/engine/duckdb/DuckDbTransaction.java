package io.flock.engine.duckdb;

import io.flock.engine.worker.WorkerTransaction;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;

/** A DuckDB transaction holding one pooled connection until it ends. */
final class DuckDbTransaction implements WorkerTransaction {
    private final DuckDbInstance instance;
    private final DuckDBConnection connection;
    private final Semaphore turn = new Semaphore(1, true);
    private boolean ended;
    /** Whether a statement of the transaction changed the schema (see {@link #schemaChanging}). */
    private volatile boolean schemaChanged;
    /** Tables whose key Flock keeps and to which this transaction added keys: guarded at commit. */
    private final Set<IndexFreeKey> guardAtCommit = ConcurrentHashMap.newKeySet();

    private DuckDbTransaction(DuckDbInstance instance, DuckDBConnection connection) {
        this.instance = instance;
        this.connection = connection;
    }

    static DuckDbTransaction begin(DuckDbInstance instance) {
        DuckDBConnection connection = instance.borrow();
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN TRANSACTION");
        } catch (SQLException e) {
            instance.release(connection);
            throw DuckDbErrors.toFlock(e, "Cannot begin a transaction on database '" + instance.name() + "'");
        }
        return new DuckDbTransaction(instance, connection);
    }

    DuckDbInstance instance() {
        return instance;
    }

    /** Takes the transaction's connection for one statement; give the turn back with {@link #endTurn()}. */
    DuckDBConnection takeTurn() {
        try {
            if (!turn.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new FlockException(ErrorCode.TRANSACTION_CONFLICT,
                        "Another statement of this transaction is still running or streaming; fetch its result first");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlockException(ErrorCode.QUERY_CANCELLED, "Interrupted while waiting for the transaction");
        }
        synchronized (this) {
            if (ended) {
                turn.release();
                throw new FlockException(ErrorCode.NOT_FOUND, "The transaction has already ended");
            }
        }
        return connection;
    }

    void endTurn() {
        turn.release();
    }

    @Override
    public boolean busy() {
        return turn.availablePermits() == 0;
    }

    @Override
    public String database() {
        return instance.name();
    }

    @Override
    public void commit() {
        end("COMMIT");
    }

    @Override
    public void rollback() {
        end("ROLLBACK");
    }

    private void end(String verb) {
        synchronized (this) {
            if (ended) {
                return;
            }
        }
        DuckDBConnection own = takeTurn();
        try {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            try (Statement s = own.createStatement()) {
                if (verb.equals("COMMIT")) {
                    checkNotAborted(s);
                    commitGuarded(s);
                } else {
                    s.execute(verb);
                }
            } catch (SQLException e) {
                if (verb.equals("COMMIT")) {
                    rollbackQuietly(own);
                }
                throw DuckDbErrors.toFlock(e, verb + " failed on database '" + instance.name() + "'");
            } finally {
                // A schema change of the transaction becomes visible (or is undone) only now; a
                // transaction that changed none leaves the caches of statements and shapes alone.
                if (schemaChanged) {
                    instance.shapes().invalidate();
                }
                instance.release(own);
            }
        } finally {
            turn.release();
        }
    }

    /**
     * Refuses to commit a transaction DuckDB aborted (a statement of it failed): DuckDB's COMMIT of
     * such a transaction rolls it back and reports success, which would tell the client its writes
     * were committed.
     */
    private void checkNotAborted(Statement s) {
        try (ResultSet ignored = s.executeQuery("SELECT 1")) {
            // a transaction DuckDB aborted refuses every statement
        } catch (SQLException e) {
            rollbackQuietly(connection);
            throw new FlockException(ErrorCode.TRANSACTION_CONFLICT, "The transaction on database '" + instance.name()
                    + "' was rolled back, not committed: one of its statements failed, and a transaction with a failed"
                    + " statement cannot commit (" + e.getMessage().strip() + ")", e);
        }
    }

    /**
     * Notes that this transaction added keys to {@code table}, whose key Flock keeps: its commit takes
     * the table's guard (see {@link IndexFreeKeys}). Taking it at commit rather than at the write keeps
     * an open transaction from holding up the table's folds and other writers; the commit fails
     * instead if another transaction added keys to the table since this one began.
     */
    void guardAtCommit(IndexFreeKey table) {
        guardAtCommit.add(table);
    }

    /**
     * Commits, first taking (in a fixed order) the write turns and guards of the tables this
     * transaction added keys to: no other writer of those tables commits meanwhile, and one that
     * committed since this transaction began makes the guard, and so the commit, fail.
     */
    private void commitGuarded(Statement s) throws SQLException {
        List<IndexFreeKey> tables = guardAtCommit.stream().sorted(Comparator.comparing(IndexFreeKey::toString)).toList();
        List<ReentrantLock> turns = new ArrayList<>();
        try {
            for (IndexFreeKey table : tables) {
                ReentrantLock turn = instance.indexFreeKeys().writeTurn(table);
                turn.lock();
                turns.add(turn);
            }
            for (IndexFreeKey table : tables) {
                try {
                    IndexFreeKeys.guard(connection, table);
                } catch (FlockException e) {
                    rollbackQuietly(connection);
                    throw new FlockException(e.errorCode(), "The transaction on database '" + instance.name()
                            + "' was rolled back, not committed: " + e.getMessage(), e);
                }
            }
            s.execute("COMMIT");
        } finally {
            for (int i = turns.size() - 1; i >= 0; i--) {
                turns.get(i).unlock();
            }
        }
    }

    /** Whether a statement of this transaction changed the schema (its catalog differs from the committed one). */
    boolean changedSchema() {
        return schemaChanged;
    }

    /** Notes that a statement of this transaction changes the schema: its end empties the caches that depend on it. */
    void schemaChanging() {
        schemaChanged = true;
    }

    private static void rollbackQuietly(DuckDBConnection connection) {
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // DuckDB already rolled back a failed commit
        }
    }
}
