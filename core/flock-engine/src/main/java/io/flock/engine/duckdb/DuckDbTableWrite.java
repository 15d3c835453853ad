package io.flock.engine.duckdb;

import io.flock.engine.worker.Execution;
import io.flock.engine.worker.TableWrite;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every write of Arrow rows into a table shares: the connection it runs on (its own, or an
 * open transaction's turn), the rows, cancel of the running DuckDB statement, an update count and
 * no result rows; closing rolls back a transaction the write opened and did not commit, then gives
 * the connection back, exactly once.
 */
abstract class DuckDbTableWrite implements Execution {
    private static final Logger log = LoggerFactory.getLogger(DuckDbTableWrite.class);

    final DuckDbInstance instance;
    final DuckDBConnection connection;
    final boolean ownTransaction;
    final TableWrite write;
    final ArrowReader rows;
    final BufferAllocator allocator;
    private final Runnable releaseConnection;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Statement running;
    private volatile boolean cancelled;
    long updateCount = -1;

    DuckDbTableWrite(DuckDbInstance instance, DuckDBConnection connection, Runnable releaseConnection,
                     boolean ownTransaction, TableWrite write, ArrowReader rows, BufferAllocator allocator) {
        this.instance = instance;
        this.connection = connection;
        this.releaseConnection = releaseConnection;
        this.ownTransaction = ownTransaction;
        this.write = write;
        this.rows = rows;
        this.allocator = allocator;
    }

    /** Whether {@link #cancel()} was called. */
    final boolean cancelled() {
        return cancelled;
    }

    /** The statement {@link #cancel()} interrupts; null when none runs. */
    final void running(Statement statement) {
        running = statement;
    }

    /** Whether the write opened a transaction that is still open (rolled back on close). */
    abstract boolean transactionOpen();

    @Override
    public final Schema schema() {
        return new Schema(List.of());
    }

    @Override
    public final Optional<ArrowReader> reader() {
        return Optional.empty();
    }

    @Override
    public final long updateCount() {
        return updateCount;
    }

    @Override
    public final void cancel() {
        cancelled = true;
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException e) {
                log.debug("Cancel of a write on '{}' failed: {}", instance.name(), e.getMessage());
            }
        }
    }

    @Override
    public final String profileJson() {
        return "";
    }

    @Override
    public final void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (transactionOpen()) {
            try (Statement rollback = connection.createStatement()) {
                rollback.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // DuckDB already ended the failed transaction
            }
        }
        releaseConnection.run();
    }
}
